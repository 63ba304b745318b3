/// One set of the five runtime parameters (what `runtime_overrides.json` holds).
public struct SoakRuntimeParameters: Sendable, Equatable {
    public var minIntervalMs: Double
    public var replaceRatePerMin: Double
    public var baseSpreadBpsDelta: Double
    public var impactCapRatio: Double
    public var tailAgeMs: Double

    public init(
        minIntervalMs: Double, replaceRatePerMin: Double, baseSpreadBpsDelta: Double, impactCapRatio: Double,
        tailAgeMs: Double
    ) {
        self.minIntervalMs = minIntervalMs
        self.replaceRatePerMin = replaceRatePerMin
        self.baseSpreadBpsDelta = baseSpreadBpsDelta
        self.impactCapRatio = impactCapRatio
        self.tailAgeMs = tailAgeMs
    }

    public subscript(field: SoakRuntimeField) -> Double {
        get {
            switch field {
            case .minIntervalMs: minIntervalMs
            case .replaceRatePerMin: replaceRatePerMin
            case .baseSpreadBpsDelta: baseSpreadBpsDelta
            case .impactCapRatio: impactCapRatio
            case .tailAgeMs: tailAgeMs
            }
        }
        set {
            switch field {
            case .minIntervalMs: minIntervalMs = newValue
            case .replaceRatePerMin: replaceRatePerMin = newValue
            case .baseSpreadBpsDelta: baseSpreadBpsDelta = newValue
            case .impactCapRatio: impactCapRatio = newValue
            case .tailAgeMs: tailAgeMs = newValue
            }
        }
    }

    /// Every field on its grid and within its limits (overrides from a file or the environment
    /// go through this before a soak uses them).
    public func clamped() -> SoakRuntimeParameters {
        var result = self
        for field in SoakRuntimeField.allCases { result[field] = field.clamp(self[field]) }
        return result
    }
}
