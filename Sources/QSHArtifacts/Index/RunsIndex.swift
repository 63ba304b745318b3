import Foundation
import QSHCore

public struct RunsIndexPaths: Sendable, Equatable {
    public let csv: String
    public let json: String
    public let markdown: String
}

/// `runs_index.{csv,json,md}`: one row per run directory. The index is derived from the
/// directories and kept in step with them: each refresh reads only the folders it does not
/// list yet and drops rows whose folders are gone (see `RunsIndexUpdate`).
public enum RunsIndex {
    public static let columns = [
        "run_id", "mode", "created_at", "ticker", "start", "end", "sharpe_simple", "total_return", "max_drawdown",
        "trades", "path",
    ]

    /// Every run directory (an immediate subfolder not starting with `.` that holds a
    /// `metadata.json`), sorted by `created_at`, then run id, then path, and the run folders that
    /// could not be read (their `metadata.json` unreadable, or not a JSON object), in name order.
    /// An unreadable or missing `config.json` or `metrics.json` leaves that field nil and is one
    /// of the run's `problems`. A missing runs folder is an empty scan.
    public static func scan(runsDir: String) -> RunsScan {
        let folders = RunFolders(runsDir)
        guard let entries = folders.entries() else { return RunsScan(records: [], unreadable: [], warnings: []) }
        var records: [RunRecord] = []
        var unreadable: [UnreadableRunFolder] = []
        var warnings: [String] = []
        for entry in entries.sorted(by: { $0.name < $1.name }) {
            let read = folders.read(entry)
            warnings += read.warnings
            switch read {
            case .run(let record): records.append(record)
            case .unreadable(let folder): unreadable.append(folder)
            case .notARun: break
            }
        }
        records.sort { RunOrder($0) < RunOrder($1) }
        return RunsScan(records: records, unreadable: unreadable, warnings: warnings)
    }

    /// Brings the three index files up to date with the run folders: the rows of the existing
    /// `runs_index.json` are kept for folders that still exist, folders it does not list are
    /// read, and every folder is read again when there is no usable index (missing, corrupt,
    /// or describing another folder). The files are the same bytes `rebuild` writes. Runs under
    /// an exclusive advisory lock on `runsDir/.runs_index.lock`, so that concurrent refreshes
    /// never interleave and the last one to finish saw every run committed before it started.
    @discardableResult
    public static func refresh(runsDir: String, now: Date) throws -> RunsIndexPaths {
        try locked(runsDir) { try update(runsDir: runsDir, now: now, rebuild: false) }.paths
    }

    /// Rewrites the three index files from every run folder, whatever the existing index
    /// says (for an index edited by hand, or run folders changed in place). Same lock.
    @discardableResult
    public static func rebuild(runsDir: String, now: Date) throws -> RunsIndexPaths {
        try locked(runsDir) { try update(runsDir: runsDir, now: now, rebuild: true) }.paths
    }

    /// `refresh` (or `rebuild`), with what the folders it read warn about: the run folders
    /// left out of the index and the files that could not be read (see `RunsScan.warnings`).
    /// An incremental refresh reads only the folders the index does not list yet, and so warns
    /// about those; the folders left out are among them every time, until they are repaired.
    public static func refresh(runsDir: String, now: Date, rebuild: Bool) throws -> (paths: RunsIndexPaths, warnings: [String]) {
        let done = try locked(runsDir) { try update(runsDir: runsDir, now: now, rebuild: rebuild) }
        return (done.paths, done.warnings)
    }

    /// Runs `body` holding the exclusive lock of the runs folder (made if missing).
    static func locked<T>(_ runsDir: String, _ body: () throws -> T) throws -> T {
        try IndexLock.held(runsDir, lockName: ".runs_index.lock", body)
    }

    /// One index row: every column, `.null` where the run does not say.
    public static func row(_ record: RunRecord) -> [String: JSONValue] {
        let summary = record.metadata["summary"]
        func scalar(_ value: JSONValue?) -> JSONValue {
            switch value {
            case .string, .int, .double, .bool: value!
            default: .null
            }
        }
        return [
            "run_id": .string(record.runID),
            "mode": scalar(record.metadata["mode"]),
            "created_at": scalar(record.metadata["created_at"]),
            "ticker": scalar(record.config?["ticker"]),
            "start": scalar(record.config?["start"]),
            "end": scalar(record.config?["end"]),
            "sharpe_simple": scalar(summary?["sharpe_simple"]),
            "total_return": scalar(summary?["total_return"]),
            "max_drawdown": scalar(summary?["max_drawdown"]),
            "trades": scalar(summary?["trades"]),
            "path": .string(record.path),
        ]
    }
}
