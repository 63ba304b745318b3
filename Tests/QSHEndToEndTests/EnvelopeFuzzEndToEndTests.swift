import Foundation
import QSHTestSupport
import Testing

/// Random and mutated envelopes through the real binary: 300 by default (the 10,000-envelope
/// corpus runs in-process in `EnvelopeFuzzTests`; `QSH_FUZZ_ENVELOPES` changes the count here,
/// `QSH_FUZZ_SEED` the seed). Whatever arrives, the process never crashes, exits 0-4, and
/// prints exactly one JSON response line whose `exit_code` is its exit status; every signal
/// line it appends is a whole JSON object.
struct EnvelopeFuzzEndToEndTests {
    static let environment = ProcessInfo.processInfo.environment
    static let count = environment["QSH_FUZZ_ENVELOPES"].flatMap { Int($0) } ?? 300
    static let seed = environment["QSH_FUZZ_SEED"].flatMap { UInt64($0) } ?? 20_261_201
    static let workers = 4

    @Test func everyEnvelopeGetsExactlyOneResponseLine() async throws {
        let scratch = try Scratch()
        let root = scratch.path
        let outcomes = try await withThrowingTaskGroup(of: ([String], [Int32: Int]).self) { group in
            for worker in 0..<Self.workers {
                group.addTask {
                    var found: [String] = []
                    var statuses: [Int32: Int] = [:]
                    for index in stride(from: worker, to: Self.count, by: Self.workers) {
                        var generator = EnvelopeGenerator(seed: Self.seed &+ UInt64(index))
                        let envelope = generator.next()
                        let (status, problem) = try Self.check(envelope, in: root, signalFile: "logs/fuzz-\(worker).jsonl")
                        statuses[status, default: 0] += 1
                        if let problem {
                            found.append("#\(index) \(problem)\n  envelope: \(Self.preview(envelope.bytes))")
                            if found.count >= 5 { break }
                        }
                    }
                    return (found, statuses)
                }
            }
            return try await group.reduce(into: ([String](), [Int32: Int]())) { total, part in
                total.0 += part.0
                total.1.merge(part.1, uniquingKeysWith: +)
            }
        }
        let (failures, statuses) = outcomes
        #expect(failures.isEmpty, "seed \(Self.seed):\n\(failures.prefix(10).joined(separator: "\n"))")
        // The corpus reaches past validation too: some requests run, some fail on data.
        if Self.count >= 300 {
            #expect(statuses[0, default: 0] > 0 && statuses[2, default: 0] > 0 && statuses[3, default: 0] > 0, "\(statuses)")
        }

        var started = 0, ended = 0
        for worker in 0..<Self.workers {
            guard let text = try? scratch.read("logs/fuzz-\(worker).jsonl") else { continue }
            for line in text.split(separator: "\n", omittingEmptySubsequences: false).dropLast() {
                let event = try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any]
                switch event?["event"] as? String {
                case "SESSION_STARTED": started += 1
                case "SESSION_COMPLETED", "SESSION_FAILED": ended += 1
                case "ITERATION_COMPLETED": break  // a soak's progress between its start and end
                default: Issue.record("not a signal line: \(line)")
                }
            }
        }
        #expect(started == ended, "every started session ended")
    }

    /// The exit status, and nil when the process behaved or else what was wrong.
    static func check(_ envelope: FuzzEnvelope, in root: String, signalFile: String) throws -> (Int32, String?) {
        let result = try send(envelope, in: root, signalFile: signalFile)
        return (result.status, problem(with: result))
    }

    static func send(_ envelope: FuzzEnvelope, in root: String, signalFile: String) throws -> QSHResult {
        let text = String(validating: envelope.bytes, as: UTF8.self)
        let inline = envelope.inline && text != nil && !envelope.bytes.contains(0)
            && !(text!.hasPrefix("@") || text! == "-")
        let arguments = ["--json-request", inline ? text! : "-", "--signal-file", signalFile]
        return try QSHProcess.run(
            arguments, in: root, environment: ["SWIFT_BACKTRACE": "enable=no"],
            stdinBytes: inline ? nil : Data(envelope.bytes))
    }

    static func problem(with result: QSHResult) -> String? {
        if result.crashed { return "killed by signal \(result.status); stderr: \(result.stderr.suffix(300))" }
        guard (0...4).contains(result.status) else { return "exit status \(result.status)" }
        let lines = result.stdout.split(separator: "\n", omittingEmptySubsequences: false)
        guard lines.count == 2, lines[1].isEmpty else { return "stdout is not one line: \(result.stdout.debugDescription)" }
        guard let response = try? JSONSerialization.jsonObject(with: Data(lines[0].utf8)) as? [String: Any] else {
            return "response is not a JSON object: \(lines[0])"
        }
        switch response["status"] as? String {
        case "success":
            return result.status == 0 ? nil : "success response with exit status \(result.status)"
        case "error":
            let code = (response["error"] as? [String: Any])?["exit_code"] as? Int
            return code == Int(result.status) && result.status != 0 ? nil : "error.exit_code \(String(describing: code)) vs exit \(result.status)"
        default:
            return "no status in \(lines[0])"
        }
    }

    static func preview(_ bytes: [UInt8]) -> String {
        let shown = bytes.prefix(240)
        let text = String(decoding: shown, as: UTF8.self).debugDescription
        return bytes.count > shown.count ? text + " ... (\(bytes.count) bytes)" : text
    }
}
