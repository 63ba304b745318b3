import Testing

@testable import QSHData

/// The reader must give exactly the bits of a correctly rounded conversion (Python's `float()`);
/// Swift's `Double(String)` is one, so it is the oracle here.
struct DecimalParserTests {
    /// A small deterministic generator (tests must not depend on the system RNG).
    struct Lcg {
        var state: UInt64
        mutating func next() -> UInt64 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return state ^ (state >> 29)
        }
        mutating func below(_ n: Int) -> Int { Int(next() % UInt64(n)) }
        mutating func digits(_ count: Int) -> String {
            String((0..<count).map { _ in Character(String(below(10))) })
        }
    }

    func expectExact(_ text: String, sourceLocation: SourceLocation = #_sourceLocation) {
        let expected = Double(text)
        let actual = parseDecimal(text)
        // Issue.record only on a mismatch: hundreds of thousands of #expect calls are slow.
        if actual?.bitPattern != expected?.bitPattern {
            Issue.record(
                "\(text): got \(String(describing: actual)), expected \(String(describing: expected))",
                sourceLocation: sourceLocation)
        }
    }

    @Test(arguments: [
        "0", "-0", "+0", "0.0", "1", "-1", "+1.5", ".5", "5.", "-.25", "3682.6328125", "755.7570190429688",
        "0.1", "0.2", "0.3", "1e0", "1E5", "1e-5", "2.5e+10", "-7.25E-3", "123456789012345678",
        "9007199254740992", "9007199254740993", "9007199254740994", "9007199254740995",
        "9223372036854775807", "18446744073709551615", "18446744073709551616", "0.30000001192092896",
        "4.9406564584124654e-324", "2.2250738585072014e-308", "2.2250738585072011e-308", "1.7976931348623157e308",
        "1e-400", "1e23", "8.589973e9", "0.000000000000000000000000000001", "1.00000000000000000000000000001",
        "123456789012345678901234567890", "00000000000000000000000001.5", "1e22", "1e-22", "9.999999999999999e22",
        "2.4703282292062327e-324", "2.4703282292062328e-324", "7.2057594037927933e16", "0.1e-320",
    ])
    func knownHardCases(_ text: String) {
        expectExact(text)
    }

    @Test func overflowIsInfiniteLikePython() {
        #expect(parseDecimal("1e400") == .infinity)  // the reader then rejects it as not finite
        #expect(parseDecimal("-1e400") == -.infinity)
    }

    @Test(arguments: [
        "", "+", "-", ".", "e5", ".e5", "1e", "1e+", "1.2.3", "1,5", "0x10", "inf", "nan", "Infinity",
        "1_000", "--1", "1e5.5", "12a", " 1", "1 ", "١",
    ])
    func rejectsNonNumbers(_ text: String) {
        #expect(parseDecimal(text) == nil)
    }

    @Test func randomPricesWithUpToSeventeenDigits() {
        var rng = Lcg(state: 42)
        for _ in 0..<200_000 {
            let intDigits = 1 + rng.below(6)
            let fracDigits = rng.below(14)
            var text = rng.digits(intDigits)
            if fracDigits > 0 { text += "." + rng.digits(fracDigits) }
            if rng.below(10) == 0 { text = "-" + text }
            expectExact(text)
        }
    }

    @Test func randomShortestRoundTripDoubles() {
        // Swift prints the shortest string that round-trips (16-17 significant digits for most
        // values): the form of any file written by a program.
        var rng = Lcg(state: 7)
        for _ in 0..<200_000 {
            let bits = rng.next() & 0x7FFF_FFFF_FFFF_FFFF
            let value = Double(bitPattern: bits)
            guard value.isFinite else { continue }
            expectExact(value.description)
            expectExact(String(value * 1e-3))
        }
        for _ in 0..<100_000 {
            let value = Double(rng.next() >> 11) * 0x1p-53 * 5_000  // price-like
            expectExact(value.description)
        }
    }

    @Test func randomExponentForms() {
        var rng = Lcg(state: 99)
        for _ in 0..<200_000 {
            let mantissaDigits = 1 + rng.below(20)
            var text = rng.digits(mantissaDigits)
            if rng.below(2) == 0 {
                let point = rng.below(mantissaDigits + 1)
                text.insert(".", at: text.index(text.startIndex, offsetBy: point))
                if text == "." { text = "0." }
            }
            let exponent = rng.below(700) - 350
            text += (rng.below(2) == 0 ? "e" : "E") + String(exponent)
            expectExact(text)
        }
    }

    @Test func longMantissas() {
        var rng = Lcg(state: 5)
        for _ in 0..<20_000 {
            let text = rng.digits(1 + rng.below(3)) + "." + rng.digits(18 + rng.below(30))
            expectExact(text)
        }
        // Exactly halfway between two doubles, and a hair either side.
        expectExact("9007199254740993.0000000000000000000000001")
        expectExact("9007199254740992.9999999999999999999999999")
        expectExact("1.00000000000000011102230246251565404236316680908203125")
        expectExact("1.00000000000000011102230246251565404236316680908203124")
        expectExact("1.00000000000000011102230246251565404236316680908203126")
    }
}
