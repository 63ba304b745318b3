/// Parsing and formatting of bar timestamps (Unix epoch milliseconds, UTC).
///
/// Pure integer arithmetic on the proleptic Gregorian calendar (Howard Hinnant's days-from-civil),
/// so it needs no Foundation calendar and gives the same answer on every platform.
public enum Timestamp {
    public static let millisPerDay: Int64 = 86_400_000

    // MARK: Parsing

    /// Epoch milliseconds of `text`, or nil when it is not a supported date.
    ///
    /// Accepted: `YYYY-MM-DD`; `YYYY-MM-DD[T| ]HH:MM[:SS[.fff]]` with an optional zone `Z`,
    /// `±HH:MM`, `±HHMM` or `±HH` (none means UTC); Unix seconds (up to 11 integer digits,
    /// optionally with a fraction) or Unix milliseconds (12 or more digits). Surrounding
    /// spaces are ignored.
    public static func parse(_ text: some StringProtocol) -> Int64? {
        if let result = text.utf8.withContiguousStorageIfAvailable({ parse(utf8: $0) }) { return result }
        return Array(text.utf8).withUnsafeBufferPointer { parse(utf8: $0) }
    }

    /// Epoch milliseconds of a calendar date or ISO date-time only (`YYYY-MM-DD`, optionally
    /// with a time and zone as in `parse`): what a user types as a window bound. All-digit
    /// text is refused here because `20220101` would silently be Unix seconds (1970-08-23);
    /// Unix time stays accepted inside data files, where the column says what it is.
    public static func parseCalendar(_ text: some StringProtocol) -> Int64? {
        let trimmed = text.utf8.drop { $0 == 0x20 || $0 == 0x09 }
        guard trimmed.count >= 10, trimmed.dropFirst(4).first == UInt8(ascii: "-") else { return nil }
        return parse(text)
    }

    /// The allocation-free variant for readers that scan raw bytes.
    public static func parse(utf8 raw: UnsafeBufferPointer<UInt8>) -> Int64? {
        var lo = 0
        var hi = raw.count
        while lo < hi, raw[lo] == 0x20 || raw[lo] == 0x09 { lo += 1 }
        while hi > lo, raw[hi - 1] == 0x20 || raw[hi - 1] == 0x09 { hi -= 1 }
        guard hi > lo else { return nil }
        if hi - lo == 20, let base = raw.baseAddress, let millis = parseFixedUTC(base + lo) { return millis }
        var cursor = Cursor(bytes: raw, position: lo, end: hi)
        if hi - lo >= 10, raw[lo + 4] == UInt8(ascii: "-") {
            return cursor.calendarDate()
        }
        return cursor.unixTime()
    }

    /// `YYYY-MM-DDTHH:MM:SSZ` exactly (20 bytes at `p`), the form most minute files use, in
    /// straight-line code: the general cursor was 4 % of a 1M-row paper replay. Nil for
    /// anything else (other forms, or invalid fields), which then takes the general path.
    @inline(__always)
    static func parseFixedUTC(_ p: UnsafePointer<UInt8>) -> Int64? {
        guard p[4] == UInt8(ascii: "-"), p[7] == UInt8(ascii: "-"), let time = fixedUTCTime(p) else { return nil }
        var bad = false
        @inline(__always) func digit(_ i: Int) -> Int64 {
            let d = p[i] &- UInt8(ascii: "0")
            bad = bad || d > 9
            return Int64(d)
        }
        let year = digit(0) * 1_000 + digit(1) * 100 + digit(2) * 10 + digit(3)
        let month = digit(5) * 10 + digit(6), day = digit(8) * 10 + digit(9)
        guard !bad, month >= 1, month <= 12, day >= 1, day <= daysInMonth(year: year, month: month) else { return nil }
        return daysFromCivil(year: year, month: month, day: day) * millisPerDay + time
    }

    /// The same, taking the date from `day` when its 10 bytes are the ones parsed last (minute
    /// bars: 1,440 rows a day), for readers that parse a column of these.
    @inline(__always)
    public static func parseFixedUTC(_ p: UnsafePointer<UInt8>, day: inout FixedUTCDay) -> Int64? {
        let head = UnsafeRawPointer(p).loadUnaligned(as: UInt64.self)
        let tail = UnsafeRawPointer(p + 8).loadUnaligned(as: UInt16.self)
        if head == day.head, tail == day.tail {
            guard let time = fixedUTCTime(p) else { return nil }
            return day.millis + time
        }
        guard let millis = parseFixedUTC(p), let time = fixedUTCTime(p) else { return nil }
        day = FixedUTCDay(head: head, tail: tail, millis: millis - time)
        return millis
    }

