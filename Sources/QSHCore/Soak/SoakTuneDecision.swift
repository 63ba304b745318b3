/// What one tuning step decided: the new parameters, each applied change, and what was held.
public struct SoakTuneDecision: Sendable, Equatable {
    /// One applied change (an entry of `runtime_adjustments` and a `runtime_adjust` marker).
    public struct Adjustment: Sendable, Equatable {
        public let field: SoakRuntimeField
        public let from: Double
        public let to: Double
        public let reason: String
        /// The spread-delta cap shortened this change.
        public let capped: Bool

        public init(field: SoakRuntimeField, from: Double, to: Double, reason: String, capped: Bool = false) {
            self.field = field
            self.from = from
            self.to = to
            self.reason = reason
            self.capped = capped
        }
    }

    /// A change a fired rule asked for that was not applied, and why (for the soak report's
    /// tuner evidence: pinned-at-bound counts, guard activations).
    public struct Held: Sendable, Equatable {
        public enum Why: String, Sendable {
            /// The field already changed `maxChangesPerField` times this iteration.
            case perFieldLimit = "per_field_limit"
            /// Multi-fail guard engaged and the change is not calming.
            case multiFailGuard = "multi_fail_guard"
            /// The spread-delta budget of this iteration is used up.
            case spreadDeltaCap = "spread_delta_cap"
            /// Clamping to the limits left nothing to change (the field is pinned at a bound).
            case atLimit = "at_limit"
        }

        public let field: SoakRuntimeField
        public let amount: Double
        public let reason: String
        public let why: Why
    }

    /// The parameters for the next iteration.
    public let parameters: SoakRuntimeParameters
    public let adjustments: [Adjustment]
    /// Reason tags of the rules that fired, in table order.
    public let triggers: [String]
    /// Whether the multi-fail guard engaged (only calming changes were applied).
    public let multiFailGuard: Bool
    public let held: [Held]

    /// Fired rules that could change nothing because every field they move sat at its bound:
    /// the rule keeps firing and its lever is exhausted.
    public var saturated: [String] {
        triggers.filter { reason in
            !adjustments.contains { $0.reason == reason } && held.contains { $0.reason == reason && $0.why == .atLimit }
        }
    }
}
