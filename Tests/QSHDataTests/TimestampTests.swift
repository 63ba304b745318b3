import QSHCore
import Testing

struct TimestampTests {
    // Expected values from Python's datetime (UTC when no offset is given).
    @Test(arguments: [
        ("2024-02-29", 1_709_164_800_000),
        ("2000-02-29", 951_782_400_000),
        ("1970-01-01", 0),
        ("1900-03-01", -2_203_891_200_000),
        ("0001-01-01", -62_135_596_800_000),
        ("1969-12-31T23:59:59", -1_000),
        ("2023-04-01T00:01:00", 1_680_307_260_000),
        ("2023-04-01 00:01:00", 1_680_307_260_000),
        ("2023-04-01T00:01", 1_680_307_260_000),
        ("2023-04-01T00:01:00Z", 1_680_307_260_000),
        ("2022-06-15T12:34:56.789", 1_655_296_496_789),
        ("2022-06-15T12:34:56.7891234Z", 1_655_296_496_789),
        ("2022-06-15T12:34:56.5", 1_655_296_496_500),
        ("9999-12-31T23:59:59.999", 253_402_300_799_999),
        ("2022-01-01T00:00:00+05:30", 1_640_975_400_000),
        ("2022-01-01T00:00:00+0530", 1_640_975_400_000),
        ("2022-01-01T05:00:00+05", 1_640_995_200_000),
        ("2021-12-31T20:00:00-04:00", 1_640_995_200_000),
        ("2018-01-01 00:00:00+00:00", 1_514_764_800_000),
        ("  2024-02-29  ", 1_709_164_800_000),
    ] as [(String, Int64)])
    func parsesCalendarForms(_ text: String, _ expected: Int64) {
        #expect(Timestamp.parse(text) == expected)
    }

    @Test(arguments: [
        ("1640995200", 1_640_995_200_000),  // 10 digits: seconds
        ("1640995200.5", 1_640_995_200_500),
        ("0", 0),
        ("86400", 86_400_000),
        ("99999999999", 99_999_999_999_000),  // 11 digits: still seconds
        ("100000000000", 100_000_000_000),  // 12 digits: milliseconds
        ("1640995200123", 1_640_995_200_123),
    ] as [(String, Int64)])
    func parsesUnixTime(_ text: String, _ expected: Int64) {
        #expect(Timestamp.parse(text) == expected)
    }

    @Test(arguments: [
        "", " ", "2023-02-29", "2100-02-29", "1900-02-29", "2022-13-01", "2022-00-10", "2022-04-31",
        "2022-01-00", "2022-01-32", "2022-1-05", "22-01-05", "2022/01/05", "2022-01-05T24:00",
        "2022-01-05T23:60", "2022-01-05T23:59:60", "2022-01-05T1:00", "2022-01-05T10:00:00.",
        "2022-01-05T10:00:00+", "2022-01-05T10:00:00+5", "2022-01-05T10:00:00+05:", "2022-01-05T10:00:00+24:00",
        "2022-01-05T10:00:00+05:60", "2022-01-05T10:00:00 Z", "2022-01-05x", "2022-01-05T", "abc", "-1",
        "12.5.3", "1e9", "1234567890123456789", "2022-01-05T10:00:00ZZ",
    ])
    func rejectsInvalid(_ text: String) {
        #expect(Timestamp.parse(text) == nil)
    }

    @Test func leapYearRules() {
        #expect(Timestamp.isLeapYear(2024))
        #expect(Timestamp.isLeapYear(2000))
        #expect(!Timestamp.isLeapYear(1900))
        #expect(!Timestamp.isLeapYear(2023))
        #expect(Timestamp.daysInMonth(year: 2024, month: 2) == 29)
        #expect(Timestamp.daysInMonth(year: 2023, month: 2) == 28)
    }

    @Test func formats() {
        #expect(Timestamp.formatDate(1_709_164_800_000) == "2024-02-29")
        #expect(Timestamp.formatDate(-1) == "1969-12-31")
        #expect(Timestamp.formatISO(1_680_307_260_000) == "2023-04-01T00:01:00Z")
        #expect(Timestamp.formatISO(1_655_296_496_789) == "2022-06-15T12:34:56.789Z")
        #expect(Timestamp.formatISO(1_655_296_496_007) == "2022-06-15T12:34:56.007Z")
        #expect(Timestamp.formatISO(-1_000) == "1969-12-31T23:59:59Z")
        #expect(Timestamp.formatISO(-62_135_596_800_000) == "0001-01-01T00:00:00Z")
        #expect(Timestamp.format(1_680_307_260_000, intraday: false) == "2023-04-01")
        #expect(Timestamp.format(1_680_307_260_000, intraday: true) == "2023-04-01T00:01:00Z")
    }

    @Test func civilDaysRoundTripOverFourHundredYears() {
        // One full Gregorian cycle either side of the epoch, day by day.
        for days in Int64(-146_097)...146_097 {
            let (y, m, d) = Timestamp.civilFromDays(days)
            #expect(Timestamp.daysFromCivil(year: y, month: m, day: d) == days)
            if d > Timestamp.daysInMonth(year: y, month: m) || !(1...12).contains(m) {
                Issue.record("bad civil date \(y)-\(m)-\(d)")
                return
            }
        }
    }

    @Test func formatThenParseRoundTrips() {
        var state: UInt64 = 0x1234_5678
        for _ in 0..<2_000 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            let millis = Int64(state >> 20) - 4_000_000_000_000  // about 1843 ... 2096
            #expect(Timestamp.parse(Timestamp.formatISO(millis)) == millis)
            let day = millis - ((millis % 86_400_000) + 86_400_000) % 86_400_000
            #expect(Timestamp.parse(Timestamp.formatDate(millis)) == day)
        }
    }

    /// The writer that reuses the previous row's date (the tables' path) prints what the
    /// one-off formatters print, across day, year and era boundaries and extreme years.
    @Test func writingWithTheDayCacheMatchesFormatting() {
        var stamps: [Int64] = [-62_135_596_800_000 - 86_400_000 * 400, -1_000, 0, 999, 86_399_999, 86_400_000]
        var millis: Int64 = 1_703_980_800_000  // 2023-12-31: minutes over the new year
        for _ in 0..<3_000 {
            stamps.append(millis)
            millis += 60_000
        }
        stamps += [253_402_300_799_999, 253_402_300_800_000, Int64.max / 2, Int64.min / 2, 1_655_296_496_007]
        var cache = FormattedDay()
        var buffer = [UInt8](repeating: 0, count: Timestamp.maximumFormattedLength)
        for intraday in [true, false] {
            for stamp in stamps {
                let count = buffer.withUnsafeMutableBufferPointer {
                    Timestamp.write(stamp, intraday: intraday, to: $0.baseAddress!, day: &cache)
                }
                #expect(String(decoding: buffer[..<count], as: UTF8.self) == Timestamp.format(stamp, intraday: intraday))
            }
        }
        #expect(Timestamp.formatDate(-62_135_596_800_000 - 86_400_000 * 400) == "-0001-11-28")
    }
}
