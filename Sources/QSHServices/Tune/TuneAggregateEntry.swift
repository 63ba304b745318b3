import Foundation
import QSHArtifacts
import QSHCore

/// One result record (`results/<job_id>.json`, docs/tuning.md) as `tune aggregate` keeps it:
/// only what ranking and the leaderboard need (ids, the parameters, the values of the ranking's
/// keys), not the record. 100,000 results are ranked at once, so the record's summary, metrics
/// and config (about 4 KB each as parsed JSON) are read again for the top results alone
/// (`detail`). Strings every record repeats (plan_id, session, ticker, parameter names) are
/// shared, not copied.
struct TuneAggregateEntry: Sendable {
    /// The file's name in the results folder.
    let file: String
    let jobID: String
    let ordinal: Int
    let planID: String
    let session: String
    let status: TuneResult.Status
    /// `config.ticker` (nil when missing).
    let ticker: JSONValue?
    /// `config.params`, sorted by name.
    let parameters: [Parameter]
    /// The values of `keys` (NaN for none), in its order.
    let values: [Double]
    let keys: TuneValueKeys
    /// `error` of a failed or timed-out result.
    let error: JSONValue?
    /// The record's summary and config: for the top results only, read again once ranked.
    var detail: Detail?

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

    /// A result record, or the reason `value` is not one; `shared` hands out one copy of the
    /// strings records repeat.
    init(file: String, value: JSONValue, keys: TuneValueKeys = .standard, shared: TuneSharedStrings = TuneSharedStrings())
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
        self.file = file
        jobID = try text("job_id")
        planID = shared.one(try text("plan_id"))
        session = shared.one(try text("session"))
        guard let ordinal = value["ordinal"]?.intValue, ordinal >= 0, ordinal <= Int64(Int32.max) else {
            throw fail("'ordinal' is missing or not a non-negative integer")
        }
        self.ordinal = Int(ordinal)
        guard let status = (value["status"]?.stringValue).flatMap(TuneResult.Status.init(rawValue:)) else {
            throw fail("'status' is missing or not one of ok, failed, timeout")
        }
        self.status = status
        guard let config = value["config"], config.objectValue != nil else { throw fail("'config' is missing or not an object") }
        let summary = value["summary"]?.objectValue
        let metrics = value["metrics"]?.objectValue
        if status == .ok && (summary == nil || metrics == nil) { throw fail("an ok result without its summary and metrics objects") }
        ticker = config["ticker"].map { ticker in ticker.stringValue.map { .string(shared.one($0)) } ?? ticker }
        parameters = (config["params"]?.objectValue ?? [:]).sorted { $0.key < $1.key }
            .map { Parameter(name: shared.one($0.key), value: $0.value) }
        values = keys.names.map { key in
            [summary?[key], metrics?[key]].lazy.compactMap { $0?.doubleValue }.first { $0.isFinite } ?? .nan
        }
        self.keys = keys
        // (Not `flatMap { ... ? nil : $0 }`: JSONValue is ExpressibleByNilLiteral, so that nil is `.null`.)
        error = status == .ok ? nil : value["error"]?.objectValue.map(JSONValue.object)
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

/// One copy of each string that many records repeat (plan_id, session, ticker, parameter
/// names): a record's copy is dropped for the one already kept (Swift strings share storage).
final class TuneSharedStrings {
    private var kept: [String: String] = [:]

    func one(_ text: String) -> String {
        if let known = kept[text] { return known }
        // Distinct strings beyond a few thousand are not repeats worth sharing (job ids, say).
        if kept.count < 4_096 { kept[text] = text }
        return text
    }
}
