/// The limits on what one tuning step may change (the reference's values by default).
public struct SoakGuardrails: Sendable, Equatable {
    /// Applied changes per field per iteration; later ones are held back.
    public var maxChangesPerField: Int
    /// With this many ordinary triggers or more, only calming changes are applied.
    public var multiFailMinTriggers: Int
    /// Total |change| of base_spread_bps_delta per iteration.
    public var spreadDeltaCapPerIteration: Double

    public init(maxChangesPerField: Int = 2, multiFailMinTriggers: Int = 3, spreadDeltaCapPerIteration: Double = 0.1) {
        self.maxChangesPerField = maxChangesPerField
        self.multiFailMinTriggers = multiFailMinTriggers
        self.spreadDeltaCapPerIteration = spreadDeltaCapPerIteration
    }

    public static let reference = SoakGuardrails()
}
