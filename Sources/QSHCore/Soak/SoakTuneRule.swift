/// One auto-tune rule: when any of its conditions holds, add each delta to its field.
public struct SoakTuneRule: Sendable, Equatable {
    /// One field change a rule asks for.
    public struct Delta: Sendable, Equatable {
        public let field: SoakRuntimeField
        public let amount: Double

        public init(_ field: SoakRuntimeField, _ amount: Double) {
            self.field = field
            self.amount = amount
        }
    }

    /// The tag the markers print (`REASON=cancel_ratio>0.55`, `  - cancel_ratio>0.55`); one
    /// word, no spaces or `|`, so a marker stays one line of `|`-separated cells.
    public let reason: String
    /// The rule fires when at least one of these holds ("adverse > 4 or slippage > 3").
    public let anyOf: [SoakCondition]
    /// A fallback: it fires only when no ordinary rule fired this iteration ("net_bps < 2.5
    /// and no other trigger").
    public let onlyIfNoOtherTrigger: Bool
    /// Applied in this order.
    public let deltas: [Delta]

    public init(reason: String, anyOf: [SoakCondition], onlyIfNoOtherTrigger: Bool = false, deltas: [Delta]) {
        self.reason = reason
        self.anyOf = anyOf
        self.onlyIfNoOtherTrigger = onlyIfNoOtherTrigger
        self.deltas = deltas
    }

    public func holds(for metrics: SoakIterationMetrics) -> Bool {
        anyOf.contains { $0.holds(for: metrics) }
    }
}
