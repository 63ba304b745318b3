import Foundation
import QSHCore
import Testing

@testable import QSHServices

/// configs/soak/rules.yaml and the rule-table reader's errors.
struct SoakRulesFileTests {
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// The message of the InvalidInputError reading `text` throws ("no error" when it reads).
    static func failure(_ text: String) -> String {
        let error = #expect(throws: InvalidInputError.self) { try SoakRulesFile.parse(text, file: "r.yaml") }
        return error?.message ?? "no error"
    }

    static let rule = "rules:\n  - reason: x\n    when: cancel_ratio > 0.5\n    adjust:\n      min_interval_ms: 20\n"

    @Test func shippedFileIsExactlyTheReferenceTable() throws {
        let path = Self.packageRoot.appendingPathComponent("configs/soak/rules.yaml").path
        let table = try SoakRulesFile.load(path: path, shownAs: "configs/soak/rules.yaml")
        #expect(table == SoakRuleTable.reference)
    }

    @Test func minimalTableUsesTheReferenceGuardrails() throws {
        let table = try SoakRulesFile.parse(Self.rule, file: "r.yaml")
        #expect(table.guardrails == .reference)
        #expect(table.rules == [SoakTuneRule(reason: "x", anyOf: [SoakCondition(.cancelRatio, .greater, 0.5)], deltas: [.init(.minIntervalMs, 20)])])
    }

    @Test func conditionsReadWithOrWithoutSpacesAndEveryOperator() throws {
        let text = "rules:\n  - reason: x\n    when: net_bps>=1 or maker_share <= 0.8 or ws_lag_p95_ms<9\n"
            + "    only_if_no_other_trigger: true\n    adjust: {tail_age_ms: -50}\n"
        let rule = try #require(try SoakRulesFile.parse(text, file: "r.yaml").rules.first)
        #expect(rule.anyOf == [
            SoakCondition(.netBps, .greaterOrEqual, 1), SoakCondition(.makerShare, .lessOrEqual, 0.8),
            SoakCondition(.wsLagP95Ms, .less, 9),
        ])
        #expect(rule.onlyIfNoOtherTrigger && rule.deltas == [.init(.tailAgeMs, -50)])
    }

    @Test func mistakesNameFileAndLine() {
        let cases: [(String, String)] = [
            ("rulez: []\n", "r.yaml:1: unknown key 'rulez' (allowed: guardrails, rules)"),
            ("guardrails: {}\n", "r.yaml:1: rules: missing (a list of rules)"),
            ("rules: []\n", "r.yaml:1: rules: must hold at least one rule"),
            ("rules: 3\n", "r.yaml:1: rules: expected a list, got an integer"),
            (Self.rule + "    extra: 1\n", "r.yaml:6: unknown key 'rules[0].extra' (allowed: reason, when, only_if_no_other_trigger, adjust)"),
            (Self.rule.replacingOccurrences(of: "min_interval_ms", with: "min_interval"),
             "r.yaml:5: unknown field 'rules[0].adjust.min_interval' (fields: min_interval_ms, replace_rate_per_min, base_spread_bps_delta, impact_cap_ratio, tail_age_ms)"),
            (Self.rule.replacingOccurrences(of: "cancel_ratio", with: "cancels"),
             "r.yaml:3: rules[0].when: unknown metric 'cancels' (metrics: net_bps, cancel_ratio, maker_share, adverse_bps_p95, slippage_bps_p95, order_age_p95_ms, ws_lag_p95_ms)"),
            (Self.rule.replacingOccurrences(of: "> 0.5", with: "= 0.5"),
             "r.yaml:3: rules[0].when: 'cancel_ratio=0.5' is not 'metric > number' (operators: > >= < <=)"),
            (Self.rule.replacingOccurrences(of: "> 0.5", with: "> high"),
             "r.yaml:3: rules[0].when: 'cancel_ratio>high' is not 'metric > number' (operators: > >= < <=)"),
            (Self.rule.replacingOccurrences(of: ": 20", with: ": fast"), "r.yaml:5: rules[0].adjust.min_interval_ms: expected a number, got a string"),
            (Self.rule.replacingOccurrences(of: ": 20", with: ": 2.5"),
             "r.yaml:5: rules[0].adjust.min_interval_ms: 2.5 is finer than the field's step (0 decimal digits)"),
            (Self.rule.replacingOccurrences(of: ": 20", with: ": 0"), "r.yaml:5: rules[0].adjust.min_interval_ms: a delta of 0 changes nothing"),
            (Self.rule.replacingOccurrences(of: "reason: x", with: "reason: a b"),
             "r.yaml:2: rules[0].reason: 'a b' must be one word without spaces or '|' (markers print it as a cell)"),
            (Self.rule + "    only_if_no_other_trigger: 1\n", "r.yaml:6: rules[0].only_if_no_other_trigger: expected true or false, got an integer"),
            (Self.rule + Self.rule.replacingOccurrences(of: "rules:\n", with: ""), "r.yaml:6: rules[1]: duplicate reason 'x'"),
            ("guardrails:\n  max_changes_per_field: 0\n" + Self.rule, "r.yaml:2: guardrails.max_changes_per_field: must be at least 1"),
            ("guardrails:\n  spread_delta_cap: 0.1\n" + Self.rule,
             "r.yaml:2: unknown key 'guardrails.spread_delta_cap' (allowed: max_changes_per_field, multi_fail_min_triggers, spread_delta_cap_per_iteration)"),
            ("rules: [\n", "r.yaml:2: YAML syntax error"),
            ("", "r.yaml: empty soak rules file"),
            ("- 1\n", "r.yaml:1: expected a mapping, got a list"),
        ]
        for (text, expected) in cases {
            let message = Self.failure(text)
            #expect(message.hasPrefix(expected), "\(text)")
        }
    }
}
