import Foundation
import QSHArtifacts
import QSHCore

/// One result record (`results/<job_id>.json`, docs/tuning.md) read back for `tune aggregate`.
struct TuneAggregateEntry: Sendable {
    /// The file's name in the results folder.
    let file: String
    let jobID: String
    let ordinal: Int
    let planID: String
    let session: String
    let status: TuneResult.Status
    let config: JSONValue
    let summary: JSONValue?
    let metrics: JSONValue?
    let error: JSONValue?

    /// The strategy parameters of the job (`config.params`).
    var params: [String: JSONValue] { config["params"]?.objectValue ?? [:] }

    /// The finite number the result has for `key`: its summary's, else its metrics'. Nil for a
    /// missing, null, non-numeric or non-finite value (those rank last).
    func value(_ key: String) -> Double? {
        [summary?[key], metrics?[key]].lazy.compactMap { $0?.doubleValue }.first { $0.isFinite }
    }

    /// A result record, or the reason `value` is not one.
    init(file: String, value: JSONValue) throws(TuneAggregateUnreadable) {
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
        planID = try text("plan_id")
        session = try text("session")
        guard let ordinal = value["ordinal"]?.intValue, ordinal >= 0, ordinal <= Int64(Int32.max) else {
            throw fail("'ordinal' is missing or not a non-negative integer")
        }
        self.ordinal = Int(ordinal)
        guard let status = (value["status"]?.stringValue).flatMap(TuneResult.Status.init(rawValue:)) else {
            throw fail("'status' is missing or not one of ok, failed, timeout")
        }
        self.status = status
        guard let config = value["config"], config.objectValue != nil else { throw fail("'config' is missing or not an object") }
        self.config = config
        // (Not `flatMap { ... ? nil : $0 }`: JSONValue is ExpressibleByNilLiteral, so that nil is `.null`.)
        summary = value["summary"]?.objectValue.map(JSONValue.object)
        metrics = value["metrics"]?.objectValue.map(JSONValue.object)
        error = value["error"]?.objectValue.map(JSONValue.object)
        if status == .ok && (summary == nil || metrics == nil) { throw fail("an ok result without its summary and metrics objects") }
    }
}

/// A `*.json` file of the results folder that is not a result record, and why.
struct TuneAggregateUnreadable: Error, Sendable, Equatable {
    let file: String
    let reason: String
}

/// Every `*.json` file of a results folder (hidden files, such as the atomic writer's
/// temporaries, left out), read in file-name order: the result records and the files that are not.
struct TuneResultsFolder: Sendable {
    let path: String
    let entries: [TuneAggregateEntry]
    let unreadable: [TuneAggregateUnreadable]

    /// `shown` is the folder as the user gave it, for error messages (default: `path`).
    init(path: String, shown: String? = nil, flag: String = "--results-dir") throws {
        self.path = path
        let named = Excerpt.of(shown ?? path, limit: 120)
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue,
            let names = try? FileManager.default.contentsOfDirectory(atPath: path)
        else { throw InvalidInputError("\(flag): '\(named)' is not a folder that can be read") }
        let files = names.filter { $0.hasSuffix(".json") && !$0.hasPrefix(".") }.sorted()
        guard !files.isEmpty else { throw InvalidInputError("\(flag): '\(named)' holds no result file (*.json)") }
        var entries: [TuneAggregateEntry] = []
        var unreadable: [TuneAggregateUnreadable] = []
        var firstFile: [String: String] = [:]
        for file in files {
            switch SmallFile.read(path + "/" + file) {
            case .bytes(let bytes):
                switch Self.record(file: file, bytes: bytes) {
                case .success(let entry):
                    // A copy of a result (`t_0001 copy.json`) would rank the job twice.
                    if let first = firstFile[entry.jobID] {
                        unreadable.append(TuneAggregateUnreadable(file: file, reason: "job_id '\(entry.jobID)' is already in \(first)"))
                    } else {
                        firstFile[entry.jobID] = file
                        entries.append(entry)
                    }
                case .failure(let problem): unreadable.append(problem)
                }
            case .missing: unreadable.append(TuneAggregateUnreadable(file: file, reason: "disappeared while being read"))
            case .unreadable: unreadable.append(TuneAggregateUnreadable(file: file, reason: "cannot be read"))
            }
        }
        let plans = Set(entries.map(\.planID))
        guard plans.count <= 1 else {
            throw InvalidInputError(
                "\(flag): '\(named)' holds results of \(plans.count) plans (plan_id "
                    + plans.sorted().prefix(2).joined(separator: ", ") + (plans.count > 2 ? ", ..." : "") + ")")
        }
        guard !entries.isEmpty else {
            throw InvalidInputError(
                "\(flag): '\(named)' holds no readable result (\(unreadable.count) unreadable: "
                    + "\(unreadable[0].file): \(unreadable[0].reason)\(unreadable.count > 1 ? ", ..." : ""))")
        }
        self.entries = entries
        self.unreadable = unreadable
    }

