import Foundation
import QSHCore

/// A run directory read back from disk.
public struct RunRecord: Sendable, Equatable {
    public let runID: String
    public let path: String
    public let metadata: JSONValue
    public let config: JSONValue?
    public let metrics: JSONValue?
    /// The files of the folder that are missing or could not be read (`config` or `metrics` is
    /// nil then), in file name order; empty for an intact run.
    public let problems: [RunFileProblem]

    public init(
        runID: String, path: String, metadata: JSONValue, config: JSONValue?, metrics: JSONValue?,
        problems: [RunFileProblem] = []
    ) {
        self.runID = runID
        self.path = path
        self.metadata = metadata
        self.config = config
        self.metrics = metrics
        self.problems = problems
    }
}

/// One file of a run folder that is not as a run writes it: missing, unreadable, not JSON, or
/// not a JSON object.
public struct RunFileProblem: Error, Equatable, CustomStringConvertible {
    /// `metadata.json`, `config.json`, `metrics.json`.
    public let file: String
    /// What is wrong, as it follows the file name: "is missing", "is not valid JSON (...)".
    public let reason: String
    /// The file is not there at all (as opposed to there but unreadable).
    public let isMissing: Bool

    public init(file: String, reason: String, isMissing: Bool = false) {
        self.file = file
        self.reason = reason
        self.isMissing = isMissing
    }

    public static func missing(_ file: String) -> RunFileProblem {
        RunFileProblem(file: file, reason: "is missing", isMissing: true)
    }

    /// `metrics.json is not valid JSON (line 1, column 2: ...)`.
    public var description: String { "\(file) \(reason)" }
}

/// A folder that holds a `metadata.json` that cannot be read as a run's (unreadable, not JSON,
/// not a JSON object): it is no run in any listing, and is reported instead.
public struct UnreadableRunFolder: Sendable, Equatable {
    /// The folder's name in the runs folder.
    public let name: String
    public let path: String
    public let problem: RunFileProblem
}

/// Every run folder of a runs folder, read: the runs and the folders that could not be read.
public struct RunsScan: Sendable, Equatable {
    /// Sorted by `created_at`, then run id, then path.
    public let records: [RunRecord]
    /// In folder name order.
    public let unreadable: [UnreadableRunFolder]
    /// One line per file that is there but could not be read or parsed, in folder name order
    /// (what the runs index reports; a missing `config.json` or `metrics.json` is not one).
    public let warnings: [String]
}
