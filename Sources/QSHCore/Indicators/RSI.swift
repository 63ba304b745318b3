/// Relative strength index as a running state.
///
/// `.exponential` is what the reference (the `ta` library) computes: gains and losses of row 0
/// are 0 and count as an observation, both smoothed with pandas' EWM (`alpha = 1/n`), the first
/// value on row `n - 1`. `.wilder` is the classic definition: seeded with the simple mean of the
/// first `n` changes, first value on row `n`.
public struct RSI: Sendable {
    public enum Method: String, Sendable, CaseIterable { case exponential, wilder }

    public let period: Int
    public let method: Method
    @usableFromInline var gains: ExponentialAverage
    @usableFromInline var losses: ExponentialAverage
    @usableFromInline var previousClose = Double.nan
    @usableFromInline var rows = 0
    @usableFromInline var wilderGain = 0.0
    @usableFromInline var wilderLoss = 0.0

    public init(period: Int = 14, method: Method = .exponential) {
        precondition(period > 0, "period must be positive")
        self.period = period
        self.method = method
        gains = ExponentialAverage(alpha: 1.0 / Double(period))
        losses = ExponentialAverage(alpha: 1.0 / Double(period))
    }

    /// Feeds the next close; returns the RSI of that row or NaN during warm-up.
    @inlinable @inline(__always)
    public mutating func update(_ close: Double) -> Double {
        let change = rows == 0 ? 0.0 : close - previousClose
        previousClose = close
        rows += 1
        // max() compiles to a branch-free maxsd; a zero of either sign feeds the averages alike.
        let gain = max(change, 0.0)
        let loss = max(-change, 0.0)
        switch method {
        case .exponential:
            let averageGain = gains.update(gain)
            let averageLoss = losses.update(loss)
            guard rows >= period else { return .nan }
            return RSI.value(averageGain: averageGain, averageLoss: averageLoss)
        case .wilder:
            let n = Double(period)
            if rows == 1 { return .nan }
            if rows <= period + 1 {
                wilderGain += gain
                wilderLoss += loss
                guard rows == period + 1 else { return .nan }
                wilderGain /= n
                wilderLoss /= n
            } else {
                wilderGain = (wilderGain * (n - 1) + gain) / n
                wilderLoss = (wilderLoss * (n - 1) + loss) / n
            }
            return RSI.value(averageGain: wilderGain, averageLoss: wilderLoss)
        }
    }

    @inlinable @inline(__always)
    static func value(averageGain: Double, averageLoss: Double) -> Double {
        averageLoss == 0 ? 100 : 100 - 100 / (1 + averageGain / averageLoss)
    }

    /// Rows dropped before the first defined value.
    public var warmupRows: Int { method == .exponential ? period - 1 : period }

    public static func series(_ closes: [Double], period: Int = 14, method: Method = .exponential) -> [Double] {
        var state = RSI(period: period, method: method)
        return closes.map { state.update($0) }
    }
}
