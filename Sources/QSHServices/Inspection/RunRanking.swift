import QSHArtifacts
import QSHCore

/// One run and the value it was ranked by.
public struct RankedRun: Sendable {
    public let record: RunRecord
    public let value: Double
}

/// A run `runs best` could not rank, and why ("null", "not in metrics.json").
public struct LeftOutRun: Sendable {
    public let record: RunRecord
    public let reason: String
}

/// Runs ranked by one metric (`runs best`), and the runs without a number for it.
public struct RunRanking: Sendable {
    public let metric: String
    /// Best first, at most the limit asked for.
    public let ranked: [RankedRun]
    /// In run order.
    public let leftOut: [LeftOutRun]
    /// How many runs were looked at.
    public let runCount: Int

    /// What one run says of a metric.
    enum Reading {
        case number(Double)
        case null
        /// There, but not a number (`true`, a string, an object).
        case notNumeric(JSONValue)
        /// Not in the run's metrics (which were read).
        case absent
        /// The run has no readable metrics (nor the metric in its summary).
        case unreadable
    }

    /// The number a run has for `name`, if it has one.
    public static func value(_ name: String, of record: RunRecord) -> Double? {
        if case .number(let value) = reading(name, of: record) { return value }
        return nil
    }

    /// The value in `metrics.json`, else in the summary of `metadata.json`.
    static func reading(_ name: String, of record: RunRecord) -> Reading {
        let found = [record.metricsObject?[name], record.metadata["summary"]?[name]].compactMap { $0 }
        if let number = found.lazy.compactMap(\.doubleValue).first { return .number(number) }
        if let other = found.first(where: { !$0.isNull }) { return .notNumeric(other) }
        if !found.isEmpty { return .null }
        return record.metricsObject == nil ? .unreadable : .absent
    }

    /// Ranks `records` by `metric`, highest first unless `lowestFirst`. Throws when no run can be
    /// ranked: an invalid request (exit 2) when the metric is not numeric or no run has it, a
    /// data error (exit 3) when runs have it but without a value, or cannot be read.
    init(_ records: [RunRecord], metric: String, lowestFirst: Bool, limit: Int) throws {
        var ranked: [RankedRun] = []
        var leftOut: [LeftOutRun] = []
        var notNumeric: (RunRecord, JSONValue)?
        var absent = 0
        for record in records {
            switch Self.reading(metric, of: record) {
            case .number(let value):
                ranked.append(RankedRun(record: record, value: value))
            case .null:
                leftOut.append(LeftOutRun(record: record, reason: "null"))
            case .notNumeric(let value):
                notNumeric = notNumeric ?? (record, value)
                leftOut.append(LeftOutRun(record: record, reason: "\(value.compact()), not a number"))
            case .absent:
                absent += 1
                leftOut.append(LeftOutRun(record: record, reason: "not in metrics.json"))
            case .unreadable:
                leftOut.append(LeftOutRun(record: record, reason: "no readable metrics.json"))
            }
        }
        if ranked.isEmpty && !records.isEmpty {
            let known = Self.numericMetrics(records).joined(separator: ", ")
            if let (record, value) = notNumeric {
                throw InvalidInputError(
                    "--metric: '\(metric)' is not numeric (it is \(value.compact()) in run \(record.runID)); "
                        + "numeric metrics: \(known)")
            }
            if absent > 0 && !leftOut.contains(where: { $0.reason == "null" }) {
                throw InvalidInputError("--metric: no run has a metric named '\(metric)'; known: \(known)")
            }
            throw DataError("no run has a value for '\(metric)': \(Self.describe(leftOut))")
        }
        ranked.sort { lowestFirst ? $0.value < $1.value : $0.value > $1.value }
        self.metric = metric
        self.ranked = Array(ranked.prefix(max(limit, 1)))
        self.leftOut = leftOut
        runCount = records.count
    }

    /// The warning for the runs left out, if any:
    /// `left out 2 of 5 runs without a number for 'cagr': ID (null), ID (not in metrics.json)`.
    var leftOutWarning: String? {
        guard !leftOut.isEmpty else { return nil }
        return "left out \(leftOut.count) of \(runCount) runs without a number for '\(metric)': \(Self.describe(leftOut))"
    }

    /// The first few runs with their reasons, then how many more.
    static func describe(_ runs: [LeftOutRun], shown: Int = 5) -> String {
        var text = runs.prefix(shown).map { "\($0.record.runID) (\($0.reason))" }.joined(separator: ", ")
        if runs.count > shown { text += ", and \(runs.count - shown) more" }
        return text
    }

    /// The names with a number in some run's metrics (its summary when metrics.json is
    /// unreadable), sorted.
    static func numericMetrics(_ records: [RunRecord]) -> [String] {
        var names = Set<String>()
        for record in records {
            let metrics = record.metricsObject ?? record.metadata["summary"]?.objectValue ?? [:]
            for (name, value) in metrics where value.doubleValue != nil { names.insert(name) }
        }
        return names.sorted()
    }
}
