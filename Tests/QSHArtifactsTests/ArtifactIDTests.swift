import Foundation
import Testing
@testable import QSHArtifacts

/// Identifiers `YYYYMMDD_HHMMSS_<kind>_<h7>` and config hashes. Expected hashes are CPython's
/// `hashlib.sha1(json.dumps(config, sort_keys=True).encode()).hexdigest()`, pasted.
@Suite struct ArtifactIDTests {
    struct Config: Sendable, CustomTestStringConvertible {
        let value: JSONValue
        let python: String
        let sha1: String
        var testDescription: String { python }
    }

    static let configs: [Config] = [
        Config(value: ["a": 1], python: #"{"a": 1}"#, sha1: "e4ad4daad53a2eec0313386ada88211e50d693bd"),
        Config(value: [:], python: "{}", sha1: "bf21a9e8fbc5a3846fb05b4fa0859e0917b2202f"),
        Config(
            value: [
                "ticker": "ETH-USD", "start": "2022-01-01", "end": nil, "interval": "1d", "strategy": "rsi_ma_cross_v2",
                "params": ["rsi_buy_max": 60, "rsi_sell_min": 75, "fast": 10, "slow": 50], "fee": 0.001,
                "slippage_bps": 5.0, "slippage_mode": "fixed", "k_atr": 0.5, "initial_cash": 10000.0, "paper": false,
            ],
            python: #"{"end": null, "fee": 0.001, "initial_cash": 10000.0, "interval": "1d", "k_atr": 0.5, "paper": false, "params": {"fast": 10, "rsi_buy_max": 60, "rsi_sell_min": 75, "slow": 50}, "slippage_bps": 5.0, "slippage_mode": "fixed", "start": "2022-01-01", "strategy": "rsi_ma_cross_v2", "ticker": "ETH-USD"}"#,
            sha1: "78411decac77f081345181fb19ed89706c47aced"),
        Config(
            value: [
                "fee": 0.001, "k_atr": 1e-05, "big": 1e+16, "bigger": 1.5e+16, "neg_zero": -0.0, "third": .double(1.0 / 3.0),
                "huge": 1.2345678901234568e+17, "tiny": 2.5e-07, "cash": 631.0,
            ],
            python: #"{"big": 1e+16, "bigger": 1.5e+16, "cash": 631.0, "fee": 0.001, "huge": 1.2345678901234568e+17, "k_atr": 1e-05, "neg_zero": -0.0, "third": 0.3333333333333333, "tiny": 2.5e-07}"#,
            sha1: "65068ccc91300055ed91e5642253de6a531b8ed4"),
        Config(
            value: [
                "ints": [0, -1, 9223372036854775807, -9223372036854775808],
                "nested": ["params": ["grid": ["fast": [5, 10, 20], "slow": [50, 100]], "empty": [:], "list": []]],
            ],
            python: #"{"ints": [0, -1, 9223372036854775807, -9223372036854775808], "nested": {"params": {"empty": {}, "grid": {"fast": [5, 10, 20], "slow": [50, 100]}, "list": []}}}"#,
            sha1: "b5d3a448d723afa9f2e61e2cf35bfbb64322d7cc"),
        Config(
            value: [
                "ticker": "\u{C9}TH-\u{20AC}", "note": "\u{1F600} \"quoted\" \\ back\u{A}line\u{9}tab", "\u{4E2D}": true,
                "Z": 1, "a": 2, "\u{E9}": nil,
            ],
            python: #"{"Z": 1, "a": 2, "note": "\ud83d\ude00 \"quoted\" \\ back\nline\ttab", "ticker": "\u00c9TH-\u20ac", "\u00e9": null, "\u4e2d": true}"#,
            sha1: "56fc2281c0b1482ce2241951f04231562d25768d"),
        Config(value: ["B": 1, "a": 2, "A": 3, "b": 4], python: #"{"A": 3, "B": 1, "a": 2, "b": 4}"#,
               sha1: "1c6d77b6f199ea66891c5c44b077a676c8087a64"),
    ]

    @Test(arguments: configs) func configHashIsPythonsSha1OfSortedKeyJSON(_ config: Config) {
        #expect(config.value.compact() == config.python)
        #expect(ArtifactID.configHash(config.value) == config.sha1)
        #expect(ArtifactID.make(kind: "run", config: config.value, now: Date()).configHash == config.sha1)
    }

    @Test func sha1OfRawBytes() {
        #expect(ArtifactID.sha1Hex([]) == "da39a3ee5e6b4b0d3255bfef95601890afd80709")
        #expect(ArtifactID.sha1Hex(Array("abc".utf8)) == "a9993e364706816aba3e25717850c26c9cd0d89d")
        #expect(ArtifactID.sha1Hex(Array("\u{E9}\u{1F600}".utf8)) == "9c286deb5d7549eafd1dcb2b58e0b573bc1b4a97")
        #expect(ArtifactID.sha1Hex(Array(repeating: 0, count: 1_000)).count == 40)
    }

    static let now = Date(timeIntervalSince1970: 1_767_225_600)  // 2026-01-01T00:00:00Z

    @Test(arguments: ["run", "paper", "grid", "tune", "soak"])
    func idIsStampKindAndSevenHexDigits(_ kind: String) throws {
        for config in Self.configs {
            let made = ArtifactID.make(kind: kind, config: config.value, now: Self.now)
            #expect(made.id == "20260101_000000_\(kind)_\(config.sha1.prefix(7))")
            #expect(made.configHash == config.sha1)
            #expect(made.id.range(of: #"^\d{8}_\d{6}_[a-z]+_[0-9a-f]{7}$"#, options: .regularExpression) != nil)
        }
    }

    @Test func idUsesUTCAndDropsFractionsOfASecond() {
        let config: JSONValue = ["a": 1]
        let at = Date(timeIntervalSince1970: 1_795_499_400)  // 2026-11-24 05:50:00 UTC
        let made = ArtifactID.make(kind: "run", config: config, now: at)
        #expect(made.id == "20261124_055000_run_e4ad4da")
        #expect(ArtifactID.make(kind: "run", config: config, now: at.addingTimeInterval(0.999)).id == made.id,
                "same config, same second: same id (the folder gets the _2 suffix)")
        #expect(ArtifactID.make(kind: "run", config: config, now: at.addingTimeInterval(1)).id == "20261124_055001_run_e4ad4da")
        #expect(ArtifactID.make(kind: "run", config: ["a": 2], now: at).id != made.id)
        #expect(ArtifactID.make(kind: "run", config: ["a": 1.0], now: at).id != made.id, "1 and 1.0 hash differently, as in Python")
    }

    @Test func keyOrderOfTheLiteralDoesNotMatter() {
        let one: JSONValue = ["x": 1, "y": ["b": 2, "a": 1]]
        let two: JSONValue = ["y": ["a": 1, "b": 2], "x": 1]
        #expect(ArtifactID.configHash(one) == ArtifactID.configHash(two))
    }
}
