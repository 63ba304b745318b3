import Foundation
import QSHCore

/// The data rows of a bar file: every line after the header, parsed into columns; on two
/// threads when the file is large.
///
/// Why two threads (measured): parsing was about 40 % of a paper replay of a 1,000,000-row
/// file. The rows are split at the first line end past the middle, and each half is parsed by
/// its own `CSVRowReader` straight into its place in the final columns (`BarColumns`, sized
/// from the line ends each half counts first). The second half's line numbers are not known
/// while it runs, so when it finds a problem (a bad cell, or its first row not after the
/// first half's last) it is read again by continuing the first half's parse over it: every
/// message names the same file:line as a one-thread read, and the first half's errors, which
/// come first in the file, win.
struct CSVRows {
    let layout: CSVLayout
    let sourceName: String
    let adjust: Bool
    /// Below this many bytes of rows one thread does it all (a thread costs more than it saves).
    var parallelBytes = Self.defaultParallelBytes

    static let defaultParallelBytes = 4 << 20

    /// The file has an adjusted close and adjustment is on.
    var adjusts: Bool { adjust && layout.column(.adjClose) != nil }

    /// Parses the lines `lines` has not read yet.
    func parse(after lines: LineCursor, hasHighLow: Bool) throws(DataError) -> BarSeries {
        let body = lines.remainder
        guard body.count >= parallelBytes, ProcessInfo.processInfo.activeProcessorCount >= 2,
            let split = Self.splitPoint(body)
        else {
            // One row per line at most; the last line may lack its line end.
            return try BarColumns.build(capacity: NewlineCount.of(body) + 1, hasHighLow: hasHighLow) {
                columns throws(DataError) in
                var lines = lines
                var columns = columns
                try rows(&lines, into: &columns)
                return columns
            }
        }
        let first = UnsafeBufferPointer(rebasing: body[..<split])
        let second = UnsafeBufferPointer(rebasing: body[split...])
        var secondRoom = 0
        let counter = SecondThread(name: "qsh csv reader") { secondRoom = NewlineCount.of(second) + 1 }
        let firstRoom = NewlineCount.of(first)  // the first part ends with a line end
        counter.wait()
        return try BarColumns.build(capacity: firstRoom + secondRoom, hasHighLow: hasHighLow) {
            columns throws(DataError) in
            var secondColumns = columns.part(from: firstRoom, capacity: secondRoom)
            var secondFailed = false
            let secondHalf = SecondThread(name: "qsh csv reader") { [self] in
                var lines = LineCursor(bytes: second, sourceName: sourceName)
                do throws(DataError) {
                    try rows(&lines, into: &secondColumns)
                } catch { secondFailed = true }
            }
            var firstLines = LineCursor(bytes: first, sourceName: sourceName, lineNumber: lines.lineNumber)
            var firstColumns = columns.part(from: 0, capacity: firstRoom)
            var firstError: DataError?
            do throws(DataError) {
                try rows(&firstLines, into: &firstColumns)
            } catch { firstError = error }
            secondHalf.wait()
            if let firstError { throw firstError }
            if let last = firstColumns.lastTimestamp, let next = secondColumns.firstTimestamp, next <= last {
                secondFailed = true
            }
            if secondFailed {
                // Read the second part again as the continuation of the first, for the message.
                var rest = LineCursor(bytes: second, sourceName: sourceName, lineNumber: firstLines.lineNumber)
                firstColumns.extend(to: columns.capacity)
                try rows(&rest, into: &firstColumns)
                return firstColumns
            }
            firstColumns.join(secondColumns)
            return firstColumns
        }
    }

    /// Reads every remaining line of `lines` into `columns`.
    private func rows(_ lines: inout LineCursor, into columns: inout BarColumns) throws(DataError) {
        let reader = CSVRowReader(layout: layout, sourceName: sourceName, adjust: adjust)
        defer { reader.release() }
        let readable = lines.bytes.baseAddress.map { UnsafePointer($0 + lines.bytes.count) }
        while let line = try lines.next() {
            if CSVCell.isBlank(line) { continue }
            try reader.parse(line, number: lines.lineNumber, readable: readable, into: &columns)
        }
    }

    /// Just past the first line end at or after the middle; nil when the second half would be empty.
    static func splitPoint(_ body: UnsafeBufferPointer<UInt8>) -> Int? {
        guard let base = body.baseAddress else { return nil }
        let middle = body.count / 2
        guard let newline = memchr(base + middle, 0x0A, body.count - middle) else { return nil }
        let split = UnsafeRawPointer(newline) - UnsafeRawPointer(base) + 1
        return split < body.count ? split : nil
    }
}

