import Foundation
import Testing

/// Many `qsh --json-request` processes appending to one signal file at once: every line is a
/// whole JSON object and none is lost.
struct SignalConcurrencyEndToEndTests {
    static let processes = 12

    @Test func twelveProcessesShareOneSignalFile() async throws {
        let scratch = try Scratch()
        let root = scratch.path
        let texts = try (0..<Self.processes).map { index -> String in
            // Every third one fails after starting (a data error), so all three events mix.
            let params: [String: Any] = index % 3 == 2 ? ["ticker": "MISSING-\(index)"] : JSONRequest.smallRun
            return try JSONRequest.envelope("run", params, requestID: "p\(index)")
        }
        let statuses = try await withThrowingTaskGroup(of: (Int, Int32).self) { group in
            for (index, text) in texts.enumerated() {
                group.addTask {
                    let result = try QSHProcess.run(
                        ["--json-request", text, "--signal-file", "logs/shared.jsonl"], in: root)
                    return (index, result.status)
                }
            }
            return try await group.reduce(into: [Int: Int32]()) { $0[$1.0] = $1.1 }
        }
        for index in 0..<Self.processes {
            #expect(statuses[index] == (index % 3 == 2 ? 3 : 0), "process \(index)")
        }

        let text = try scratch.read("logs/shared.jsonl")
        #expect(text.hasSuffix("\n"))
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false).dropLast()
        #expect(lines.count == 2 * Self.processes, "two events per process")
        var eventsByRequest: [String: [String]] = [:]
        for line in lines {
            let object = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
            let event = try #require(object, "a whole JSON object per line: \(line)")
            let id = try #require(event["request_id"] as? String)
            eventsByRequest[id, default: []].append(event["event"] as? String ?? "?")
        }
        for index in 0..<Self.processes {
            let expected = ["SESSION_STARTED", index % 3 == 2 ? "SESSION_FAILED" : "SESSION_COMPLETED"]
            #expect(eventsByRequest["p\(index)"] == expected, "p\(index)")
        }
    }
}
