/// The auto-tune rules and guardrails (`configs/soak/rules.yaml` holds the default as data).
public struct SoakRuleTable: Sendable, Equatable {
    public var rules: [SoakTuneRule]
    public var guardrails: SoakGuardrails

    public init(rules: [SoakTuneRule], guardrails: SoakGuardrails = .reference) {
        self.rules = rules
        self.guardrails = guardrails
    }

    /// Exactly the reference table: five triggers, reason tags as the reference prints them.
    public static let reference = SoakRuleTable(rules: [
        SoakTuneRule(
            reason: "cancel_ratio>0.55", anyOf: [SoakCondition(.cancelRatio, .greater, 0.55)],
            deltas: [.init(.minIntervalMs, 20), .init(.replaceRatePerMin, -30)]),
        SoakTuneRule(
            reason: "adverse/slippage>threshold",
            anyOf: [SoakCondition(.adverseBpsP95, .greater, 4), SoakCondition(.slippageBpsP95, .greater, 3)],
            deltas: [.init(.baseSpreadBpsDelta, 0.05)]),
        SoakTuneRule(
            reason: "order_age>330", anyOf: [SoakCondition(.orderAgeP95Ms, .greater, 330)],
            deltas: [.init(.replaceRatePerMin, -30), .init(.tailAgeMs, 50)]),
        SoakTuneRule(
            reason: "ws_lag>120", anyOf: [SoakCondition(.wsLagP95Ms, .greater, 120)],
            deltas: [.init(.minIntervalMs, 20)]),
        SoakTuneRule(
            reason: "net_bps<2.5", anyOf: [SoakCondition(.netBps, .less, 2.5)], onlyIfNoOtherTrigger: true,
            deltas: [.init(.baseSpreadBpsDelta, 0.02)]),
    ])
}
