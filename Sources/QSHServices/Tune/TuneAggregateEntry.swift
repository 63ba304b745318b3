import Foundation
import QSHArtifacts
import QSHCore

/// One result record (`results/<job_id>.json`, docs/tuning.md) as `tune aggregate` keeps it:
/// only what ranking and the leaderboard need (ids, the parameters, the values of the ranking's
/// keys), not the record. 100,000 results are ranked at once, so the record's summary, metrics
/// and config (about 4 KB each as parsed JSON) are read again for the top results alone
/// (`detail`). What every record repeats (plan_id, session, ticker, parameter names) is one
/// shared `Shape`, not copied per result: about 100 bytes a result in all.
struct TuneAggregateEntry: Sendable {
    /// The file's name in the results folder.
    var file: String { otherFile ?? jobID + ".json" }
    /// The file's name when it is not `<job_id>.json` (nil almost always: a name kept per result
    /// would be another 50 bytes).
    let otherFile: String?
    let jobID: String
    /// (Int32, and the rarely set fields behind one reference: each 8 bytes of the entry is
    /// 800 KB at 100,000 results.)
    private let storedOrdinal: Int32
    var ordinal: Int { Int(storedOrdinal) }
    let status: TuneResult.Status
    /// What this result has in common with the others of its plan, one object for them all.
    let shape: Shape
    /// The values of `keys` (NaN for none), in its order, then those of the parameters: one
    /// array of numbers per result (the parameters as `Parameter`s were another 100 bytes).
    let values: [Double]
    /// Which parameters are JSON integers (bit i for parameter i); the others are floats.
    let integerParameters: UInt64
    /// The parameters that are not plain numbers and the error of a failed or timed-out result:
    /// nil for an ok result with numeric parameters.
    let rare: Rare?
    var otherParameters: [String: JSONValue]? { rare?.otherParameters }
    /// The record's summary and config: for the top results only, read again once ranked.
    var detail: Detail?

    var planID: String { shape.planID }
    var session: String { shape.session }
    /// `config.ticker` (nil when missing).
    var ticker: JSONValue? { shape.ticker }
    var keys: TuneValueKeys { shape.keys }
    /// The names in `config.params`, sorted.
    var parameterNames: [String] { shape.parameterNames }
    var error: JSONValue? { rare?.error }

    /// The plan, session, ticker, kept keys and parameter names of a result: the same for
    /// every result of a plan on one ticker.
    final class Shape: Sendable {
        let planID: String
        let session: String
        let ticker: JSONValue?
        let keys: TuneValueKeys
        let parameterNames: [String]
        init(planID: String, session: String, ticker: JSONValue?, keys: TuneValueKeys, parameterNames: [String]) {
            self.planID = planID
            self.session = session
            self.ticker = ticker
            self.keys = keys
            self.parameterNames = parameterNames
        }
    }

    final class Rare: Sendable {
        let otherParameters: [String: JSONValue]?
        let error: JSONValue?
        init(otherParameters: [String: JSONValue]?, error: JSONValue?) {
            self.otherParameters = otherParameters
            self.error = error
        }
    }

    struct Parameter: Sendable {
        let name: String
        let value: JSONValue
    }

    final class Detail: Sendable {
        let summary: JSONValue?
        let config: JSONValue
        init(summary: JSONValue?, config: JSONValue) {
            self.summary = summary
            self.config = config
        }
    }

    /// `config.params`, sorted by name.
    var parameters: [Parameter] {
        parameterNames.enumerated().map { index, name in
            if let other = otherParameters?[name] { return Parameter(name: name, value: other) }
            let value = values[keys.names.count + index]
            return Parameter(name: name, value: integerParameters & (1 << UInt64(index)) != 0 ? .int(Int64(value)) : .double(value))
        }
    }

    /// The value of parameter `name`, nil when the job has none.
    func parameter(_ name: String) -> JSONValue? {
        guard let index = parameterNames.firstIndex(of: name) else { return nil }
        if let other = otherParameters?[name] { return other }
        let value = values[keys.names.count + index]
        return integerParameters & (1 << UInt64(index)) != 0 ? .int(Int64(value)) : .double(value)
    }

    /// The strategy parameters of the job (`config.params`).
    var params: [String: JSONValue] { Dictionary(parameters.map { ($0.name, $0.value) }, uniquingKeysWith: { first, _ in first }) }
    var summary: JSONValue? { detail?.summary }
    var config: JSONValue { detail?.config ?? .null }

    /// The finite number the result has for `key` (one of `keys`): its summary's, else its
    /// metrics'. Nil for a missing, null, non-numeric or non-finite value (those rank last).
    func value(_ key: String) -> Double? {
        guard let index = keys.index[key] else { return nil }
        let value = values[index]
        return value.isNaN ? nil : value
    }

