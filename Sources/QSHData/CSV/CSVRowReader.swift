import QSHCore

/// Parses and validates one data line at a time, applying the price adjustment.
///
/// Immutable on purpose (field offsets go to a scratch buffer it owns): a mutating parser
/// holding the columns was copied on every helper call, which cost a tenth of the read time.
struct CSVRowReader {
    let layout: CSVLayout
    let sourceName: String
    /// The file has an adjusted close and adjustment is on.
    let adjusts: Bool
    let timeColumn, closeColumn: Int
    let openColumn, highColumn, lowColumn, adjColumn, volumeColumn: Int?
    /// Start offset of each field of the current line; slot `fieldCount` is the end sentinel.
    private let fieldStarts: UnsafeMutablePointer<Int>
    /// `PlainRow` per field: what the one-pass parse does with it.
    let roles: UnsafeMutablePointer<PlainRow.Role>
    /// `PlainRow`'s numbers of the current line, by role.
    let values: UnsafeMutablePointer<Double>
    /// The date of `PlainRow`'s last fixed-width time.
    let day: UnsafeMutablePointer<FixedUTCDay>

    init(layout: CSVLayout, sourceName: String, adjust: Bool) {
        self.layout = layout
        self.sourceName = sourceName
        timeColumn = layout.column(.time)!
        closeColumn = layout.column(.close)!
        openColumn = layout.column(.open)
        highColumn = layout.hasHighLow ? layout.column(.high) : nil
        lowColumn = layout.hasHighLow ? layout.column(.low) : nil
        adjColumn = layout.column(.adjClose)
        volumeColumn = layout.column(.volume)
        adjusts = adjust && adjColumn != nil
        fieldStarts = .allocate(capacity: layout.fieldCount + 1)
        roles = .allocate(capacity: layout.fieldCount)
        values = .allocate(capacity: PlainRow.Role.allCases.count)
        values.initialize(repeating: 0, count: PlainRow.Role.allCases.count)
        day = .allocate(capacity: 1)
        day.initialize(to: FixedUTCDay())
        PlainRow.assignRoles(self)
    }

    func release() {
        fieldStarts.deallocate()
        roles.deallocate()
        values.deallocate()
        day.deallocate()
    }

    /// `readable`: where the buffer holding `line` ends (see `DecimalParser.parsePlain`).
    func parse(
        _ line: UnsafeBufferPointer<UInt8>, number: Int, readable: UnsafePointer<UInt8>?, into columns: inout BarColumns
    ) throws(DataError) {
        if PlainRow.parse(line, number: number, readable: readable, reader: self, into: &columns) { return }
        try split(line, number: number)
        let time = try timestamp(line, number: number, after: columns)
        let rawClose = try price(line, closeColumn, number: number)
        var rawOpen = rawClose
        if let openColumn { rawOpen = try price(line, openColumn, number: number) }
        var rawHigh = rawClose, rawLow = rawClose
        if let highColumn, let lowColumn {
            rawHigh = try price(line, highColumn, number: number)
            rawLow = try price(line, lowColumn, number: number)
            if rawHigh < rawLow {
                throw failure(number, "high \(text(line, highColumn)) is below low \(text(line, lowColumn))")
            }
        }
        var barVolume = 0.0
        if let volumeColumn {
            barVolume = try value(line, volumeColumn, number: number)
            if barVolume < 0 { throw failure(number, column: volumeColumn, "'\(text(line, volumeColumn))' is negative") }
        }
        var barClose = rawClose
        if let adjColumn {
            let adjustedClose = try price(line, adjColumn, number: number)
            if adjusts {
                let k = adjustedClose / rawClose  // k first, then open/high/low * k (the reference's order)
                rawOpen *= k
                rawHigh *= k
                rawLow *= k
                barClose = adjustedClose
            }
        }
        // Columns the file lacks take the (adjusted) close, so high == low == close holds.
        columns.append(
            time: time, open: openColumn == nil ? barClose : rawOpen, high: highColumn == nil ? barClose : rawHigh,
            low: lowColumn == nil ? barClose : rawLow, close: barClose, volume: barVolume)
        columns.lastLine = number
    }

