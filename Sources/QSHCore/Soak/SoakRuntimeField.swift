/// The five runtime parameters a soak may change between iterations, with their limits.
///
/// Values are kept on a fixed grid (`decimals`) so that repeated `+0.05` steps stay exact in the
/// markers and in `runtime_overrides.json` (0.3 + 0.05 is 0.35, not 0.35000000000000003).
public enum SoakRuntimeField: String, CaseIterable, Sendable, Hashable {
    case minIntervalMs = "min_interval_ms"
    case replaceRatePerMin = "replace_rate_per_min"
    case baseSpreadBpsDelta = "base_spread_bps_delta"
    case impactCapRatio = "impact_cap_ratio"
    case tailAgeMs = "tail_age_ms"

    /// Inclusive limits; every value the tuner produces is clamped to them.
    public var limits: ClosedRange<Double> {
        switch self {
        case .minIntervalMs: 50...300
        case .replaceRatePerMin: 120...360
        case .baseSpreadBpsDelta: 0.0...0.6
        case .impactCapRatio: 0.04...0.12
        case .tailAgeMs: 400...1000
        }
    }

    /// Digits after the decimal point the value is rounded to (0: a whole number).
    public var decimals: Int {
        switch self {
        case .minIntervalMs, .replaceRatePerMin, .tailAgeMs: 0
        case .baseSpreadBpsDelta, .impactCapRatio: 4
        }
    }

    /// The direction of a "calming" change (wider spread, slower refresh, fewer replaces), the
    /// only changes the multi-fail guard lets through; nil when no direction of the field calms.
    public var calmingSign: Double? {
        switch self {
        case .baseSpreadBpsDelta, .minIntervalMs: 1
        case .replaceRatePerMin: -1
        case .impactCapRatio, .tailAgeMs: nil
        }
    }

    /// Whether adding `delta` to this field is a calming change.
    public func isCalming(_ delta: Double) -> Bool {
        guard let sign = calmingSign else { return false }
        return delta * sign > 0
    }

    /// `value` on the field's grid and within its limits.
    public func clamp(_ value: Double) -> Double {
        min(max(round(value), limits.lowerBound), limits.upperBound)
    }

    /// `value` rounded half away from zero to `decimals` digits.
    public func round(_ value: Double) -> Double {
        let scale = SoakNumberText.powerOfTen(decimals)
        return (value * scale).rounded(.toNearestOrAwayFromZero) / scale
    }

    /// The value as the markers and reports write it (see `SoakNumberText.parameter`).
    public func text(_ value: Double) -> String {
        SoakNumberText.parameter(value, decimals: decimals)
    }
}