    /// Milliseconds into the day of the `THH:MM:SSZ` at `p + 10`.
    @inline(__always)
    private static func fixedUTCTime(_ p: UnsafePointer<UInt8>) -> Int64? {
        guard p[10] == UInt8(ascii: "T"), p[13] == UInt8(ascii: ":"), p[16] == UInt8(ascii: ":"),
            p[19] == UInt8(ascii: "Z")
        else { return nil }
        var bad = false
        @inline(__always) func digit(_ i: Int) -> Int64 {
            let d = p[i] &- UInt8(ascii: "0")
            bad = bad || d > 9
            return Int64(d)
        }
        let hour = digit(11) * 10 + digit(12), minute = digit(14) * 10 + digit(15), second = digit(17) * 10 + digit(18)
        guard !bad, hour < 24, minute < 60, second < 60 else { return nil }
        return ((hour * 60 + minute) * 60 + second) * 1_000
    }

    /// Days since 1970-01-01 of a proleptic Gregorian date (no validation).
    public static func daysFromCivil(year: Int64, month: Int64, day: Int64) -> Int64 {
        let y = month <= 2 ? year - 1 : year
        let era = (y >= 0 ? y : y - 399) / 400
        let yearOfEra = y - era * 400
        let monthFromMarch = month > 2 ? month - 3 : month + 9
        let dayOfYear = (153 * monthFromMarch + 2) / 5 + day - 1
        let dayOfEra = yearOfEra * 365 + yearOfEra / 4 - yearOfEra / 100 + dayOfYear
        return era * 146_097 + dayOfEra - 719_468
    }

    /// The calendar date of a day count since 1970-01-01.
    public static func civilFromDays(_ days: Int64) -> (year: Int64, month: Int64, day: Int64) {
        let z = days + 719_468
        let era = (z >= 0 ? z : z - 146_096) / 146_097
        let dayOfEra = z - era * 146_097
        let yearOfEra = (dayOfEra - dayOfEra / 1_460 + dayOfEra / 36_524 - dayOfEra / 146_096) / 365
        let dayOfYear = dayOfEra - (365 * yearOfEra + yearOfEra / 4 - yearOfEra / 100)
        let mp = (5 * dayOfYear + 2) / 153
        let day = dayOfYear - (153 * mp + 2) / 5 + 1
        let month = mp < 10 ? mp + 3 : mp - 9
        return (yearOfEra + era * 400 + (month <= 2 ? 1 : 0), month, day)
    }

    public static func isLeapYear(_ year: Int64) -> Bool {
        year % 4 == 0 && (year % 100 != 0 || year % 400 == 0)
    }

    public static func daysInMonth(year: Int64, month: Int64) -> Int64 {
        switch month {
        case 2: isLeapYear(year) ? 29 : 28
        case 4, 6, 9, 11: 30
        default: 31
        }
    }

    // MARK: Formatting

    /// `YYYY-MM-DD` of the UTC day containing `millis`.
    public static func formatDate(_ millis: Int64) -> String { string(millis, intraday: false) }

    /// `YYYY-MM-DDTHH:MM:SSZ`, with `.mmm` before the `Z` only when the milliseconds are nonzero.
    public static func formatISO(_ millis: Int64) -> String { string(millis, intraday: true) }

    /// The date alone for daily-or-longer bars, the full UTC date-time for intraday bars.
    public static func format(_ millis: Int64, intraday: Bool) -> String { string(millis, intraday: intraday) }

    /// Room `write` needs: a sign, 9 year digits (the Int64 range), the rest of the date-time.
    public static let maximumFormattedLength = 32

    /// Writes `format(millis, intraday:)` as UTF-8 at `out` (room for `maximumFormattedLength`
    /// bytes) and returns the number of bytes: the per-bar tables print millions of these.
    public static func write(_ millis: Int64, intraday: Bool, to out: UnsafeMutablePointer<UInt8>) -> Int {
        var day = FormattedDay()
        return write(millis, intraday: intraday, to: out, day: &day)
    }

