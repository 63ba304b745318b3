import QSHCore

/// Where parsed rows go: a view of the six column buffers with fixed room, written through
/// pointers. The room is counted from the line ends beforehand (a row is a line), so nothing
/// grows while parsing, and the two halves of a large file are parsed straight into their
/// places in the final arrays (concatenating them afterwards copied 24 MB on one thread).
struct BarColumns {
    let buffers: ColumnBuffers
    /// Rows this view may hold.
    private(set) var capacity: Int
    private(set) var count = 0
    /// Line of the last row, for ordering errors.
    var lastLine = 0

    private init(_ buffers: ColumnBuffers, capacity: Int) {
        self.buffers = buffers
        self.capacity = capacity
    }

    var lastTimestamp: Int64? { count > 0 ? buffers.timestamps[count - 1] : nil }
    var firstTimestamp: Int64? { count > 0 ? buffers.timestamps[0] : nil }

    @inline(__always)
    mutating func append(time: Int64, open: Double, high: Double, low: Double, close: Double, volume: Double) {
        precondition(count < capacity, "more rows than lines")
        buffers.timestamps[count] = time
        buffers.open[count] = open
        buffers.high[count] = high
        buffers.low[count] = low
        buffers.close[count] = close
        buffers.volume[count] = volume
        count += 1
    }

    /// An empty view of rows `offset ..< offset + capacity` of the same buffers.
    func part(from offset: Int, capacity: Int) -> BarColumns {
        precondition(offset >= 0 && offset + capacity <= self.capacity)
        return BarColumns(buffers.advanced(by: offset), capacity: capacity)
    }

    /// Lets this view (a first part) run on over the rows after it, up to `capacity`.
    mutating func extend(to capacity: Int) { self.capacity = capacity }

    /// Moves the rows of `later` (a part further on in the same buffers) to just after these.
    mutating func join(_ later: BarColumns) {
        let gap = later.buffers.timestamps - buffers.timestamps
        precondition(gap >= count, "parts out of order")
        if gap != count {  // blank lines in the first part left room unused
            let to = buffers.advanced(by: count), from = later.buffers
            to.timestamps.update(from: from.timestamps, count: later.count)
            for (target, source) in [(to.open, from.open), (to.high, from.high), (to.low, from.low), (to.close, from.close),
                (to.volume, from.volume)]
            {
                target.update(from: source, count: later.count)
            }
        }
        count += later.count
        capacity = count
    }

    /// Columns with room for `capacity` rows, filled by `fill` (which returns the view it
    /// wrote, whose rows start at the beginning), as a series.
    static func build(
        capacity: Int, hasHighLow: Bool, _ fill: (BarColumns) throws(DataError) -> BarColumns
    ) throws(DataError) -> BarSeries {
        var failure: DataError?
        let series = ColumnBuffers.series(capacity: capacity, hasHighLow: hasHighLow) { buffers in
            do throws(DataError) {
                return try fill(BarColumns(buffers, capacity: capacity)).count
            } catch {
                failure = error
                return 0
            }
        }
        if let failure { throw failure }
        return series
    }
}
