import Foundation
import QSHCore

/// Reads an auto-tune rule table (`configs/soak/rules.yaml`; schema in docs/soak.md). Every
/// mistake is an `InvalidInputError` naming `file:line`, so a bad table stops a soak before
/// its first iteration rather than tuning with a silently dropped rule.
public enum SoakRulesFile {
    static let keys = ["guardrails", "rules"]
    static let ruleKeys = ["reason", "when", "only_if_no_other_trigger", "adjust"]
    static let guardrailKeys = ["max_changes_per_field", "multi_fail_min_triggers", "spread_delta_cap_per_iteration"]
    static let what = "soak rules file"

    /// Reads the table at `path` (`shownAs` in messages).
    public static func load(path: String, shownAs file: String, option: String = "--rules") throws -> SoakRuleTable {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw InvalidInputError("\(option): cannot read '\(file)' (missing or not a readable file)")
        }
        guard let text = String(data: data, encoding: .utf8) else { throw InvalidInputError("\(file): not UTF-8 text") }
        return try parse(text, file: file)
    }

    public static func parse(_ text: String, file: String) throws -> SoakRuleTable {
        let root = try SessionNode.parse(text, file: file, what: what)
        guard case .map = root.value else {
            throw InvalidInputError("\(SessionNode.place(file, root.line)): expected a mapping, got \(root.kindName)")
        }
        let top = try SessionMap(root, file: file, path: "")
        try top.requireKeys(in: keys)
        let guardrails = try top.node("guardrails").map { try readGuardrails(SessionMap($0, file: file, path: "guardrails")) }
        guard let items = try top.list("rules") else { throw top.error("rules", "missing (a list of rules)") }
        guard !items.isEmpty else { throw top.error("rules", "must hold at least one rule") }
        var rules: [SoakTuneRule] = []
        for (index, item) in items.enumerated() {
            let rule = try readRule(SessionMap(item, file: file, path: "rules[\(index)]"))
            if rules.contains(where: { $0.reason == rule.reason }) {
                throw InvalidInputError("\(SessionNode.place(file, item.line)): rules[\(index)]: duplicate reason '\(rule.reason)'")
            }
            rules.append(rule)
        }
        return SoakRuleTable(rules: rules, guardrails: guardrails ?? .reference)
    }

    static func readGuardrails(_ map: SessionMap) throws -> SoakGuardrails {
        try map.requireKeys(in: guardrailKeys)
        var result = SoakGuardrails.reference
        if let value = try map.integer("max_changes_per_field") {
            guard value >= 1 else { throw map.error("max_changes_per_field", "must be at least 1") }
            result.maxChangesPerField = value
        }
        if let value = try map.integer("multi_fail_min_triggers") {
            guard value >= 1 else { throw map.error("multi_fail_min_triggers", "must be at least 1") }
            result.multiFailMinTriggers = value
        }
        if let value = try map.number("spread_delta_cap_per_iteration") {
            guard value > 0 else { throw map.error("spread_delta_cap_per_iteration", "must be greater than 0") }
            result.spreadDeltaCapPerIteration = value
        }
        return result
    }

    static func readRule(_ map: SessionMap) throws -> SoakTuneRule {
        try map.requireKeys(in: ruleKeys)
        guard let reason = try map.string("reason") else { throw map.error("reason", "missing (the marker's reason tag)") }
        guard !reason.contains(where: { $0.isWhitespace || $0 == "|" }) else {
            throw map.error("reason", "'\(reason)' must be one word without spaces or '|' (markers print it as a cell)")
        }
        guard let when = try map.string("when") else {
            throw map.error("when", "missing (a condition such as 'cancel_ratio > 0.55')")
        }
        let conditions = try condition(when, map)
        let fallback = try flag("only_if_no_other_trigger", map) ?? false
        guard let adjust = map.node("adjust") else { throw map.error("adjust", "missing (a mapping of field: delta)") }
        let fields = try SessionMap(adjust, file: map.file, path: map.key("adjust"))
        guard !fields.entries.isEmpty else { throw map.error("adjust", "must change at least one field") }
        var deltas: [SoakTuneRule.Delta] = []
        for entry in fields.entries {
            guard let field = SoakRuntimeField(rawValue: entry.key) else {
                throw InvalidInputError(
                    "\(SessionNode.place(fields.file, entry.line)): unknown field '\(fields.key(entry.key))' "
                        + "(fields: \(SoakRuntimeField.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            guard let amount = try fields.number(entry.key) else { throw fields.error(entry.key, "expected a number, got null") }
            guard amount != 0 else { throw fields.error(entry.key, "a delta of 0 changes nothing") }
            guard field.round(amount) == amount else {
                throw fields.error(
                    entry.key, "\(amount) is finer than the field's step (\(field.decimals) decimal digits)")
            }
            deltas.append(.init(field, amount))
        }
        return SoakTuneRule(reason: reason, anyOf: conditions, onlyIfNoOtherTrigger: fallback, deltas: deltas)
    }

    /// `metric op number [or metric op number ...]`, op one of > >= < <=.
    static func condition(_ text: String, _ map: SessionMap) throws -> [SoakCondition] {
        let words = text.split(whereSeparator: \.isWhitespace).map(String.init)
        var parts: [String] = []
        var current = ""
        for word in words {
            if word == "or" {
                parts.append(current)
                current = ""
            } else {
                current += word
            }
        }
        parts.append(current)
        return try parts.map { part in
            guard let at = part.firstIndex(where: { $0 == "<" || $0 == ">" }) else {
                throw map.error("when", "'\(part)' is not 'metric > number' (operators: > >= < <=)")
            }
            let name = String(part[..<at])
            var rest = part[at...]
            let op = rest.hasPrefix(">=") || rest.hasPrefix("<=") ? String(rest.prefix(2)) : String(rest.prefix(1))
            rest = rest.dropFirst(op.count)
            guard let metric = SoakMetric(rawValue: name) else {
                throw map.error(
                    "when", "unknown metric '\(name)' (metrics: \(SoakMetric.allCases.map(\.rawValue).joined(separator: ", ")))")
            }
            guard let comparison = SoakCondition.Comparison(rawValue: op), let threshold = Double(rest), threshold.isFinite
            else { throw map.error("when", "'\(part)' is not 'metric > number' (operators: > >= < <=)") }
            return SoakCondition(metric, comparison, threshold)
        }
    }

    static func flag(_ name: String, _ map: SessionMap) throws -> Bool? {
        guard let node = map.node(name) else { return nil }
        guard case .scalar(let text, .bool) = node.value else {
            throw map.error(name, "expected true or false, got \(node.kindName)")
        }
        return ["true", "yes", "on"].contains(text.lowercased())
    }
}
