import QSHCore

/// CSV written as bytes: each field is formatted straight into a fixed buffer, which goes to
/// `sink` in chunks whenever it fills and at `finish()`, so a table of millions of rows never
/// becomes a String (building `equity.csv` as one String took 7 s for a million bars; see
/// docs/performance.md). The rules are those of `CSVTable` (which is built on this):
/// RFC 4180 quoting only where needed (a field holding a comma, a double quote, CR or LF is
/// quoted, with quotes doubled), `\n` line ends, floats as Python's `repr(float)`
/// (`ReprBytes`), non-finite numbers as empty fields.
///
/// Fields are separated by commas as they are written; `endRow()` ends the line.
public struct CSVWriter: ~Copyable {
    /// Receives each filled chunk; may throw to stop the writing.
    public typealias Sink = (UnsafeRawBufferPointer) throws -> Void

    private let buffer: UnsafeMutablePointer<UInt8>
    private let capacity: Int
    private var count = 0
    private var atRowStart = true
    private let sink: Sink
    /// Rows ended with `endRow()` (the header is not one).
    public private(set) var rowCount = 0
    /// Bytes handed to the sink so far.
    public private(set) var flushedBytes = 0
    /// Chunks handed to the sink so far (a `RepeatedNumber` is valid within one chunk).
    private var flushes = 0
    /// The date of the last timestamp, reused while the rows stay on one day.
    private var lastDay = FormattedDay()

    /// The smallest buffer: one number or timestamp field with its comma always fits.
    static let minimumCapacity = 64

    public init(capacity: Int = 1 << 20, sink: @escaping Sink) {
        self.capacity = max(capacity, CSVWriter.minimumCapacity)
        buffer = .allocate(capacity: self.capacity)
        self.sink = sink
    }

    deinit { buffer.deallocate() }

    /// The header line: the names as text fields (not counted as a row).
    public mutating func header(_ names: [String]) throws {
        for name in names { try text(name) }
        try endLine()
    }

    public mutating func text(_ value: String) throws {
        if let done = try value.utf8.withContiguousStorageIfAvailable({ try text(utf8: $0) }), done { return }
        try Array(value.utf8).withUnsafeBufferPointer { _ = try text(utf8: $0) }
    }

    /// A finite number as its repr; NaN and infinities as an empty field.
    @inline(__always)
    public mutating func number(_ value: Double) throws {
        try reserve(ReprBytes.maximumLength + 1)
        separate()
        if value.isFinite { count += ReprBytes.write(value, to: buffer + count) }
    }

    /// The same, copying the bytes of the previous value remembered in `last` when the value is
    /// bit for bit the same (a column that stays put for long stretches, such as the equity of
    /// a flat position), and remembering this one.
    @inline(__always)
    public mutating func number(_ value: Double, unlessRepeated last: inout RepeatedNumber) throws {
        try reserve(ReprBytes.maximumLength + 1)
        separate()
        if value.bitPattern == last.bits && last.chunk == flushes {
            (buffer + count).update(from: buffer + last.offset, count: last.length)
            count += last.length
            return
        }
        guard value.isFinite else { return }
        let length = ReprBytes.write(value, to: buffer + count)
        last = RepeatedNumber(bits: value.bitPattern, chunk: flushes, offset: count, length: length)
        count += length
    }

    @inline(__always)
    public mutating func integer(_ value: Int) throws {
        try reserve(22)
        separate()
        if value < 0 {
            buffer[count] = UInt8(ascii: "-")
            count += 1
        }
        let digits = DigitPairs.count(UInt64(value.magnitude))
        DigitPairs.write(UInt64(value.magnitude), count: digits, to: buffer + count)
        count += digits
    }

    /// `Timestamp.format(millis, intraday:)`, which never needs quoting.
    @inline(__always)
    public mutating func timestamp(_ millis: Int64, intraday: Bool) throws {
        try reserve(Timestamp.maximumFormattedLength + 1)
        separate()
        count += Timestamp.write(millis, intraday: intraday, to: buffer + count, day: &lastDay)
    }

    public mutating func empty() throws {
        try reserve(1)
        separate()
    }

    @inline(__always)
    public mutating func endRow() throws {
        try endLine()
        rowCount += 1
    }

    /// Hands the rest of the buffer to the sink. Call once, after the last row.
    public mutating func finish() throws { try flush() }

    // MARK: Bytes

    private mutating func endLine() throws {
        try reserve(1)
        buffer[count] = 0x0A
        count += 1
        atRowStart = true
    }

    /// Writes the field plainly or quoted; always returns true (for the caller's fallback).
    private mutating func text(utf8 bytes: UnsafeBufferPointer<UInt8>) throws -> Bool {
        try reserve(1)
        separate()
        guard bytes.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }) else {
            try append(bytes)
            return true
        }
        try append(0x22)
        var start = 0
        for (index, byte) in bytes.enumerated() where byte == 0x22 {
            // Up to and including the quote, then the quote again.
            try append(UnsafeBufferPointer(rebasing: bytes[start...index]))
            try append(0x22)
            start = index + 1
        }
        try append(UnsafeBufferPointer(rebasing: bytes[start...]))
        try append(0x22)
        return true
    }

    private mutating func append(_ byte: UInt8) throws {
        try reserve(1)
        buffer[count] = byte
        count += 1
    }

    private mutating func append(_ bytes: UnsafeBufferPointer<UInt8>) throws {
        var offset = 0
        while offset < bytes.count {
            if count == capacity { try flush() }
            let piece = min(capacity - count, bytes.count - offset)
            (buffer + count).update(from: bytes.baseAddress! + offset, count: piece)
            count += piece
            offset += piece
        }
    }

    @inline(__always)
    private mutating func separate() {
        if atRowStart {
            atRowStart = false
        } else {
            buffer[count] = UInt8(ascii: ",")
            count += 1
        }
    }

    /// Makes room for `bytes` more (at most `minimumCapacity`).
    @inline(__always)
    private mutating func reserve(_ bytes: Int) throws {
        if count + bytes > capacity { try flush() }
    }

    private mutating func flush() throws {
        guard count > 0 else { return }
        try sink(UnsafeRawBufferPointer(start: buffer, count: count))
        flushedBytes += count
        flushes += 1
        count = 0
    }
}

/// Where a column's previous number sits in the writer's buffer (`CSVWriter.number(_:unlessRepeated:)`).
public struct RepeatedNumber {
    var bits: UInt64 = 0
    /// The chunk it was written in; -1: nothing yet.
    var chunk = -1
    var offset = 0
    var length = 0

    public init() {}

    init(bits: UInt64, chunk: Int, offset: Int, length: Int) {
        self.bits = bits
        self.chunk = chunk
        self.offset = offset
        self.length = length
    }
}

extension StagedDirectory {
    /// Writes the CSV file `name` as `rows` produces it, in 1 MB chunks.
    public func writeCSV(file name: String, rows: (inout CSVWriter) throws -> Void) throws {
        try write(file: name) { append in
            try withoutActuallyEscaping(append) { append in
                var writer = CSVWriter(sink: append)
                try rows(&writer)
                try writer.finish()
            }
        }
    }
}
