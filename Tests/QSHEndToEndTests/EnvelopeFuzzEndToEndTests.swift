import Foundation
import Testing

/// 10,000 random and mutated envelopes through the real binary (`QSH_FUZZ_ENVELOPES` changes
/// the count, `QSH_FUZZ_SEED` the seed): whatever arrives, the process never crashes, exits
/// 0-4, and prints exactly one JSON response line whose `exit_code` is its exit status; every
/// signal line it appends is a whole JSON object.
struct EnvelopeFuzzEndToEndTests {
    static let environment = ProcessInfo.processInfo.environment
    static let count = environment["QSH_FUZZ_ENVELOPES"].flatMap { Int($0) } ?? 10_000
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
        if Self.count >= 1_000 {
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

struct FuzzEnvelope {
    let bytes: [UInt8]
    /// Send as the argument itself rather than on standard input (when it can be one).
    let inline: Bool
}

/// Deterministic envelopes: structured mutations of valid requests (wrong types, unknown and
/// missing keys, odd values) and byte-level damage (flips, insertions, cuts, splices), plus a
/// few pure-noise and deeply nested inputs.
struct EnvelopeGenerator {
    private var state: UInt64

    init(seed: UInt64) { state = seed &* 0x9E37_79B9_7F4A_7C15 | 1 }

    mutating func random() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    mutating func below(_ bound: Int) -> Int { Int(random() % UInt64(max(bound, 1))) }
    mutating func pick<T>(_ values: [T]) -> T { values[below(values.count)] }

    /// Valid requests to start from. Most use tickers without data (they fail fast with exit 3
    /// after validation); a few run a small synthetic backtest.
    static var seeds: [[String: Any]] { [
        ["schema_version": "1.0", "request_id": "f", "command": "run",
         "params": ["ticker": "SYN-ETH", "start": "2023-01-01", "end": "2023-06-01"]],
        ["schema_version": "1.0", "command": "run",
         "params": ["ticker": "ETH-USD", "strategy": "sma_cross", "params": ["fast": 10, "slow": 30], "fee": 0.001]],
        ["schema_version": "1.0", "request_id": "g", "command": "run",
         "params": ["ticker": "SPY", "rsi_buy_max": 55, "cooldown_days": 2, "slippage_mode": "atr", "k_atr": 0.05,
                    "initial_cash": 1000, "report": true, "paper": false]],
        ["schema_version": "1.0", "command": "sweep", "params": ["config_path": "grid.yaml", "sweep_outdir": "out"]],
        ["schema_version": "1.0", "command": "tune", "params": ["config_path": "tune.yaml"]],
        ["schema_version": "1.0", "request_id": "h", "command": "soak", "params": ["config_path": "soak.yaml"]],
    ] }

    static let keys = [
        "schema_version", "request_id", "command", "params", "ticker", "start", "end", "strategy", "fee",
        "slippage_bps", "slippage_mode", "k_atr", "initial_cash", "paper", "report", "no_adjust", "rsi_buy_max",
        "rsi_sell_min", "cooldown_days", "fast", "slow", "config_path", "sweep_outdir", "bogus", "", "ticker ",
        "\u{00E9}t\u{00E9}",
    ]

    mutating func oddValue() -> Any {
        pick([
            NSNull(), true, false, 0, -1, 1.5, 1e300, -0.0, Int.max, "", "1.0", "run", "SYN-ETH", "2023-13-45",
            "\u{2603}", [] as [Any], [1, "a"] as [Any], [:] as [String: Any], ["x": 1] as [String: Any],
            "sma_cross", "atr", "NaN", 100, 60,
        ] as [Any])
    }

    mutating func next() -> FuzzEnvelope {
        let inline = below(4) == 0
        switch below(20) {
        case 0:
            return FuzzEnvelope(bytes: (0..<below(64)).map { _ in UInt8(truncatingIfNeeded: random()) }, inline: inline)
        case 1:
            let depth = pick([10, 100, 511, 512, 513, 5_000, 100_000])
            let open = pick(["[", "{\"a\":", "{\"params\":"])
            return FuzzEnvelope(bytes: Array(String(repeating: open, count: depth).utf8), inline: false)
        case 2...10:
            return FuzzEnvelope(bytes: structured(), inline: inline)
        default:
            return FuzzEnvelope(bytes: damaged(), inline: inline)
        }
    }

    /// A seed with one to three of its keys or values changed.
    mutating func structured() -> [UInt8] {
        var envelope = pick(Self.seeds)
        var params = envelope["params"] as? [String: Any] ?? [:]
        for _ in 0...below(3) {
            switch below(6) {
            case 0: envelope[pick(Self.keys)] = oddValue()
            case 1: envelope.removeValue(forKey: pick(Array(envelope.keys)))
            case 2: params[pick(Self.keys)] = oddValue()
            case 3: if let key = params.keys.sorted().first { params.removeValue(forKey: key) }
            case 4: params["params"] = [pick(Self.keys): oddValue()]
            default: envelope["schema_version"] = pick(["1.0", "1", "1.0 ", "v1.0"])
            }
        }
        if envelope["params"] is [String: Any] { envelope["params"] = params }
        let data = (try? JSONSerialization.data(withJSONObject: envelope, options: [.sortedKeys, .fragmentsAllowed])) ?? Data()
        return Array(data)
    }

    /// A seed's JSON text with bytes flipped, inserted, cut or spliced.
    mutating func damaged() -> [UInt8] {
        let seed = (try? JSONSerialization.data(withJSONObject: pick(Self.seeds), options: [.sortedKeys])) ?? Data()
        var bytes = Array(seed)
        let alphabet = Array("{}[]\":,0123456789eE.-+\\ tfnul/u".utf8) + [0x00, 0x0A, 0x80, 0xC3, 0xE2, 0xED, 0xFF]
        for _ in 0...below(4) {
            guard !bytes.isEmpty else { break }
            let at = below(bytes.count)
            switch below(6) {
            case 0: bytes[at] = UInt8(truncatingIfNeeded: random())
            case 1: bytes[at] = pick(alphabet)
            case 2: bytes.insert(contentsOf: (0...below(3)).map { _ in pick(alphabet) }, at: at)
            case 3: bytes.removeSubrange(at..<min(bytes.count, at + 1 + below(8)))
            case 4: bytes.removeSubrange(at...)
            default:
                let length = min(bytes.count - at, 1 + below(24))
                bytes.insert(contentsOf: bytes[at..<(at + length)], at: below(bytes.count))
            }
        }
        return bytes
    }
}