    /// A result record, or the reason `value` is not one; `shared` hands out the `Shape`.
    init(file: String, value: JSONValue, keys: TuneValueKeys = .standard, shared: TuneShapes = TuneShapes())
        throws(TuneAggregateUnreadable)
    {
        func fail(_ reason: String) -> TuneAggregateUnreadable { TuneAggregateUnreadable(file: file, reason: reason) }
        guard value.objectValue != nil else { throw fail("not a JSON object") }
        guard value["record_type"]?.stringValue == "quantlab.tune.job_result" else {
            throw fail("not a tune result record (record_type \(value["record_type"].map { $0.compact() } ?? "missing"))")
        }
        func text(_ key: String) throws(TuneAggregateUnreadable) -> String {
            guard let text = value[key]?.stringValue, !text.isEmpty else { throw fail("'\(key)' is missing or not a string") }
            return text
        }
        jobID = try text("job_id")
        otherFile = file == jobID + ".json" ? nil : file
        let planID = try text("plan_id")
        let session = try text("session")
        guard let ordinal = value["ordinal"]?.intValue, ordinal >= 0, ordinal <= Int64(Int32.max) else {
            throw fail("'ordinal' is missing or not a non-negative integer")
        }
        storedOrdinal = Int32(ordinal)
        guard let status = (value["status"]?.stringValue).flatMap(TuneResult.Status.init(rawValue:)) else {
            throw fail("'status' is missing or not one of ok, failed, timeout")
        }
        self.status = status
        guard let config = value["config"], config.objectValue != nil else { throw fail("'config' is missing or not an object") }
        let summary = value["summary"]?.objectValue
        let metrics = value["metrics"]?.objectValue
        if status == .ok && (summary == nil || metrics == nil) { throw fail("an ok result without its summary and metrics objects") }
        let params = (config["params"]?.objectValue ?? [:]).sorted { $0.key < $1.key }
        var values = keys.names.map { key in
            [summary?[key], metrics?[key]].lazy.compactMap { $0?.doubleValue }.first { $0.isFinite } ?? .nan
        }
        var integers: UInt64 = 0
        var others: [String: JSONValue] = [:]
        for (index, (name, value)) in params.enumerated() {
            // A number goes in `values` when it comes back out the same (integers within 2^53).
            switch value {
            case .int(let number) where index < 64 && abs(number) < 1 << 53:
                integers |= 1 << UInt64(index)
                values.append(Double(number))
            case .double(let number) where index < 64:
                values.append(number)
            default:
                others[name] = value
                values.append(.nan)
            }
        }
        self.values = values
        shape = shared.shape(
            planID: planID, session: session, ticker: config["ticker"], keys: keys, parameterNames: params.map(\.key))
        integerParameters = integers
        // (Not `flatMap { ... ? nil : $0 }`: JSONValue is ExpressibleByNilLiteral, so that nil is `.null`.)
        let error = status == .ok ? nil : value["error"]?.objectValue.map(JSONValue.object)
        rare = others.isEmpty && status == .ok ? nil : Rare(otherParameters: others.isEmpty ? nil : others, error: error)
    }

    /// The numeric (or null) keys of a record's summary and metrics: the sort keys it offers.
    static func numericKeys(_ value: JSONValue) -> [String] {
        [value["summary"], value["metrics"]].flatMap { block in
            (block?.objectValue ?? [:]).compactMap { key, value in value.doubleValue != nil || value.isNull ? key : nil }
        }
    }
}

/// The keys whose values an aggregation keeps of each result (the filters', the sort keys, the
/// leaderboard's columns), each with its position in `TuneAggregateEntry.values`.
final class TuneValueKeys: Sendable {
    let names: [String]
    let index: [String: Int]

    init(_ names: [String]) {
        var unique: [String] = []
        for name in names where !unique.contains(name) { unique.append(name) }
        self.names = unique
        index = Dictionary(uniqueKeysWithValues: unique.enumerated().map { ($1, $0) })
    }

    /// The summary keys and the leaderboard's columns.
    static let standard = TuneValueKeys(TuneRanking.summaryKeys + TuneAggregateOutcome.metricColumns)
}

/// One `Shape` for all the results that share it (plan_id, session, ticker, parameter names):
/// a record's own copies are dropped for the object already kept.
final class TuneShapes {
    private struct Key: Hashable {
        let planID: String
        let session: String
        let ticker: String
        let parameterNames: [String]
    }

    private var kept: [Key: TuneAggregateEntry.Shape] = [:]

    func shape(planID: String, session: String, ticker: JSONValue?, keys: TuneValueKeys, parameterNames: [String])
        -> TuneAggregateEntry.Shape
    {
        let key = Key(planID: planID, session: session, ticker: ticker?.compact() ?? "", parameterNames: parameterNames)
        if let known = kept[key], known.keys === keys { return known }
        let shape = TuneAggregateEntry.Shape(
            planID: planID, session: session, ticker: ticker, keys: keys, parameterNames: parameterNames)
        // Results that share nothing (a ticker each, say) are not worth remembering past a few thousand.
        if kept.count < 4_096 { kept[key] = shape }
        return shape
    }
}
