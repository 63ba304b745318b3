/// A bar length such as `1m`, `15m`, `1h`, `4h`, `1d`, `1w` or `1mo`.
///
/// Spellings are `<count><unit>` with a lowercase unit: `s`; `m` or `min`; `h`; `d`; `w` or
/// `wk`; `mo` (calendar months, about 30.44 days). Upper case is refused with a hint because
/// pandas and yfinance read `1M` as a month while others read it as a minute; `1D`, `1H` and
/// `1W` are refused too so that one spelling means one thing everywhere.
public struct BarInterval: Sendable, Hashable, CustomStringConvertible {
    /// The canonical spelling, e.g. `1d`.
    public let text: String
    /// The bar length; for months the mean Gregorian month (2,629,746 s).
    public let seconds: Int64
    public let isMonthly: Bool

    /// The spellings offered by completion, shortest first.
    public static let common = ["1m", "5m", "15m", "30m", "1h", "4h", "1d", "1w", "1mo"]

    static let accepted = "expected <count><unit> with unit s, m (or min), h, d, w (or wk), mo: e.g. 1m, 5m, 1h, 4h, 1d, 1w, 1mo"
    static let monthSeconds: Int64 = 2_629_746

    public init(parsing raw: String) throws(InvalidInputError) {
        let digits = raw.prefix { $0.isASCII && $0.isNumber }
        let unit = raw.dropFirst(digits.count)
        let quoted = Excerpt.of(raw, limit: 20)
        guard let count = Int64(digits), count > 0, count <= 1_000_000 else {
            throw InvalidInputError("--interval: '\(quoted)' is not a bar interval (\(Self.accepted))")
        }
        let unitSeconds: Int64
        switch unit {
        case "s": unitSeconds = 1
        case "m", "min": unitSeconds = 60
        case "h": unitSeconds = 3_600
        case "d": unitSeconds = 86_400
        case "w", "wk": unitSeconds = 604_800
        case "mo": unitSeconds = Self.monthSeconds
        case "M":
            throw InvalidInputError(
                "--interval: '\(quoted)' is ambiguous (a month in pandas, a minute elsewhere): write \(count)mo or \(count)min")
        default:
            let lowered = unit.lowercased()
            if lowered != unit, ["s", "min", "h", "d", "w", "wk", "mo"].contains(lowered) {
                throw InvalidInputError("--interval: '\(quoted)' is not a bar interval: units are lowercase, write \(count)\(lowered)")
            }
            throw InvalidInputError("--interval: '\(quoted)' is not a bar interval (\(Self.accepted))")
        }
        self.init(count: count, unitSeconds: unitSeconds)
    }

    private init(count: Int64, unitSeconds: Int64) {
        seconds = count * unitSeconds
        isMonthly = unitSeconds == Self.monthSeconds
        let unitText =
            switch unitSeconds {
            case 1: "s"
            case 60: "m"
            case 3_600: "h"
            case 86_400: "d"
            case 604_800: "w"
            default: "mo"
            }
        text = "\(count)\(unitText)"
    }

    public static let daily = try! BarInterval(parsing: "1d")

    public var milliseconds: Int64 { seconds * 1_000 }
    public var isIntraday: Bool { seconds < 86_400 }
    public var description: String { text }

    /// The interval a bar spacing (in milliseconds) stands for: whole months for 28 to 31
    /// days apart (times a count), else the largest unit that divides the spacing.
    public init?(spacingMillis: Int64) {
        guard spacingMillis >= 1_000 else { return nil }
        let day: Int64 = 86_400_000
        for months in Int64(1)...12 where spacingMillis >= 28 * day * months && spacingMillis <= 31 * day * months {
            self.init(count: months, unitSeconds: Self.monthSeconds)
            return
        }
        let seconds = spacingMillis / 1_000
        for unit: Int64 in [604_800, 86_400, 3_600, 60, 1] where seconds % unit == 0 {
            self.init(count: seconds / unit, unitSeconds: unit)
            return
        }
        return nil
    }

    /// True when bars `spacingMillis` apart are bars of this interval: within 10% (daylight
    /// saving shifts daily stamps by an hour), or 28 to 31 days per month for monthly bars.
    public func agrees(withSpacingMillis spacing: Int64) -> Bool {
        if isMonthly {
            let months = seconds / Self.monthSeconds
            return spacing >= 28 * 86_400_000 * months && spacing <= 31 * 86_400_000 * months
        }
        let tolerance = milliseconds / 10
        return spacing >= milliseconds - tolerance && spacing <= milliseconds + tolerance
    }

    /// The median gap between consecutive timestamps (sorted ascending), or nil for fewer
    /// than two. Once per load, not per bar, so the one scratch array is fine.
    public static func medianSpacingMillis(_ timestamps: UnsafeBufferPointer<Int64>) -> Int64? {
        guard timestamps.count >= 2 else { return nil }
        if let majority = majoritySpacing(timestamps) { return majority }
        var gaps = [Int64](unsafeUninitializedCapacity: timestamps.count - 1) { buffer, initialized in
            for index in 1..<timestamps.count { buffer[index - 1] = timestamps[index] - timestamps[index - 1] }
            initialized = timestamps.count - 1
        }
        let middle = gaps.count / 2
        gaps.withUnsafeMutableBufferPointer { QuickSelect.select(middle, in: $0) }
        return gaps[middle]
    }

    /// The gap more than half of all gaps have, if one does (regular bars: nearly all): that
    /// gap fills a run of sorted positions longer than half, which always covers the middle,
    /// so it is the median. Two passes, no scratch array (the quick-select and its 8 MB of
    /// gaps were 2 % of a 1M-bar paper replay).
    private static func majoritySpacing(_ timestamps: UnsafeBufferPointer<Int64>) -> Int64? {
        var candidate: Int64 = 0
        var votes = 0
        for index in 1..<timestamps.count {  // Boyer-Moore majority vote
            let gap = timestamps[index] - timestamps[index - 1]
            if votes == 0 {
                candidate = gap
                votes = 1
            } else {
                votes += gap == candidate ? 1 : -1
            }
        }
        var count = 0
        for index in 1..<timestamps.count where timestamps[index] - timestamps[index - 1] == candidate { count += 1 }
        return count > (timestamps.count - 1) / 2 ? candidate : nil
    }
}