    static func record(file: String, bytes: [UInt8]) -> Result<TuneAggregateEntry, TuneAggregateUnreadable> {
        let value: JSONValue
        do { value = try JSONValue.parse(bytes: bytes) } catch {
            return .failure(TuneAggregateUnreadable(file: file, reason: "not JSON (\(error.description))"))
        }
        return Result { () throws(TuneAggregateUnreadable) in try TuneAggregateEntry(file: file, value: value) }
    }
}

/// The filters and the order of the leaderboard (docs/tuning.md, "Aggregating results").
struct TuneRanking: Sendable {
    /// The result record's summary keys: always valid sort keys.
    static let summaryKeys = ["total_return", "sharpe_simple", "max_drawdown", "trades", "win_rate", "days"]
    static let defaultSortKeys = ["sharpe_simple", "total_return"]

    /// Which filter left a result out (the first that did, in this order).
    enum Filter: String, Sendable, CaseIterable {
        case maxDrawdown = "max_drawdown"
        case minTrades = "min_trades"
    }

    let maxDrawdownPct: Double
    let minTrades: Int?
    let sortKeys: [String]

    /// Nil when `entry` passes every filter. A result without a drawdown (or, with
    /// `minTrades`, without a trade count) does not pass.
    func filter(_ entry: TuneAggregateEntry) -> Filter? {
        guard let drawdown = entry.value("max_drawdown"), abs(drawdown) * 100 <= maxDrawdownPct else { return .maxDrawdown }
        if let minTrades {
            guard let trades = entry.value("trades"), trades >= Double(minTrades) else { return .minTrades }
        }
        return nil
    }

    /// Best first: each sort key descending (a missing value after every number), then ordinal
    /// ascending, then file name. The sort is therefore total and the same on every run.
    func ranked(_ entries: [TuneAggregateEntry]) -> [TuneAggregateEntry] {
        let keyed = entries.map { entry in (entry, sortKeys.map { entry.value($0) }) }
        return keyed.sorted { left, right in
            for (a, b) in zip(left.1, right.1) {
                switch (a, b) {
                case (nil, nil): continue
                case (nil, _): return false
                case (_, nil): return true
                case (let a?, let b?):
                    if a != b { return a > b }
                }
            }
            if left.0.ordinal != right.0.ordinal { return left.0.ordinal < right.0.ordinal }
            return left.0.file < right.0.file
        }.map(\.0)
    }

    /// The valid sort keys for these results: the summary keys and every numeric (or null)
    /// summary or metrics key of an ok result, sorted.
    static func validKeys(_ entries: [TuneAggregateEntry]) -> [String] {
        var keys = Set(summaryKeys)
        for entry in entries where entry.status == .ok {
            for block in [entry.summary, entry.metrics] {
                for (key, value) in block?.objectValue ?? [:] where value.doubleValue != nil || value.isNull { keys.insert(key) }
            }
        }
        return keys.sorted()
    }

    /// `--sort-by` read: comma-separated key names, each valid for `entries`.
    static func sortKeys(_ text: String, valid: [String]) throws -> [String] {
        let keys = text.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
        guard !keys.contains(where: \.isEmpty) else {
            throw InvalidInputError("--sort-by: '\(Excerpt.of(text, limit: 80))' must be comma-separated key names")
        }
        if let unknown = keys.first(where: { !valid.contains($0) }) {
            throw InvalidInputError(
                "--sort-by: unknown key '\(Excerpt.of(unknown, limit: 60))' (valid: \(valid.joined(separator: ", ")))")
        }
        var seen = Set<String>()
        return keys.filter { seen.insert($0).inserted }
    }
}
