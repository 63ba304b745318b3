import Foundation
import Testing

/// What a `qsh --json-request` process answered: its exit status, the one response line parsed,
/// and the signal lines it appended.
struct JSONAnswer {
    let result: QSHResult
    let response: [String: Any]
    let signals: [[String: Any]]

    var status: Int32 { result.status }
    var error: [String: Any] { response["error"] as? [String: Any] ?? [:] }
    var message: String { error["message"] as? String ?? "" }
    var events: [String] { signals.compactMap { $0["event"] as? String } }
}

enum JSONRequest {
    /// `{"schema_version": "1.0", "request_id": ..., "command": ..., "params": ...}` as text.
    static func envelope(_ command: String, _ params: [String: Any], requestID: String = "req-1") throws -> String {
        let object: [String: Any] = ["schema_version": "1.0", "request_id": requestID, "command": command, "params": params]
        let data = try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys])
        return String(decoding: data, as: UTF8.self)
    }

    /// A short synthetic run (about 150 daily bars) that succeeds.
    static var smallRun: [String: Any] { ["ticker": "SYN-ETH", "start": "2023-01-01", "end": "2023-06-01"] }

    /// A JSON object given as text (test arguments must be Sendable).
    static func object(_ text: String) throws -> [String: Any] {
        try #require(try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [String: Any])
    }

    /// Sends `text` (inline, or on standard input when `viaStandardInput`) with a signal file
    /// in `scratch`, and checks the invariants every answer keeps: exactly one JSON line on
    /// stdout, and the exit status equal to `error.exit_code` (0 on success).
    static func send(
        _ text: String, in scratch: Scratch, viaStandardInput: Bool = false, extraArguments: [String] = [],
        environment: [String: String] = [:], sourceLocation: SourceLocation = #_sourceLocation
    ) throws -> JSONAnswer {
        let signalPath = "logs/signals.jsonl"
        let arguments = ["--json-request", viaStandardInput ? "-" : text, "--signal-file", signalPath] + extraArguments
        let result = try QSHProcess.run(
            arguments, in: scratch.path, environment: environment, stdin: viaStandardInput ? text : nil)
        let response = try parseResponse(result, sourceLocation: sourceLocation)
        let expected = response["status"] as? String == "success"
            ? 0 : ((response["error"] as? [String: Any])?["exit_code"] as? Int ?? -1)
        #expect(Int(result.status) == expected, "exit status vs response: \(result.stdout)", sourceLocation: sourceLocation)
        return JSONAnswer(result: result, response: response, signals: signalLines(scratch, signalPath))
    }

    /// The single stdout line as a JSON object (records an issue when it is not exactly that).
    static func parseResponse(_ result: QSHResult, sourceLocation: SourceLocation = #_sourceLocation) throws -> [String: Any] {
        let lines = result.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(
            lines.count == 2 && lines[1].isEmpty, "expected one line on stdout, got \(result.stdout.debugDescription)",
            sourceLocation: sourceLocation)
        let object = try JSONSerialization.jsonObject(with: Data((lines.first ?? "").utf8)) as? [String: Any]
        return try #require(object, "response is not a JSON object: \(result.stdout)", sourceLocation: sourceLocation)
    }

    static func signalLines(_ scratch: Scratch, _ relative: String) -> [[String: Any]] {
        guard let text = try? scratch.read(relative) else { return [] }
        return text.split(separator: "\n").compactMap {
            try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]
        }
    }
}
