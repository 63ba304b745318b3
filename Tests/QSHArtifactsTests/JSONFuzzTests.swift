import Testing
@testable import QSHArtifacts

/// The parser reads machine requests, so no input may crash it: random bytes, mutated valid
/// documents (byte flips, insertions, deletions, truncations, duplications) and every prefix
/// must each either parse or throw `JSONParseError`; what parses must survive a print/parse
/// round trip. Deterministic (SplitMix), so a failure names a reproducible input.
@Suite struct JSONFuzzTests {
    static let seeds: [String] = [
        #"{"schema_version": "1.0", "request_id": "r-1", "command": "run", "params": {"ticker": "ETH-USD", "fee": 0.001, "paper": false, "params": {"rsi_buy_max": 60}}}"#,
        #"[1, -2.5e-3, true, false, null, "a\"b\\c\u00e9\ud83d\ude00", {}, [], [[{"k": [0]}]]]"#,
        #"{"a": {"b": {"c": {"d": [1e308, -0.0, 9223372036854775807, 123456789012345678901234567890]}}}}"#,
        "\"plain \u{E9} \u{1F600} text\"",
        "  -0.000123E+45  ",
        "{\n  \"nested\": [\n    {\n      \"x\": 1.5e+16\n    }\n  ],\n  \"s\": \"\\t\\n\\/\"\n}",
    ]

    static let alphabet: [UInt8] = Array(#"{}[],:"\/bfnrtu0123456789+-.eE truefalsenullNaInfy'"#.utf8)
        + [0x00, 0x0A, 0x0D, 0x09, 0x1F, 0x7F, 0xC3, 0xA9, 0xED, 0xA0, 0xF0, 0x9F, 0xFF, 0x80, 0xEF, 0xBB, 0xBF]

    /// Parses; on success checks the round trip through all three layouts. Returns whether it parsed.
    static func check(_ bytes: [UInt8]) -> Bool {
        do {
            let value = try JSONValue.parse(bytes: bytes)
            for text in [value.compact(), value.formatted(), value.line()] {
                #expect(try JSONValue.parse(text) == value, "round trip of \(bytes)")
            }
            // The same input as a Swift string (valid UTF-8 here) gives the same value.
            #expect(try JSONValue.parse(String(decoding: bytes, as: UTF8.self)) == value)
            return true
        } catch {
            #expect(error.line >= 1 && error.column >= 1, "\(bytes)")
            #expect(!error.message.isEmpty && !error.description.contains("\n"), "\(bytes)")
            return false
        }
    }

    @Test func randomBytesNeverCrash() {
        var random = SplitMix(seed: 0x5EED)
        var parsed = 0
        for round in 0..<3_000 {
            let length = random.below(64)
            let bytes: [UInt8] = (0..<length).map { _ in
                round % 2 == 0
                    ? UInt8(truncatingIfNeeded: random.next()) : Self.alphabet[random.below(Self.alphabet.count)]
            }
            if Self.check(bytes) { parsed += 1 }
        }
        #expect(parsed > 0, "some random inputs are valid JSON (digits, literals)")
    }

    @Test func randomStringsNeverCrash() {
        var random = SplitMix(seed: 0xC0FFEE)
        let pieces = ["{", "}", "[", "]", ",", ":", "\"", "\\", "\\u", "d83d", "de00", "0", "-", "1", ".", "e", "+",
                      "true", "null", "\u{E9}", "\u{1F600}", " ", "\n", "\"k\"", "NaN", "//", "'"]
        for _ in 0..<2_000 {
            let text = (0..<random.below(24)).map { _ in pieces[random.below(pieces.count)] }.joined()
            do {
                let value = try JSONValue.parse(text)
                #expect(try JSONValue.parse(value.compact()) == value, "\(text.debugDescription)")
            } catch {
                #expect(error.line >= 1 && error.column >= 1)
            }
        }
    }

    @Test func mutatedDocumentsNeverCrash() {
        var random = SplitMix(seed: 0xBADC0DE)
        var parsed = 0
        var rejected = 0
        for round in 0..<5_000 {
            var bytes = Array(Self.seeds[round % Self.seeds.count].utf8)
            for _ in 0..<(1 + random.below(4)) {
                guard !bytes.isEmpty else { break }
                let at = random.below(bytes.count)
                switch random.next() % 6 {
                case 0: bytes.remove(at: at)
                case 1: bytes.insert(Self.alphabet[random.below(Self.alphabet.count)], at: at)
                case 2: bytes[at] = UInt8(truncatingIfNeeded: random.next())
                case 3: bytes[at] ^= UInt8(1) << UInt8(random.below(8))
                case 4: bytes.removeSubrange(at...)
                default: bytes.insert(contentsOf: bytes[at...].prefix(8), at: at)
                }
            }
            if Self.check(bytes) { parsed += 1 } else { rejected += 1 }
        }
        #expect(parsed > 0 && rejected > 0, "parsed \(parsed), rejected \(rejected)")
    }

    @Test func everyPrefixOfValidDocumentsNeverCrashes() {
        for seed in Self.seeds {
            let bytes = Array(seed.utf8)
            #expect(Self.check(bytes), "the seed itself is valid")
            for end in 0..<bytes.count {
                let prefix = Array(bytes[..<end])
                // A prefix parses only if it is itself a document (e.g. "  -0.000123E+4").
                _ = Self.check(prefix)
            }
        }
    }

    @Test func deepRandomNestingNeverCrashes() {
        var random = SplitMix(seed: 512)
        for _ in 0..<50 {
            let depth = 400 + random.below(300)
            var text = ""
            for _ in 0..<depth { text += random.next() % 2 == 0 ? "[" : "{\"k\":" }
            let bytes = Array(text.utf8) + [UInt8(ascii: "1")]
            #expect(!Self.check(bytes), "unclosed containers never parse")
        }
    }
}
