/// A simple moving average that reproduces pandas' `rolling(n).mean()` bit for bit: one
/// Kahan-compensated running sum (separate compensation for additions and removals), the
/// removal applied before the addition, and pandas' guard that returns the repeated value
/// exactly when the whole window is constant.
public struct RollingMean: Sendable {
    public let window: Int
    @usableFromInline let windowSize: Double
    @usableFromInline var sum = 0.0
    @usableFromInline var addCompensation = 0.0
    @usableFromInline var removeCompensation = 0.0
    @usableFromInline var observations = 0
    @usableFromInline var negatives = 0
    @usableFromInline var sameValueRun = 0
    /// NaN until the first value: pandas seeds it with the first value, which gives the same
    /// run count (1) after the first addition.
    @usableFromInline var previousValue = Double.nan

    public init(window: Int) {
        precondition(window > 0, "window must be positive")
        self.window = window
        windowSize = Double(window)
    }

    /// Feeds row `index` of `values` and returns the mean of the window ending there
    /// (NaN until `window` values have been seen).
    @inlinable @inline(__always)
    public mutating func update(_ values: UnsafePointer<Double>, index: Int) -> Double {
        if index >= window { remove(values[index &- window]) }
        add(values[index])
        return current
    }

    @inlinable @inline(__always)
    mutating func add(_ value: Double) {
        observations &+= 1
        let y = value - addCompensation
        let t = sum + y
        addCompensation = t - sum - y
        sum = t
        negatives &+= value.sign == .minus ? 1 : 0
        sameValueRun = value == previousValue ? sameValueRun &+ 1 : 1
        previousValue = value
    }

    @inlinable @inline(__always)
    mutating func remove(_ value: Double) {
        observations &-= 1
        let y = -value - removeCompensation
        let t = sum + y
        removeCompensation = t - sum - y
        sum = t
        negatives &-= value.sign == .minus ? 1 : 0
    }

    @inlinable @inline(__always)
    var current: Double {
        guard observations >= window else { return .nan }
        // Selects, not branches: this runs once per bar inside the fused backtest loop.
        let mean = sum / windowSize
        let wrongSign = Branchless.any(negatives == 0 && mean < 0, negatives == observations && mean > 0)
        let clamped = wrongSign ? 0 : mean
        return sameValueRun >= observations ? previousValue : clamped
    }

    /// The whole series at once (NaN during warm-up).
    public static func series(_ values: [Double], window: Int) -> [Double] {
        var state = RollingMean(window: window)
        return values.withUnsafeBufferPointer { buffer in
            (0..<buffer.count).map { state.update(buffer.baseAddress!, index: $0) }
        }
    }
}
