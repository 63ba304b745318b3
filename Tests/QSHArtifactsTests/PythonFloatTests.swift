import Testing
@testable import QSHArtifacts

/// `PythonFloat.repr` and the JSON printers against CPython 3: every expected string was
/// produced once with `repr(x)` (which is what `json.dumps` prints for a finite float) and
/// pasted here; the tests never run Python.
@Suite struct PythonFloatTests {
    static let table: [(Double, String)] = [
        (0.1, "0.1"), (0.2, "0.2"), (0.1 + 0.2, "0.30000000000000004"), (0.1 * 3, "0.30000000000000004"),
        (1.0 / 3.0, "0.3333333333333333"), (2.0 / 3.0, "0.6666666666666666"), (1.0 / 7.0, "0.14285714285714285"),
        (631.0, "631.0"), (1.0, "1.0"), (-1.0, "-1.0"), (100.0, "100.0"), (10000.0, "10000.0"), (15.0, "15.0"),
        (12345.0, "12345.0"), (1234567.0, "1234567.0"), (100.5, "100.5"), (0.5, "0.5"), (0.25, "0.25"),
        (1e-05, "1e-05"), (-1e-05, "-1e-05"), (1e-5 * 3, "3.0000000000000004e-05"), (1e-4 * 0.5, "5e-05"),
        (0.00009999999999999999, "9.999999999999999e-05"), (0.0001, "0.0001"), (-0.0001, "-0.0001"),
        (0.0001234, "0.0001234"), (0.001, "0.001"), (0.01, "0.01"), (0.07, "0.07"), (2.5e-07, "2.5e-07"),
        (1e-07, "1e-07"), (-2.5e-10, "-2.5e-10"),
        (1e15, "1000000000000000.0"), (999999999999999.9, "999999999999999.9"), (1e16, "1e+16"),
        (1.5e+16, "1.5e+16"), (9999999999999998.0, "9999999999999998.0"), (1e16 + 2, "1.0000000000000002e+16"),
        (123456789012345.6, "123456789012345.6"), (123456789012345680.0, "1.2345678901234568e+17"),
        (9007199254740992.0, "9007199254740992.0"), (9007199254740992.0 + 1.0, "9007199254740992.0"),
        (9.223372036854776e18, "9.223372036854776e+18"), (1e21, "1e+21"), (1e22, "1e+22"), (1e23, "1e+23"),
        (1e100, "1e+100"), (-1e-100, "-1e-100"), (1e300 * 1e8, "1e+308"),
        (Double.leastNonzeroMagnitude, "5e-324"), (Double.leastNonzeroMagnitude * 3, "1.5e-323"),
        (2.2250738585072014e-308, "2.2250738585072014e-308"), (Double(bitPattern: 0x000F_FFFF_FFFF_FFFF), "2.225073858507201e-308"),
        (1.7976931348623157e308, "1.7976931348623157e+308"), (-1.7976931348623157e308, "-1.7976931348623157e+308"),
        (0.0, "0.0"), (-0.0, "-0.0"), (3.141592653589793, "3.141592653589793"), (2.718281828459045, "2.718281828459045"),
        (-1234.5678, "-1234.5678"), (4.35, "4.35"), (0.1 + 0.7, "0.7999999999999999"), (1.1 * 1.1, "1.2100000000000002"),
        (6.02214076e23, "6.02214076e+23"), (1.602176634e-19, "1.602176634e-19"),
        (0.9301851922158711, "0.9301851922158711"), (-0.23076923076923078, "-0.23076923076923078"),
    ]

    @Test func tableIsLargeEnough() {
        #expect(Self.table.count >= 60)
    }

    @Test(arguments: table) func reprMatchesPython(_ value: Double, _ expected: String) {
        #expect(PythonFloat.repr(value) == expected)
    }

    /// `json.dumps(x)`, `json.dumps(x, indent=2)` and `json.dumps(x, separators=(",", ":"))`
    /// all print a float as its repr, bare or inside containers.
    @Test(arguments: table) func jsonPrintersMatchPython(_ value: Double, _ expected: String) {
        let number = JSONValue.double(value)
        #expect(number.compact() == expected)
        #expect(number.formatted() == expected)
        #expect(number.line() == expected)
        #expect(JSONValue.array([number, number]).compact() == "[\(expected), \(expected)]")
        #expect(JSONValue.array([number]).formatted() == "[\n  \(expected)\n]")
        #expect(JSONValue.object(["v": number]).line() == "{\"v\":\(expected)}")
        #expect(JSONValue.object(["v": number]).formatted() == "{\n  \"v\": \(expected)\n}")
    }

    @Test(arguments: table) func printedDigitsReadBackToTheSameBits(_ value: Double, _ expected: String) throws {
        let parsed = try JSONValue.parse(expected)
        #expect(parsed == .double(value))
        #expect(parsed.doubleValue?.bitPattern == value.bitPattern)
    }

