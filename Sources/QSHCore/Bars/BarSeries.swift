/// OHLCV bars as contiguous columns (structure of arrays), the shape every hot loop reads.
///
/// Timestamps are Unix epoch milliseconds (UTC) and strictly increasing. Columns are
/// `BarColumn` views (0-based), so windows share the loaded data instead of copying it.
public struct BarSeries: Sendable, Equatable {
    public let timestamps: BarColumn<Int64>
    public let open: BarColumn<Double>
    public let high: BarColumn<Double>
    public let low: BarColumn<Double>
    public let close: BarColumn<Double>
    public let volume: BarColumn<Double>
    /// False when the source had no high/low columns (then high == low == close and ATR is 0).
    public var hasHighLow: Bool
    /// `BarFingerprint.of(self)` once computed (shared by copies; not part of `==`).
    let fingerprintMemo = FingerprintMemo()

    public init(
        timestamps: [Int64], open: [Double], high: [Double], low: [Double], close: [Double],
        volume: [Double], hasHighLow: Bool = true
    ) {
        self.init(
            timestamps: BarColumn(timestamps), open: BarColumn(open), high: BarColumn(high), low: BarColumn(low),
            close: BarColumn(close), volume: BarColumn(volume), hasHighLow: hasHighLow)
    }

    public init(
        timestamps: BarColumn<Int64>, open: BarColumn<Double>, high: BarColumn<Double>, low: BarColumn<Double>,
        close: BarColumn<Double>, volume: BarColumn<Double>, hasHighLow: Bool = true
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

    public static func == (a: BarSeries, b: BarSeries) -> Bool {
        a.timestamps == b.timestamps && a.open == b.open && a.high == b.high && a.low == b.low && a.close == b.close
            && a.volume == b.volume && a.hasHighLow == b.hasHighLow
    }

    public var count: Int { timestamps.count }
    public var isEmpty: Bool { timestamps.isEmpty }

    /// The rows with `start <= t < end` (either bound optional), as a view of the same storage.
    public func window(startMillis: Int64?, endMillis: Int64?) -> BarSeries {
        let lower = startMillis.map { s in firstIndex(atOrAfter: s) } ?? 0
        let upper = endMillis.map { e in firstIndex(atOrAfter: e) } ?? count
        return rows(lower..<max(lower, upper))
    }

    /// Rows `range` as a view of the same storage.
    public func rows(_ range: Range<Int>) -> BarSeries {
        if range == 0..<count { return self }
        return BarSeries(
            timestamps: timestamps.view(range), open: open.view(range), high: high.view(range), low: low.view(range),
            close: close.view(range), volume: volume.view(range), hasHighLow: hasHighLow)
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