    /// The same, copying the date from `day` when `millis` falls on the UTC day written last
    /// (minute bars: 1,440 rows a day; the calendar arithmetic was 4 % of writing a table).
    @inline(__always)
    public static func write(
        _ millis: Int64, intraday: Bool, to out: UnsafeMutablePointer<UInt8>, day cache: inout FormattedDay
    ) -> Int {
        let days = floorDiv(millis, millisPerDay)
        if days == cache.day {
            cache.copy(to: out)
        } else {
            cache = FormattedDay(days, writtenAt: out, length: writeDate(days, to: out))
        }
        let cursor = out + cache.length
        guard intraday else { return cursor - out }
        return cursor + writeTime(millis - days * millisPerDay, to: cursor) - out
    }

    /// `YYYY-MM-DD` (more year digits and a sign where needed): at most 16 bytes.
    private static func writeDate(_ days: Int64, to out: UnsafeMutablePointer<UInt8>) -> Int {
        let (year, month, day) = civilFromDays(days)
        var cursor = out
        if year < 0 {
            cursor[0] = UInt8(ascii: "-")
            cursor += 1
        }
        let yearDigits = max(4, DigitPairs.count(year.magnitude))
        DigitPairs.write(year.magnitude, count: yearDigits, to: cursor)
        cursor += yearDigits
        cursor[0] = UInt8(ascii: "-")
        DigitPairs.writePair(UInt32(truncatingIfNeeded: month), to: cursor + 1)
        cursor[3] = UInt8(ascii: "-")
        DigitPairs.writePair(UInt32(truncatingIfNeeded: day), to: cursor + 4)
        return cursor + 6 - out
    }

    /// `THH:MM:SS[.mmm]Z` of a time of day in milliseconds.
    @inline(__always)
    private static func writeTime(_ millisInDay: Int64, to out: UnsafeMutablePointer<UInt8>) -> Int {
        var cursor = out
        let inDay = UInt32(truncatingIfNeeded: millisInDay)
        cursor[0] = UInt8(ascii: "T")
        DigitPairs.writePair(inDay / 3_600_000, to: cursor + 1)
        cursor[3] = UInt8(ascii: ":")
        DigitPairs.writePair(inDay / 60_000 % 60, to: cursor + 4)
        cursor[6] = UInt8(ascii: ":")
        DigitPairs.writePair(inDay / 1_000 % 60, to: cursor + 7)
        cursor += 9
        if inDay % 1_000 != 0 {
            cursor[0] = UInt8(ascii: ".")
            DigitPairs.write(UInt64(inDay % 1_000), count: 3, to: cursor + 1)
            cursor += 4
        }
        cursor[0] = UInt8(ascii: "Z")
        return cursor + 1 - out
    }

    static func string(_ millis: Int64, intraday: Bool) -> String {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: maximumFormattedLength) { buffer in
            let count = write(millis, intraday: intraday, to: buffer.baseAddress!)
            return String(decoding: UnsafeMutableBufferPointer(rebasing: buffer[..<count]), as: UTF8.self)
        }
    }

    /// The UTC day (days since 1970-01-01) containing `millis`.
    public static func day(_ millis: Int64) -> Int64 { floorDiv(millis, millisPerDay) }

    static func floorDiv(_ a: Int64, _ b: Int64) -> Int64 {
        let q = a / b
        return (a % b != 0 && (a < 0) != (b < 0)) ? q - 1 : q
    }
}

/// The text of the UTC day `Timestamp.write(_:intraday:to:day:)` wrote last (16 bytes hold any
/// date it writes).
public struct FormattedDay: Sendable {
    fileprivate var day = Int64.min
    fileprivate var length = 0
    private var low: UInt64 = 0
    private var high: UInt64 = 0

    public init() {}

    /// Remembers the `length` bytes just written at `out` (which has room for 16).
    fileprivate init(_ day: Int64, writtenAt out: UnsafeMutablePointer<UInt8>, length: Int) {
        self.day = day
        self.length = length
        low = UnsafeRawPointer(out).loadUnaligned(as: UInt64.self)
        high = UnsafeRawPointer(out + 8).loadUnaligned(as: UInt64.self)
    }

    fileprivate func copy(to out: UnsafeMutablePointer<UInt8>) {
        UnsafeMutableRawPointer(out).storeBytes(of: low, as: UInt64.self)
        UnsafeMutableRawPointer(out + 8).storeBytes(of: high, as: UInt64.self)
    }
}

