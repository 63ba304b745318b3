import QSHCore
import Testing

@Suite struct BarSeriesTests {
    /// Ten bars at t = 0, 10, ..., 90 with close = t.
    static let series: BarSeries = {
        let t = (0..<10).map { Int64($0) * 10 }
        let c = t.map(Double.init)
        return BarSeries(
            timestamps: t, open: c, high: c.map { $0 + 1 }, low: c.map { $0 - 1 }, close: c,
            volume: c.map { $0 * 2 }, hasHighLow: false)
    }()

    struct Window: Sendable, CustomTestStringConvertible {
        let start: Int64?, end: Int64?
        let expected: [Int64]
        var testDescription: String { "[\(start.map(String.init) ?? "-"), \(end.map(String.init) ?? "-"))" }
    }

    static let windows: [Window] = [
        Window(start: nil, end: nil, expected: [0, 10, 20, 30, 40, 50, 60, 70, 80, 90]),
        Window(start: 20, end: 50, expected: [20, 30, 40]), // start included, end excluded
        Window(start: 15, end: 55, expected: [20, 30, 40, 50]), // bounds between bars
        Window(start: 20, end: 51, expected: [20, 30, 40, 50]),
        Window(start: 21, end: 50, expected: [30, 40]),
        Window(start: nil, end: 30, expected: [0, 10, 20]),
        Window(start: 70, end: nil, expected: [70, 80, 90]),
        Window(start: -100, end: 1_000, expected: [0, 10, 20, 30, 40, 50, 60, 70, 80, 90]),
        Window(start: 90, end: 91, expected: [90]),
        Window(start: 40, end: 40, expected: []),
        Window(start: 60, end: 30, expected: []), // end before start
        Window(start: 100, end: nil, expected: []),
        Window(start: nil, end: 0, expected: []),
    ]

    @Test(arguments: windows)
    func window(_ w: Window) {
        let sub = Self.series.window(startMillis: w.start, endMillis: w.end)
        #expect(sub.timestamps == w.expected)
        #expect(sub.count == w.expected.count && sub.isEmpty == w.expected.isEmpty)
        // Every column is cut the same way.
        #expect(sub.close == w.expected.map(Double.init))
        #expect(sub.open == sub.close)
        #expect(sub.high == sub.close.map { $0 + 1 } && sub.low == sub.close.map { $0 - 1 })
        #expect(sub.volume == sub.close.map { $0 * 2 })
        #expect(sub.hasHighLow == false)
    }

    @Test func fullWindowIsTheSameSeries() {
        #expect(Self.series.window(startMillis: 0, endMillis: 100) == Self.series)
    }

    @Test(arguments: [(Int64.min, 0), (0, 0), (1, 1), (10, 1), (89, 9), (90, 9), (91, 10), (Int64.max, 10)])
    func firstIndexAtOrAfter(millis: Int64, index: Int) {
        #expect(Self.series.firstIndex(atOrAfter: millis) == index)
    }

    @Test func emptySeries() {
        let empty = BarSeries(timestamps: [], open: [], high: [], low: [], close: [], volume: [])
        #expect(empty.isEmpty && empty.count == 0 && empty.hasHighLow)
        #expect(empty.window(startMillis: 5, endMillis: 10).isEmpty)
        #expect(empty.firstIndex(atOrAfter: 0) == 0)
    }

    @Test func unequalColumnsAreRejected() async {
        await #expect(processExitsWith: .failure) {
            _ = BarSeries(timestamps: [1, 2], open: [1], high: [1, 2], low: [1, 2], close: [1, 2], volume: [1, 2])
        }
    }
}

@Suite struct BarIntervalTests {
    @Test(arguments: [
        ("1m", "1m", 60), ("5m", "5m", 300), ("15min", "15m", 900), ("1h", "1h", 3_600), ("4h", "4h", 14_400),
        ("1d", "1d", 86_400), ("2d", "2d", 172_800), ("1w", "1w", 604_800), ("2wk", "2w", 1_209_600),
        ("30s", "30s", 30), ("60m", "60m", 3_600), ("01d", "1d", 86_400), ("1000000s", "1000000s", 1_000_000),
        ("1mo", "1mo", 2_629_746), ("3mo", "3mo", 7_889_238),
    ] as [(String, String, Int64)])
    func parsesValidSpellings(raw: String, text: String, seconds: Int64) throws {
        let interval = try BarInterval(parsing: raw)
        #expect(interval.text == text)
        #expect(interval.description == text)
        #expect(interval.seconds == seconds)
        #expect(interval.milliseconds == seconds * 1_000)
    }

