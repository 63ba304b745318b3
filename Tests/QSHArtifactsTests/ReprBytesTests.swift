import Foundation
import Testing
@testable import QSHArtifacts

/// The hand-written formatter (`ShortestDigits` + `ReprBytes`) against the reference
/// `PythonFloat.repr` (Swift's `description`, laid out as Python does, itself pinned to CPython
/// by `PythonFloatTests`): byte-identical on millions of doubles.
@Suite struct ReprBytesTests {
    static func fast(_ value: Double) -> String { ReprBytes.string(value) }

    /// Compares `count` values from `make`, stopping at the first few differences.
    static func compare(_ count: Int, seed: UInt64, _ make: (inout SplitMix) -> Double) {
        var generator = SplitMix(seed: seed)
        var mismatches: [String] = []
        var buffer = [UInt8](repeating: 0, count: ReprBytes.maximumLength)
        for _ in 0..<count {
            let value = make(&generator)
            guard value.isFinite else { continue }
            let written = buffer.withUnsafeMutableBufferPointer { ReprBytes.write(value, to: $0.baseAddress!) }
            let expected = PythonFloat.repr(value)
            if !expected.utf8.elementsEqual(buffer[..<written]) {
                mismatches.append("\(value.bitPattern): \(String(decoding: buffer[..<written], as: UTF8.self)) != \(expected)")
                if mismatches.count >= 5 { break }
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches)")
    }

    @Test(arguments: PythonFloatTests.table) func pythonTable(_ value: Double, _ expected: String) {
        #expect(Self.fast(value) == expected)
    }

    @Test func edgeCases() {
        let cases: [(Double, String)] = [
            (1e16, "1e+16"), (1e-5, "1e-05"), (0.0001, "0.0001"), (-0.0, "-0.0"), (0.0, "0.0"),
            (.leastNonzeroMagnitude, "5e-324"), (-.leastNonzeroMagnitude, "-5e-324"), (1.7976931348623157e308, "1.7976931348623157e+308"),
            (1.0, "1.0"), (-1.0, "-1.0"), (1000.0, "1000.0"), (631.0, "631.0"), (1e15, "1000000000000000.0"),
            (9999999999999998.0, "9999999999999998.0"), (0.001, "0.001"), (9.999999999999999e-05, "9.999999999999999e-05"),
            (2.2250738585072014e-308, "2.2250738585072014e-308"), (1e100, "1e+100"), (3 * .leastNonzeroMagnitude, "1.5e-323"),
            (123.456, "123.456"), (0.30000000000000004, "0.30000000000000004"), (1e22, "1e+22"), (1e23, "1e+23"),
            (9007199254740993.0, "9007199254740992.0"), (2.5e-07, "2.5e-07"), (-1e-300, "-1e-300"),
        ]
        for (value, expected) in cases {
            #expect(Self.fast(value) == expected, "\(value)")
            #expect(PythonFloat.repr(value) == expected, "reference \(value)")
        }
    }

    /// Every power of two and ten, their neighbours one ulp away, and whole numbers as doubles.
    @Test func boundaries() {
        var values: [Double] = []
        for exponent in -1074...1023 { values.append(Double(sign: .plus, exponent: exponent, significand: 1)) }
        var power = 1.0
        for _ in 0...308 {
            values.append(power)
            power *= 10
        }
        for exponent in -323...308 { values.append(Double("1e\(exponent)")!) }
        for whole in 0..<100_000 { values.append(Double(whole)) }
        for shift in 0..<64 { values.append(Double(UInt64(1) << UInt64(shift) &- 1)) }
        let all = values.flatMap { [$0, $0.nextUp, $0.nextDown, -$0] }
        var index = 0
        Self.compare(all.count, seed: 0) { _ in
            defer { index += 1 }
            return all[index]
        }
    }

    /// Uniform over bit patterns: every exponent, subnormals included.
    @Test func randomBitPatterns() {
        Self.compare(1_000_000, seed: 8) { Double(bitPattern: $0.next()) }
    }

    /// What the tables hold: prices, returns, equity products and whole amounts.
    @Test func randomTableValues() {
        Self.compare(1_000_000, seed: 14) { generator in
            let uniform = Double(generator.next() >> 11) * 0x1p-53
            switch generator.next() % 5 {
            case 0: return uniform * 5_000
            case 1: return (uniform - 0.5) * 0.02
            case 2: return 1 + (uniform - 0.5) * 1e-3
            case 3: return Double(generator.next() % 1_000_000_000) / 1_000
            default: return Double(generator.next() % 1_000_000_000) / pow(10, Double(generator.next() % 20))
            }
        }
    }

    /// Known multipliers of the reference implementation's tables (`d2s_full_table.h`).
    @Test func powerTablesHoldRyusValues() {
        #expect(Array(PowersOfFive.scaled[0..<4]) == [0, 1 << 60, 0, 1_441_151_880_758_558_720])
        #expect(Array(PowersOfFive.inverse[0..<4]) == [1, 1 << 61, 11_068_046_444_225_730_970, 1_844_674_407_370_955_161])
        #expect(PowersOfFive.scaled.count == 2 * 326 && PowersOfFive.inverse.count == 2 * 292)
    }
}
