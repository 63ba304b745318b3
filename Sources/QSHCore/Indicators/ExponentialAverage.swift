/// pandas' `ewm(alpha:, adjust: False).mean()` as a running state: seeded with the first value,
/// then `m = ((1 - alpha) * m + alpha * x) / ((1 - alpha) + alpha)`, skipped when `m == x`
/// (pandas' guard against drift on constant series). The divisor is kept because it is not
/// exactly 1 for every alpha.
public struct ExponentialAverage: Sendable {
    public let alpha: Double
    @usableFromInline let keep: Double
    @usableFromInline let divisor: Double
    /// x / 1.0 == x exactly, so the division (on the loop-carried chain) is skipped when it
    /// cannot change the result.
    @usableFromInline let divides: Bool
    @usableFromInline var value = Double.nan
    @usableFromInline var started = false

    /// `alpha` as pandas derives it from the caller's alpha (via the centre of mass).
    public init(alpha requested: Double) {
        let centerOfMass = 1.0 / requested - 1.0
        alpha = 1.0 / (1.0 + centerOfMass)
        keep = 1.0 - alpha
        divisor = keep + alpha
        divides = divisor != 1.0
    }

    /// An EMA of span `n` (`alpha = 2 / (n + 1)`).
    public init(span: Int) { self.init(alpha: 2.0 / (Double(span) + 1.0)) }

    @inlinable @inline(__always)
    public mutating func update(_ x: Double) -> Double {
        if !started {
            started = true
            value = x
        } else {
            // A select rather than a branch: gains and losses alternate unpredictably.
            let blended = keep * value + alpha * x
            let next = divides ? blended / divisor : blended
            value = value != x ? next : value
        }
        return value
    }

    public var current: Double { value }

    /// The whole series, NaN for the first `minPeriods - 1` rows.
    public static func series(_ values: [Double], alpha: Double, minPeriods: Int = 1) -> [Double] {
        var state = ExponentialAverage(alpha: alpha)
        return values.enumerated().map { index, x in
            let m = state.update(x)
            return index + 1 >= minPeriods ? m : .nan
        }
    }
}
