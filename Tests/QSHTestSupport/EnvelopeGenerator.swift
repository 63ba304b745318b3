import Foundation

public struct FuzzEnvelope: Sendable {
    public let bytes: [UInt8]
    /// Send as the argument itself rather than on standard input (when it can be one).
    public let inline: Bool
}

/// Deterministic envelopes: structured mutations of valid requests (wrong types, unknown and
/// missing keys, odd values) and byte-level damage (flips, insertions, cuts, splices), plus a
/// few pure-noise and deeply nested inputs.
public struct EnvelopeGenerator {
    private var state: UInt64

    public init(seed: UInt64) { state = seed &* 0x9E37_79B9_7F4A_7C15 | 1 }

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
        ["schema_version": "1.0", "request_id": "h", "command": "soak",
         "params": ["iterations": 1, "top": 1, "iteration_length": "1s", "auto_tune": true]],
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

    public mutating func next() -> FuzzEnvelope {
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
