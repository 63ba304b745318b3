/// The guarded auto-tune step: current parameters and one iteration's metrics in, a decision
/// out. Pure and deterministic; the service runs it once per iteration and feeds the result's
/// parameters into the next one.
///
/// Order of work (docs/soak.md, "Guardrails"):
/// 1. Ordinary rules whose conditions hold fire; fallback rules fire only if none did.
/// 2. With `multiFailMinTriggers` or more ordinary triggers the guard engages.
/// 3. Each fired rule's deltas are tried in table order: a non-calming one under the guard, a
///    field's change beyond `maxChangesPerField`, or spread beyond the iteration's remaining
///    cap is held back (spread is shortened to what remains); the result is rounded to the
///    field's grid and clamped, and a change that clamps to nothing is held, not counted.
public struct SoakAutoTuner: Sendable {
    public let table: SoakRuleTable

    public init(table: SoakRuleTable = .reference) {
        self.table = table
    }

    /// One step. `current` is clamped first, so out-of-limit input cannot leak through.
    public func decide(current: SoakRuntimeParameters, metrics: SoakIterationMetrics) -> SoakTuneDecision {
        let ordinary = table.rules.filter { !$0.onlyIfNoOtherTrigger && $0.holds(for: metrics) }
        let fired =
            ordinary.isEmpty ? table.rules.filter { $0.onlyIfNoOtherTrigger && $0.holds(for: metrics) } : ordinary
        let guardEngaged = ordinary.count >= table.guardrails.multiFailMinTriggers

        var parameters = current.clamped()
        var adjustments: [SoakTuneDecision.Adjustment] = []
        var held: [SoakTuneDecision.Held] = []
        var changes: [SoakRuntimeField: Int] = [:]
        var spreadUsed = 0.0
        let spread = SoakRuntimeField.baseSpreadBpsDelta

        for rule in fired {
            for delta in rule.deltas {
                let field = delta.field
                func hold(_ why: SoakTuneDecision.Held.Why) {
                    held.append(.init(field: field, amount: delta.amount, reason: rule.reason, why: why))
                }
                if guardEngaged && !field.isCalming(delta.amount) {
                    hold(.multiFailGuard)
                    continue
                }
                if changes[field, default: 0] >= table.guardrails.maxChangesPerField {
                    hold(.perFieldLimit)
                    continue
                }
                var amount = delta.amount
                var capped = false
                if field == spread {
                    let remaining = spread.round(table.guardrails.spreadDeltaCapPerIteration - spreadUsed)
                    if remaining <= 0 {
                        hold(.spreadDeltaCap)
                        continue
                    }
                    if abs(amount) > remaining {
                        amount = amount < 0 ? -remaining : remaining
                        capped = true
                    }
                }
                let from = parameters[field]
                let to = field.clamp(from + amount)
                if to == from {
                    hold(.atLimit)
                    continue
                }
                parameters[field] = to
                changes[field, default: 0] += 1
                if field == spread { spreadUsed = spread.round(spreadUsed + abs(to - from)) }
                adjustments.append(.init(field: field, from: from, to: to, reason: rule.reason, capped: capped))
            }
        }
        return SoakTuneDecision(
            parameters: parameters, adjustments: adjustments, triggers: fired.map(\.reason),
            multiFailGuard: guardEngaged, held: held)
    }
}
