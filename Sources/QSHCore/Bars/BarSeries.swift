/// OHLCV bars as contiguous columns (structure of arrays), the shape every hot loop reads.
///
/// Timestamps are Unix epoch milliseconds (UTC) and strictly increasing.
public struct BarSeries: Sendable, Equatable {
    public var timestamps: [Int64]
    public var open: [Double]
    public var high: [Double]
    public var low: [Double]
    public var close: [Double]
    public var volume: [Double]
    /// False when the source had no high/low columns (then high == low == close and ATR is 0).
    public var hasHighLow: Bool

    public init(
        timestamps: [Int64], open: [Double], high: [Double], low: [Double], close: [Double],
        volume: [Double], hasHighLow: Bool = true
    ) {
        precondition(
            [open.count, high.count, low.count, close.count, volume.count].allSatisfy { $0 == timestamps.count },
            "BarSeries columns must have equal length")
        self.timestamps = timestamps
        self.open = open
        self.high = high
        self.low = low
        self.close = close
        self.volume = volume
        self.hasHighLow = hasHighLow
    }

    public var count: Int { timestamps.count }
    public var isEmpty: Bool { timestamps.isEmpty }

    /// The rows with `start <= t < end` (either bound optional), as a new series.
    public func window(startMillis: Int64?, endMillis: Int64?) -> BarSeries {
        let lower = startMillis.map { s in firstIndex(atOrAfter: s) } ?? 0
        let upper = endMillis.map { e in firstIndex(atOrAfter: e) } ?? count
        if lower == 0 && upper == count { return self }
        let range = lower..<max(lower, upper)
        return BarSeries(
            timestamps: Array(timestamps[range]), open: Array(open[range]), high: Array(high[range]),
            low: Array(low[range]), close: Array(close[range]), volume: Array(volume[range]),
            hasHighLow: hasHighLow)
    }

    /// Binary search: the first row whose timestamp is >= `millis`.
    public func firstIndex(atOrAfter millis: Int64) -> Int {
        var lo = 0
        var hi = count
        while lo < hi {
            let mid = (lo + hi) / 2
            if timestamps[mid] < millis { lo = mid + 1 } else { hi = mid }
        }
        return lo
    }
}
