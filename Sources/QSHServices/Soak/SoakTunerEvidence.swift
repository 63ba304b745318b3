import QSHArtifacts
import QSHCore

/// How the tuner behaved over a soak (soak-simulator.md, "Steady-state evidence"): changes per
/// iteration, sign flips, iterations pinned at a bound per field, multi-fail-guard activations,
/// how often each rule fired and how often it fired with its levers at their bounds (it
/// saturates), and the first
/// iteration where no rule fired (convergence).
enum SoakTunerEvidence {
    static func json(records: [SoakIterationRecord], rules: SoakRuleTable, autoTune: Bool) -> JSONValue {
        var flips: [SoakRuntimeField: Int] = [:]
        var lastSign: [SoakRuntimeField: Double] = [:]
        var pinned: [SoakRuntimeField: Int] = [:]
        var fired: [String: Int] = Dictionary(uniqueKeysWithValues: rules.rules.map { ($0.reason, 0) })
        var saturated = fired
        for record in records {
            for adjustment in record.adjustments {
                let sign: Double = adjustment.to > adjustment.from ? 1 : -1
                if let previous = lastSign[adjustment.field], previous != sign { flips[adjustment.field, default: 0] += 1 }
                lastSign[adjustment.field] = sign
            }
            // A field a rule wanted to move but could not, because it sat at a bound.
            for name in Set(record.held[SoakTuneDecision.Held.Why.atLimit.rawValue] ?? []) {
                if let field = SoakRuntimeField(rawValue: name) { pinned[field, default: 0] += 1 }
            }
            for reason in record.triggers { fired[reason, default: 0] += 1 }
            for reason in record.saturated { saturated[reason, default: 0] += 1 }
        }
        let changes = records.map(\.adjustments.count)
        let firstQuiet = records.first { $0.triggers.isEmpty }?.iteration
        func perField(_ counts: [SoakRuntimeField: Int]) -> JSONValue {
            .object(Dictionary(uniqueKeysWithValues: SoakRuntimeField.allCases.map { ($0.rawValue, JSONValue.int(Int64(counts[$0] ?? 0))) }))
        }
        return .object([
            "auto_tune": .bool(autoTune),
            "changes_total": .int(Int64(changes.reduce(0, +))),
            "changes_per_iteration": .array(changes.map { .int(Int64($0)) }),
            "changes_last_5_mean": .double(
                changes.isEmpty ? .nan : Double(changes.suffix(5).reduce(0, +)) / Double(min(5, changes.count))),
            "sign_flips": perField(flips),
            "pinned_at_bound_iterations": perField(pinned),
            "multi_fail_guard_activations": .int(Int64(records.filter(\.multiFailGuard).count)),
            "rule_fired_iterations": .object(fired.mapValues { .int(Int64($0)) }),
            // Iterations where a rule fired but every field it moves sat at its bound.
            "rule_saturated_iterations": .object(saturated.mapValues { .int(Int64($0)) }),
            "saturated_rules": .array(rules.rules.map(\.reason).filter { (saturated[$0] ?? 0) > 0 }.map { .string($0) }),
            "first_iteration_without_trigger": firstQuiet.map { .int(Int64($0)) } ?? .null,
        ])
    }
}
