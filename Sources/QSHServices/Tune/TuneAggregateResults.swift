import Foundation
import QSHArtifacts
import QSHCore

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
    /// The numeric (or null) summary and metrics keys of the ok results: the valid sort keys
    /// besides the summary's.
    let numericKeys: Set<String>

    /// `shown` is the folder as the user gave it, for error messages (default: `path`); `keys`
    /// are those whose values each entry keeps.
    init(path: String, shown: String? = nil, flag: String = "--results-dir", keys: TuneValueKeys = .standard) throws {
        self.path = path
        let named = Excerpt.of(shown ?? path, limit: 120)
        var isFolder: ObjCBool = false
        guard FileManager.default.fileExists(atPath: path, isDirectory: &isFolder), isFolder.boolValue,
            let files = (try? FileManager.default.contentsOfDirectory(atPath: path))?
                .filter({ $0.hasSuffix(".json") && !$0.hasPrefix(".") }).sorted()
        else { throw InvalidInputError("\(flag): '\(named)' is not a folder that can be read") }
        guard !files.isEmpty else { throw InvalidInputError("\(flag): '\(named)' holds no result file (*.json)") }
        var entries: [TuneAggregateEntry] = []
        entries.reserveCapacity(files.count)
        var unreadable: [TuneAggregateUnreadable] = []
        var numericKeys = Set<String>()
        // The hashes of the job_ids read (8 bytes each, where a dictionary of the ids took 60):
        // only a hash seen before needs the exact index of job_ids, built then.
        var hashes = Set<Int>()
        hashes.reserveCapacity(files.count)
        var firstFile: [String: Int]?
        let shared = TuneShapes()
        for file in files {
            switch SmallFile.read(path + "/" + file) {
            case .bytes(let bytes):
                switch Self.record(file: file, bytes: bytes, keys: keys, shared: shared) {
                case .success(let (entry, keys)):
                    // A copy of a result (`t_0001 copy.json`) would rank the job twice.
                    if !hashes.insert(entry.jobID.hashValue).inserted && firstFile == nil {
                        firstFile = Dictionary(entries.enumerated().map { ($1.jobID, $0) }, uniquingKeysWith: { first, _ in first })
                    }
                    if let first = firstFile?[entry.jobID] {
                        unreadable.append(
                            TuneAggregateUnreadable(file: file, reason: "job_id '\(entry.jobID)' is already in \(entries[first].file)"))
                    } else {
                        firstFile?[entry.jobID] = entries.count
                        entries.append(entry)
                        if entry.status == .ok { numericKeys.formUnion(keys) }
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
        self.numericKeys = numericKeys
    }

    /// The entry of a file's bytes and the record's numeric keys, or why it is not a record.
    static func record(file: String, bytes: [UInt8], keys: TuneValueKeys = .standard, shared: TuneShapes = TuneShapes())
        -> Result<(TuneAggregateEntry, [String]), TuneAggregateUnreadable>
    {
        let value: JSONValue
        do { value = try JSONValue.parse(bytes: bytes) } catch {
            return .failure(TuneAggregateUnreadable(file: file, reason: "not JSON (\(error.description))"))
        }
        return Result { () throws(TuneAggregateUnreadable) in
            (try TuneAggregateEntry(file: file, value: value, keys: keys, shared: shared), TuneAggregateEntry.numericKeys(value))
        }
    }

    /// The summary and config of `entry`'s record, read again (for the top results); nil when
    /// the file no longer reads as that result.
    func detail(of entry: TuneAggregateEntry) -> TuneAggregateEntry.Detail? {
        guard case .bytes(let bytes) = SmallFile.read(path + "/" + entry.file), let value = try? JSONValue.parse(bytes: bytes),
            value["job_id"]?.stringValue == entry.jobID, let config = value["config"]
        else { return nil }
        return TuneAggregateEntry.Detail(summary: value["summary"]?.objectValue.map(JSONValue.object), config: config)
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
        order(entries, Array(entries.indices)).map { entries[$0] }
    }

    /// `ranked` of `entries[positions]`, as positions in `entries` (not copies of the entries).
    func order(_ entries: [TuneAggregateEntry], _ positions: [Int]) -> [Int] {
        guard let keys = entries.first?.keys else { return positions }
        let columns = sortKeys.map { keys.index[$0] }
        func value(_ entry: TuneAggregateEntry, _ column: Int?) -> Double? {
            guard let column else { return nil }
            let value = entry.values[column]
            return value.isNaN ? nil : value
        }
        return positions.sorted { leftPosition, rightPosition in
            let left = entries[leftPosition]
            let right = entries[rightPosition]
            return RankingOrder.precedes(
                keys: columns.count, { value(left, columns[$0]) }, { value(right, columns[$0]) },
                positions: (left.ordinal, right.ordinal)) ?? (left.file < right.file)
        }
    }

    /// The valid sort keys for these results: the summary keys and every numeric (or null)
    /// summary or metrics key of an ok result (`TuneResultsFolder.numericKeys`), sorted.
    static func validKeys(_ numericKeys: Set<String>) -> [String] {
        numericKeys.union(summaryKeys).sorted()
    }

    /// The keys of `--sort-by` as written, before they are checked (`sortKeys`): which values
    /// the folder's entries keep.
    static func requestedKeys(_ text: String) -> [String] {
        text.split(separator: ",", omittingEmptySubsequences: false).map { $0.trimmingCharacters(in: .whitespaces) }
    }

    /// `--sort-by` read: comma-separated key names, each valid for `entries`.
    static func sortKeys(_ text: String, valid: [String]) throws -> [String] {
        let keys = requestedKeys(text)
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
