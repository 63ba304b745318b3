import Foundation
import Testing
@testable import QSHArtifacts

/// UTC stamps against CPython's `datetime` (`strftime("%Y%m%d_%H%M%S")`,
/// `isoformat(timespec="seconds")`, `isoformat(timespec="microseconds")`), pasted.
@Suite struct ISOTimeTests {
    static let seconds: [(Int64, String, String)] = [
        (1_767_225_600, "20260101_000000", "2026-01-01T00:00:00+00:00"),
        (1_795_499_400, "20261124_055000", "2026-11-24T05:50:00+00:00"),
        (0, "19700101_000000", "1970-01-01T00:00:00+00:00"),
        (-1, "19691231_235959", "1969-12-31T23:59:59+00:00"),
        (-14_182_940, "19690720_201740", "1969-07-20T20:17:40+00:00"),
        (-310_478_400, "19600229_120000", "1960-02-29T12:00:00+00:00"),
        (-2_203_891_201, "19000228_235959", "1900-02-28T23:59:59+00:00"),
        (-2_203_891_200, "19000301_000000", "1900-03-01T00:00:00+00:00"),
        (-11_670_976_372, "16000229_060708", "1600-02-29T06:07:08+00:00"),
        (951_782_400, "20000229_000000", "2000-02-29T00:00:00+00:00"),
        (951_868_800, "20000301_000000", "2000-03-01T00:00:00+00:00"),
        (1_709_251_199, "20240229_235959", "2024-02-29T23:59:59+00:00"),
        (4_107_542_399, "21000228_235959", "2100-02-28T23:59:59+00:00"),
        (4_107_542_400, "21000301_000000", "2100-03-01T00:00:00+00:00"),
        (2_147_483_648, "20380119_031408", "2038-01-19T03:14:08+00:00"),
        (253_402_300_799, "99991231_235959", "9999-12-31T23:59:59+00:00"),
        (-62_135_596_800, "00010101_000000", "0001-01-01T00:00:00+00:00"),
        (946_684_799, "19991231_235959", "1999-12-31T23:59:59+00:00"),
        (1_704_067_199, "20231231_235959", "2023-12-31T23:59:59+00:00"),
    ]

    @Test(arguments: seconds) func wholeSeconds(_ value: Int64, _ compact: String, _ iso: String) {
        let date = Date(timeIntervalSince1970: Double(value))
        #expect(UTCStamp.compact(date) == compact)
        #expect(ISOTime.string(from: date) == iso)
        #expect(UTCStamp.iso(date) == iso)
        let precise = iso.replacingOccurrences(of: "+00:00", with: ".000000+00:00")
        #expect(ISOTime.precise(from: date) == precise)
    }

    static let fractions: [(Double, String, String)] = [
        (1_767_225_600.25, "2026-01-01T00:00:00+00:00", "2026-01-01T00:00:00.250000+00:00"),
        (1_704_067_199.999999, "2023-12-31T23:59:59+00:00", "2023-12-31T23:59:59.999999+00:00"),
        (-0.5, "1969-12-31T23:59:59+00:00", "1969-12-31T23:59:59.500000+00:00"),
        (-1.25, "1969-12-31T23:59:58+00:00", "1969-12-31T23:59:58.750000+00:00"),
        (-86_400.000001, "1969-12-30T23:59:59+00:00", "1969-12-30T23:59:59.999999+00:00"),
    ]

    @Test(arguments: fractions) func fractionsOfASecond(_ value: Double, _ iso: String, _ precise: String) {
        let date = Date(timeIntervalSince1970: value)
        #expect(ISOTime.string(from: date) == iso, "seconds are truncated toward the past")
        #expect(ISOTime.precise(from: date) == precise)
    }

    @Test func microsecondsRoundAndCarryButSecondsTruncate() {
        let date = Date(timeIntervalSince1970: 59.9999996)
        #expect(ISOTime.precise(from: date) == "1970-01-01T00:01:00.000000+00:00")
        #expect(ISOTime.string(from: date) == "1970-01-01T00:00:59+00:00")
    }

    @Test func everyDayOfALeapYearIsDistinctAndInOrder() {
        var previous = ""
        var days: Set<String> = []
        for day in 0..<366 {
            let stamp = UTCStamp.compact(Date(timeIntervalSince1970: 1_704_067_200 + Double(day) * 86_400))
            #expect(stamp > previous)
            previous = stamp
            days.insert(String(stamp.prefix(8)))
        }
        #expect(days.count == 366)
        #expect(days.contains("20240229") && days.contains("20241231") && !days.contains("20250101"))
    }

    /// Random instants from 1779 to 2286 against Foundation's Gregorian calendar in UTC.
    @Test func agreesWithFoundationsCalendarAcrossCenturies() throws {
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = try #require(TimeZone(identifier: "UTC"))
        var random = SplitMix(seed: 1970)
        for _ in 0..<2_000 {
            let seconds = Int64(random.next() % 16_000_000_000) - 6_000_000_000
            let date = Date(timeIntervalSince1970: Double(seconds))
            let c = calendar.dateComponents([.year, .month, .day, .hour, .minute, .second], from: date)
            func two(_ n: Int?) -> String { String(format: "%02d", n ?? -1) }
            let expected = String(format: "%04d", c.year ?? -1) + "-\(two(c.month))-\(two(c.day))T\(two(c.hour)):\(two(c.minute)):\(two(c.second))+00:00"
            #expect(ISOTime.string(from: date) == expected, "\(seconds)")
        }
    }
}
