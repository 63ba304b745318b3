#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif
import QSHCore

/// A parsed bar file and what was done to its prices.
public struct CSVBarFile: Sendable, Equatable {
    public var series: BarSeries
    /// The file has an adjusted-close column.
    public var hadAdjustedClose: Bool
    /// Prices were rescaled to the adjusted close (`k = adj_close / close`).
    public var adjusted: Bool

    public init(series: BarSeries, hadAdjustedClose: Bool, adjusted: Bool) {
        self.series = series
        self.hadAdjustedClose = hadAdjustedClose
        self.adjusted = adjusted
    }
}

/// Reads OHLCV bar files: a header line naming the columns (any order, extra columns ignored),
/// then one bar per line in strictly increasing time order.
///
/// Every defect is a `DataError` naming the file, the 1-based line and the column. The bytes
/// are scanned in place: no String is made per row, and numbers are parsed exactly.
public enum CSVBarReader {
    /// Reads and parses the file at `path`. `adjust`: nil or true applies the adjusted close
    /// when the file has one; false keeps the raw prices.
    /// `completeLinesOnly`: ignore bytes after the last line end, for a file another program
    /// is appending to (a half-written last line is never read as a bar).
    public static func read(path: String, adjust: Bool? = nil, completeLinesOnly: Bool = false) throws(DataError) -> CSVBarFile {
        try FileBytes.withContents(path: path) { bytes throws(DataError) in
            guard completeLinesOnly else { return try parse(bytes: bytes, sourceName: path, adjust: adjust) }
            let complete = bytes.lastIndex(of: 0x0A).map { $0 + 1 } ?? 0
            return try parse(bytes: UnsafeRawBufferPointer(rebasing: bytes[..<complete]), sourceName: path, adjust: adjust)
        }
    }

    public static func parse(bytes: [UInt8], sourceName: String, adjust: Bool? = nil) throws(DataError) -> CSVBarFile {
        let result: Result<CSVBarFile, DataError> = bytes.withUnsafeBytes { raw in
            Result { () throws(DataError) in try parse(bytes: raw, sourceName: sourceName, adjust: adjust) }
        }
        return try result.get()
    }

    public static func parse(
        bytes raw: UnsafeRawBufferPointer, sourceName: String, adjust: Bool? = nil
    ) throws(DataError) -> CSVBarFile {
        try parse(bytes: raw, sourceName: sourceName, adjust: adjust, parallelBytes: CSVRows.defaultParallelBytes)
    }

    /// `parallelBytes`: rows from this size on are parsed on two threads (tests lower it).
    static func parse(
        bytes raw: UnsafeRawBufferPointer, sourceName: String, adjust: Bool?, parallelBytes: Int
    ) throws(DataError) -> CSVBarFile {
        var bytes = raw.bindMemory(to: UInt8.self)
        if bytes.count >= 3, bytes[0] == 0xEF, bytes[1] == 0xBB, bytes[2] == 0xBF {
            bytes = UnsafeBufferPointer(rebasing: bytes[3...])  // UTF-8 byte order mark
        }
        var lines = LineCursor(bytes: bytes, sourceName: sourceName)
        var headerLine: UnsafeBufferPointer<UInt8>?
        while let line = try lines.next() {
            if !CSVCell.isBlank(line) {
                headerLine = line
                break
            }
        }
        guard let headerLine else {
            throw DataError("\(sourceName): file is empty (expected a header such as date,open,high,low,close,volume)")
        }
        let headerNumber = lines.lineNumber
        let layout = try CSVLayout(headerLine: headerLine, sourceName: sourceName, lineNumber: headerNumber)
        let rows = CSVRows(layout: layout, sourceName: sourceName, adjust: adjust != false, parallelBytes: parallelBytes)
        let series = try rows.parse(after: lines, hasHighLow: layout.hasHighLow)
        guard series.count > 0 else {
            throw DataError("\(sourceName): no data rows after the header on line \(headerNumber)")
        }
        return CSVBarFile(
            series: series, hadAdjustedClose: layout.column(.adjClose) != nil,
            adjusted: rows.adjusts)
    }
}

/// Lines of a byte buffer split at `\n`, with a trailing `\r` removed; a line longer than
/// `FileBytes.maximumLineBytes` is an error, not a field to quote or parse.
struct LineCursor {
    let bytes: UnsafeBufferPointer<UInt8>
    let sourceName: String
    private(set) var offset = 0
    /// The number of the line `next()` returned last.
    private(set) var lineNumber = 0

    /// `lineNumber`: the number of the line before `bytes` (0 at the start of a file).
    init(bytes: UnsafeBufferPointer<UInt8>, sourceName: String, lineNumber: Int = 0) {
        self.bytes = bytes
        self.sourceName = sourceName
        self.lineNumber = lineNumber
    }

    /// The bytes not read yet.
    var remainder: UnsafeBufferPointer<UInt8> { UnsafeBufferPointer(rebasing: bytes[min(offset, bytes.count)...]) }

    mutating func next() throws(DataError) -> UnsafeBufferPointer<UInt8>? {
        guard offset < bytes.count, let base = bytes.baseAddress else { return nil }
        lineNumber += 1
        let start = offset
        var stop = bytes.count
        if let newline = memchr(base + start, 0x0A, bytes.count - start) {
            stop = UnsafeRawPointer(newline) - UnsafeRawPointer(base)
        }
        offset = stop + 1
        if stop - start > FileBytes.maximumLineBytes {
            throw DataError("\(sourceName):\(lineNumber): line is longer than 1 MiB: this is not a CSV bar file")
        }
        if stop > start, bytes[stop - 1] == 0x0D { stop -= 1 }
        return UnsafeBufferPointer(rebasing: bytes[start..<stop])
    }
}
