/// Average true range as the reference computes it: `TR_0 = H_0 - L_0`, then the largest of
/// the three ranges; 0 before row `n - 1`, the mean of the first `n` true ranges on row `n - 1`
/// (numpy pairwise sum), then `(ATR * (n - 1) + TR) / n`.
public struct ATR: Sendable {
    public let period: Int
    @usableFromInline var seed: [Double]
    @usableFromInline var rows = 0
    @usableFromInline var previousClose = 0.0
    @usableFromInline var value = 0.0

    public init(period: Int = 14) {
        precondition(period > 0, "period must be positive")
        self.period = period
        seed = []
        seed.reserveCapacity(period)
    }

    @inlinable @inline(__always)
    public mutating func update(high: Double, low: Double, close: Double) -> Double {
        var trueRange = high - low
        if rows > 0 {
            trueRange = max(trueRange, abs(high - previousClose), abs(low - previousClose))
        }
        previousClose = close
        rows += 1
        if rows < period {
            seed.append(trueRange)
            return 0
        }
        if rows == period {
            seed.append(trueRange)
            value = seed.withUnsafeBufferPointer { PairwiseSum.mean($0.baseAddress!, count: period) }
            return value
        }
        value = (value * Double(period - 1) + trueRange) / Double(period)
        return value
    }

    public static func series<Column: RandomAccessCollection<Double>>(
        high: Column, low: Column, close: Column, period: Int = 14
    ) -> [Double] where Column.Index == Int {
        var state = ATR(period: period)
        return close.indices.map { state.update(high: high[$0], low: low[$0], close: close[$0]) }
    }
}
