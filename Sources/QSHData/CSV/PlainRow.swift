import QSHCore

/// The usual data line read in one pass: no padding or quotes around cells, plain decimals
/// (`DecimalParser.parsePlain`), every value valid. Why: splitting the line into cells first,
/// trimming each and parsing it separately cost about as much as the numbers themselves
/// (measured on a 1,000,000-row minute file). Any line this does not take, for whatever
/// reason, goes to `CSVRowReader`'s general path, which parses it from scratch and reports
/// what is wrong; a line taken here yields the very values the general path would.
enum PlainRow {
    /// What a field is for; the numbers land in `CSVRowReader.values` at `rawValue`.
    enum Role: UInt8, CaseIterable {
        case skip, time, open, high, low, close, adjClose, volume
    }

    static func assignRoles(_ reader: CSVRowReader) {
        let roles = reader.roles
        roles.initialize(repeating: .skip, count: reader.layout.fieldCount)
        roles[reader.timeColumn] = .time
        roles[reader.closeColumn] = .close
        if let column = reader.openColumn { roles[column] = .open }
        if let column = reader.highColumn { roles[column] = .high }  // both or neither (hasHighLow)
        if let column = reader.lowColumn { roles[column] = .low }
        if let column = reader.adjColumn { roles[column] = .adjClose }
        if let column = reader.volumeColumn { roles[column] = .volume }
    }

    /// Parses `line` into `columns` and returns true, or returns false having changed nothing.
    @inline(__always)
    static func parse(
        _ line: UnsafeBufferPointer<UInt8>, number: Int, readable: UnsafePointer<UInt8>?, reader: CSVRowReader,
        into columns: inout BarColumns
    ) -> Bool {
        guard let base = line.baseAddress, !line.isEmpty else { return false }
        let comma = UInt8(ascii: ",")
        let end = base + line.count
        let fieldCount = reader.layout.fieldCount
        let roles = reader.roles, values = reader.values
        var p = base
        var time: Int64 = 0
        var field = 0
        while true {
            switch roles[field] {
            case .skip:
                while p < end, p.pointee != comma { p += 1 }
            case .time:
                if end - p > 20, p[20] == comma, let parsed = Timestamp.parseFixedUTC(p, day: &reader.day.pointee) {
                    time = parsed  // `YYYY-MM-DDTHH:MM:SSZ,`: no scan, and the date of the row before
                    p += 20
                    break
                }
                let start = p
                while p < end, p.pointee != comma { p += 1 }
                // Unpadded, the cell is what the general path would trim it to.
                guard p > start, !CSVCell.isPadding(start.pointee), !CSVCell.isPadding((p - 1).pointee),
                    let parsed = Timestamp.parse(utf8: UnsafeBufferPointer(start: start, count: p - start))
                else { return false }
                time = parsed
            case let role:
                guard let value = DecimalParser.parsePlain(&p, end, readable: readable) else { return false }
                values[Int(role.rawValue)] = value
            }
            field += 1
            if p == end { break }
            guard p.pointee == comma, field < fieldCount else { return false }
            p += 1
        }
        guard field == fieldCount else { return false }
        return store(time: time, number: number, reader: reader, into: &columns)
    }

    /// The general path's checks and price adjustment on the parsed values.
    @inline(__always)
    private static func store(time: Int64, number: Int, reader: CSVRowReader, into columns: inout BarColumns) -> Bool {
        let values = reader.values
        func value(_ role: Role) -> Double { values[Int(role.rawValue)] }
        let rawClose = value(.close)
        guard rawClose > 0 else { return false }
        var rawOpen = rawClose
        if reader.openColumn != nil {
            rawOpen = value(.open)
            guard rawOpen > 0 else { return false }
        }
        var rawHigh = rawClose, rawLow = rawClose
        if reader.highColumn != nil {
            rawHigh = value(.high)
            rawLow = value(.low)
            guard rawHigh > 0, rawLow > 0, !(rawHigh < rawLow) else { return false }
        }
        var barVolume = 0.0
        if reader.volumeColumn != nil {
            barVolume = value(.volume)
            guard !(barVolume < 0) else { return false }
        }
        var barClose = rawClose
        if reader.adjColumn != nil {
            let adjustedClose = value(.adjClose)
            guard adjustedClose > 0 else { return false }
            if reader.adjusts {
                let k = adjustedClose / rawClose  // as in CSVRowReader.parse
                rawOpen *= k
                rawHigh *= k
                rawLow *= k
                barClose = adjustedClose
            }
        }
        if let previous = columns.lastTimestamp, time <= previous { return false }
        columns.append(
            time: time, open: reader.openColumn == nil ? barClose : rawOpen,
            high: reader.highColumn == nil ? barClose : rawHigh, low: reader.lowColumn == nil ? barClose : rawLow,
            close: barClose, volume: barVolume)
        columns.lastLine = number
        return true
    }
}