    @Test(arguments: [
        "", "d", "1", "0d", "-1d", "+1d", "1x", "1.5h", "1 d", " 1d", "1d ", "1dd", "h1", "1y", "min", "1mon",
        "1000001s", "99999999999999999999d", "１d",
    ])
    func rejectsInvalidSpellings(raw: String) {
        #expect {
            _ = try BarInterval(parsing: raw)
        } throws: { error in
            guard let error = error as? InvalidInputError else { return false }
            return error.message.hasPrefix("--interval: '\(raw.prefix(20))")
                && error.message.contains("is not a bar interval (expected <count><unit> with unit s, m (or min), h, d, w (or wk), mo")
                && error.exitCode == 2
        }
    }

    @Test func intraday() throws {
        #expect(try BarInterval(parsing: "1m").isIntraday)
        #expect(try BarInterval(parsing: "23h").isIntraday)
        #expect(try !BarInterval(parsing: "24h").isIntraday)
        #expect(!BarInterval.daily.isIntraday)
        #expect(try !BarInterval(parsing: "1w").isIntraday)
    }

    @Test func dailyConstantAndEquality() throws {
        #expect(BarInterval.daily.text == "1d" && BarInterval.daily.seconds == 86_400)
        #expect(try BarInterval(parsing: "1d") == BarInterval.daily)
    }

    @Test(arguments: [("1D", "write 1d"), ("4H", "write 4h"), ("1W", "write 1w"), ("2MO", "write 2mo"), ("5Min", "write 5min")])
    func upperCaseUnitsGetTheLowerCaseSpelling(raw: String, hint: String) {
        #expect {
            _ = try BarInterval(parsing: raw)
        } throws: { error in
            (error as? InvalidInputError)?.message == "--interval: '\(raw)' is not a bar interval: units are lowercase, \(hint)"
        }
    }

    @Test func capitalMIsAmbiguous() {
        #expect {
            _ = try BarInterval(parsing: "1M")
        } throws: { error in
            (error as? InvalidInputError)?.message
                == "--interval: '1M' is ambiguous (a month in pandas, a minute elsewhere): write 1mo or 1min"
        }
    }

    @Test(arguments: [
        (60_000, "1m"), (300_000, "5m"), (3_600_000, "1h"), (14_400_000, "4h"), (86_400_000, "1d"), (604_800_000, "1w"),
        (28 * 86_400_000, "1mo"), (31 * 86_400_000, "1mo"), (92 * 86_400_000, "3mo"), (90_000, "90s"), (172_800_000, "2d"),
    ] as [(Int64, String)])
    func intervalFromBarSpacing(spacing: Int64, text: String) {
        #expect(BarInterval(spacingMillis: spacing)?.text == text)
    }

    @Test func spacingAgreement() throws {
        let daily = BarInterval.daily
        #expect(daily.agrees(withSpacingMillis: 86_400_000))
        #expect(daily.agrees(withSpacingMillis: 86_400_000 - 3_600_000), "daylight saving")
        #expect(!daily.agrees(withSpacingMillis: 60_000))
        #expect(!daily.agrees(withSpacingMillis: 604_800_000))
        let monthly = try BarInterval(parsing: "1mo")
        #expect(monthly.agrees(withSpacingMillis: 28 * 86_400_000) && monthly.agrees(withSpacingMillis: 31 * 86_400_000))
        #expect(!monthly.agrees(withSpacingMillis: 7 * 86_400_000))
    }

    @Test func medianSpacingIgnoresWeekendsAndGaps() {
        let day: Int64 = 86_400_000
        // Monday..Friday for three weeks: gaps of one day, and three days over each weekend.
        var stamps: [Int64] = []
        for week in 0..<3 { for weekday in 0..<5 { stamps.append(Int64(week * 7 + weekday) * day) } }
        #expect(stamps.withUnsafeBufferPointer { BarInterval.medianSpacingMillis($0) } == day)
        let few: [Int64] = [5]
        #expect(few.withUnsafeBufferPointer { BarInterval.medianSpacingMillis($0) } == nil)
        let shuffledGaps: [Int64] = [0, 10, 30, 31, 100, 101, 102, 200]  // gaps 10 20 1 69 1 1 98 -> median 10
        #expect(shuffledGaps.withUnsafeBufferPointer { BarInterval.medianSpacingMillis($0) } == 10)
    }
}