/// The date `Timestamp.parseFixedUTC(_:day:)` parsed last: its 10 bytes and its UTC midnight.
public struct FixedUTCDay: Sendable {
    fileprivate var head: UInt64 = 0  // no date's bytes are zeros
    fileprivate var tail: UInt16 = 0
    fileprivate var millis: Int64 = 0

    public init() {}

    fileprivate init(head: UInt64, tail: UInt16, millis: Int64) {
        self.head = head
        self.tail = tail
        self.millis = millis
    }
}

/// A forward reader over the bytes of one timestamp.
private struct Cursor {
    let bytes: UnsafeBufferPointer<UInt8>
    var position: Int
    let end: Int

    var atEnd: Bool { position >= end }
    var current: UInt8 { bytes[position] }

    /// Exactly `count` decimal digits as a number.
    mutating func digits(_ count: Int) -> Int64? {
        guard end - position >= count else { return nil }
        var value: Int64 = 0
        for _ in 0..<count {
            let d = bytes[position] &- UInt8(ascii: "0")
            guard d < 10 else { return nil }
            value = value * 10 + Int64(d)
            position += 1
        }
        return value
    }

    mutating func consume(_ ascii: Unicode.Scalar) -> Bool {
        guard !atEnd, current == UInt8(ascii: ascii) else { return false }
        position += 1
        return true
    }

    mutating func calendarDate() -> Int64? {
        guard let year = digits(4), consume("-"), let month = digits(2), consume("-"), let day = digits(2),
            (1...12).contains(month), day >= 1, day <= Timestamp.daysInMonth(year: year, month: month)
        else { return nil }
        let dayMillis = Timestamp.daysFromCivil(year: year, month: month, day: day) * Timestamp.millisPerDay
        if atEnd { return dayMillis }
        guard current == UInt8(ascii: "T") || current == UInt8(ascii: "t") || current == UInt8(ascii: " ") else {
            return nil
        }
        position += 1
        guard let time = timeOfDay(), let offset = zoneOffset(), atEnd else { return nil }
        return dayMillis + time - offset
    }

    /// `HH:MM[:SS[.fraction]]` in milliseconds; the fraction is truncated to milliseconds.
    mutating func timeOfDay() -> Int64? {
        guard let hour = digits(2), consume(":"), let minute = digits(2), hour < 24, minute < 60 else { return nil }
        var millis = (hour * 60 + minute) * 60_000
        if consume(":") {
            guard let second = digits(2), second < 60 else { return nil }
            millis += second * 1_000
            if consume(".") {
                guard let fraction = fractionMillis() else { return nil }
                millis += fraction
            }
        }
        return millis
    }

    /// One or more digits after a decimal point, as whole milliseconds (truncated).
    mutating func fractionMillis() -> Int64? {
        var count = 0
        var millis: Int64 = 0
        while !atEnd, current &- UInt8(ascii: "0") < 10 {
            if count < 3 { millis = millis * 10 + Int64(current &- UInt8(ascii: "0")) }
            count += 1
            position += 1
        }
        guard count > 0 else { return nil }
        for _ in count..<max(count, 3) { millis *= 10 }
        return millis
    }

    /// The zone suffix as milliseconds east of UTC (0 when absent or `Z`).
    mutating func zoneOffset() -> Int64? {
        if atEnd { return 0 }
        if consume("Z") || consume("z") { return 0 }
        let sign: Int64
        if consume("+") { sign = 1 } else if consume("-") { sign = -1 } else { return nil }
        guard let hours = digits(2), hours < 24 else { return nil }
        var minutes: Int64 = 0
        if !atEnd {
            _ = consume(":")
            guard let m = digits(2), m < 60 else { return nil }
            minutes = m
        }
        return sign * (hours * 60 + minutes) * 60_000
    }

    /// All-digit Unix time: 12 or more integer digits are milliseconds, fewer are seconds.
    mutating func unixTime() -> Int64? {
        var whole: Int64 = 0
        var count = 0
        while !atEnd, current &- UInt8(ascii: "0") < 10 {
            guard count < 18 else { return nil }
            whole = whole * 10 + Int64(current &- UInt8(ascii: "0"))
            count += 1
            position += 1
        }
        guard count > 0 else { return nil }
        let isMillis = count >= 12
        var fraction: Int64 = 0
        if consume(".") {
            guard let f = fractionMillis() else { return nil }
            fraction = f
        }
        guard atEnd else { return nil }
        // Sub-millisecond fractions of millisecond stamps are dropped (truncation).
        return isMillis ? whole : whole * 1_000 + fraction
    }
}