    /// Records where each field starts; the line must have exactly as many fields as the header.
    private func split(_ line: UnsafeBufferPointer<UInt8>, number: Int) throws(DataError) {
        let expected = layout.fieldCount
        var fields = 1
        fieldStarts[0] = 0
        guard let base = line.baseAddress else { throw failure(number, "empty line") }
        // Eight bytes at a time: a comma becomes a zero byte after the XOR, and the exact
        // zero-byte test below (no borrow between lanes) flags precisely those bytes.
        var index = 0
        while index + 8 <= line.count {
            let word = UInt64(littleEndian: UnsafeRawPointer(base + index).loadUnaligned(as: UInt64.self))
            let x = word ^ 0x2C2C_2C2C_2C2C_2C2C
            var commas = ~(((x & 0x7F7F_7F7F_7F7F_7F7F) &+ 0x7F7F_7F7F_7F7F_7F7F) | x) & 0x8080_8080_8080_8080
            while commas != 0 {
                if fields < expected { fieldStarts[fields] = index + commas.trailingZeroBitCount / 8 + 1 }
                fields += 1
                commas &= commas &- 1
            }
            index += 8
        }
        while index < line.count {
            if line[index] == UInt8(ascii: ",") {
                if fields < expected { fieldStarts[fields] = index + 1 }
                fields += 1
            }
            index += 1
        }
        fieldStarts[expected] = line.count + 1
        if fields != expected {
            throw failure(number, "expected \(expected) fields as in the header, found \(fields)")
        }
    }

    @inline(__always)
    private func cell(_ line: UnsafeBufferPointer<UInt8>, _ column: Int) -> UnsafeBufferPointer<UInt8> {
        CSVCell.trimmed(UnsafeBufferPointer(rebasing: line[fieldStarts[column]..<(fieldStarts[column + 1] - 1)]))
    }

    private func timestamp(
        _ line: UnsafeBufferPointer<UInt8>, number: Int, after columns: BarColumns
    ) throws(DataError) -> Int64 {
        let bytes = try nonEmpty(line, timeColumn, number: number)
        guard let time = Timestamp.parse(utf8: bytes) else {
            throw failure(
                number, column: timeColumn,
                "'\(text(line, timeColumn))' is not a date (expected YYYY-MM-DD, an ISO 8601 date-time, "
                    + "or Unix seconds or milliseconds)")
        }
        if let previous = columns.lastTimestamp, time <= previous {
            if time == previous {
                throw failure(
                    number, column: timeColumn,
                    "duplicate timestamp '\(text(line, timeColumn))' (also on line \(columns.lastLine))")
            }
            throw failure(
                number, column: timeColumn,
                "'\(text(line, timeColumn))' is earlier than "
                    + "\(Timestamp.format(previous, intraday: previous % Timestamp.millisPerDay != 0)) on line "
                    + "\(columns.lastLine); rows must be in strictly increasing time order")
        }
        return time
    }

    /// A positive finite price.
    @inline(__always)
    private func price(_ line: UnsafeBufferPointer<UInt8>, _ column: Int, number: Int) throws(DataError) -> Double {
        let v = try value(line, column, number: number)
        guard v > 0 else { throw failure(number, column: column, "'\(text(line, column))' is not a positive price") }
        return v
    }

    @inline(__always)
    private func value(_ line: UnsafeBufferPointer<UInt8>, _ column: Int, number: Int) throws(DataError) -> Double {
        let bytes = try nonEmpty(line, column, number: number)
        guard let v = DecimalParser.parse(bytes) else {
            throw failure(number, column: column, "'\(text(line, column))' is not a number")
        }
        guard v.isFinite else { throw failure(number, column: column, "'\(text(line, column))' is not a finite number") }
        return v
    }

    @inline(__always)
    private func nonEmpty(
        _ line: UnsafeBufferPointer<UInt8>, _ column: Int, number: Int
    ) throws(DataError) -> UnsafeBufferPointer<UInt8> {
        let bytes = cell(line, column)
        if bytes.isEmpty { throw failure(number, column: column, "empty cell") }
        return bytes
    }

    // Error path only: these allocate.

    private func text(_ line: UnsafeBufferPointer<UInt8>, _ column: Int) -> String {
        Excerpt.of(String(decoding: cell(line, column), as: UTF8.self), limit: 40)
    }

    private func failure(_ number: Int, column: Int, _ problem: String) -> DataError {
        failure(number, "column '\(Excerpt.of(layout.names[column], limit: 40))': \(problem)")
    }

    private func failure(_ number: Int, _ problem: String) -> DataError {
        DataError("\(sourceName):\(number): \(problem)")
    }
}