    /// Python: SplitMix64(2026) bit patterns as doubles, skipping NaN and infinities, `repr` of each.
    static let randomBits = [
        "-2.0111825723238728e+133", "3.864206069206676e+273", "-2.580537930806843e-102", "3.0546129745858386e+166",
        "-4.229671458013772e+51", "-1.706048283019262e-29", "-4.377718606601294e+250", "-3.8365900089282756e+67",
        "8.759420238741617e+104", "5.550540036094832e-25", "1.9824089000731381e+105", "-3.663467437622066e+187",
        "1.0385910093159136e+85", "1.4601420537238569e+38", "-5.3252350007018914e-132", "5.643837447828332e-115",
        "1.856741237017178e-26", "5.327691760177274e+75", "-6.661660456637205e-159", "-5.1982074495701345e-205",
        "-3.9581821417915026e-141", "-1.737821329121296e-121", "-1.509020024659543e-78", "3.374750704002276e-121",
        "6.598205504184393e+192", "5.969213271499728e+237", "-2.132732558503906e-121", "-1.0741898921026019e+271",
        "-1.506437984282556e+188", "-1668.9798650191406", "3.8286778088051237e+301", "4.3360722183353285e+259",
        "3.701373880110345e+193", "-7.181934496354969e-299", "-3.32285063113805e-75", "5.4211353005492406e-154",
        "-3.4036257559518732e+19", "-1.110564193011171e-256", "-2.649339936734022e+198", "-1.1380041534921047e+98",
    ]

    @Test func randomBitPatternsMatchPython() {
        var generator = SplitMix(seed: 2026)
        var produced: [String] = []
        while produced.count < Self.randomBits.count {
            let value = Double(bitPattern: generator.next())
            guard value.isFinite else { continue }
            produced.append(PythonFloat.repr(value))
        }
        #expect(produced == Self.randomBits)
    }

    /// Python: with SplitMix64(631), `m = next() % 10**9; e = next() % 13; neg = next() % 2`,
    /// then `repr(±float(m) / float(10**e))`: prices and returns as a data feed would give them.
    static let randomDecimals = [
        "0.0059215415", "-0.0785175028", "6595.99906", "-9.7623257", "-0.0019386491", "-3.7023326", "-499181.349",
        "4.04886628", "1979233.94", "-0.000711143787", "155098229.0", "12472.8139", "-644172.59", "24048221.7",
        "4835277.36", "-0.00871677835", "-0.000784773487", "23725.2322", "-7564.3079", "-0.0556538943",
        "-0.000462557911", "9452.92124", "786043.587", "899029.258", "-7.71941704", "-886476.239", "-42431182.8",
        "7568.40675", "367.693498", "-159332790.0", "-0.0003412997", "-0.0209323993", "25036.151", "-0.00015497057",
        "7.51065366", "-0.00218935197", "2616574.12", "-0.000174765761", "404235817.0", "-9424942.9",
    ]

    @Test func randomDecimalsMatchPython() {
        var generator = SplitMix(seed: 631)
        var produced: [String] = []
        for _ in Self.randomDecimals {
            let mantissa = Double(generator.next() % 1_000_000_000)
            var scale = 1.0
            for _ in 0..<(generator.next() % 13) { scale *= 10 }
            let negative = generator.next() % 2 == 1
            produced.append(PythonFloat.repr((negative ? -mantissa : mantissa) / scale))
        }
        #expect(produced == Self.randomDecimals)
    }

    @Test(arguments: [Double.nan, -Double.nan, .infinity, -.infinity, .signalingNaN])
    func nonFiniteNumbersPrintAsNull(_ value: Double) {
        #expect(JSONValue.double(value).compact() == "null")
        #expect(JSONValue.double(value).formatted() == "null")
        #expect(JSONValue.double(value).line() == "null")
        #expect(JSONValue.array([.double(value), 1]).compact() == "[null, 1]")
        #expect(JSONValue.object(["x": .double(value)]).formatted() == "{\n  \"x\": null\n}")
        #expect(JSONValue.number(value) == .null)
    }

    @Test func reprOfNonFiniteNumbersIsPythonsJSONSpelling() {
        #expect(PythonFloat.repr(.nan) == "NaN")
        #expect(PythonFloat.repr(.infinity) == "Infinity")
        #expect(PythonFloat.repr(-.infinity) == "-Infinity")
        #expect(JSONValue.number(nil) == .null)
        #expect(JSONValue.number(2.5) == .double(2.5))
    }

    @Test func everyPrintedFloatParsesBackToTheSameBits() throws {
        var generator = SplitMix(seed: 42)
        var checked = 0
        while checked < 5_000 {
            let value = Double(bitPattern: generator.next())
            guard value.isFinite else { continue }
            checked += 1
            let text = PythonFloat.repr(value)
            #expect(Double(text)?.bitPattern == value.bitPattern, "\(text)")
            let parsed = try JSONValue.parse(JSONValue.double(value).compact())
            #expect(parsed.doubleValue?.bitPattern == value.bitPattern, "\(text)")
        }
    }
}
