import Foundation
import QSHCore

/// One paper session folder read back from disk (`session_status.json`, `session_metadata.json`,
/// `report.json`, written by the session runner). A folder whose JSON cannot be read (a file
/// that is unreadable, half written, or not an object) is a session all the same: its status
/// is `unreadable` and `unreadableReason` says why, so that no listing drops it or crashes on it.
public struct PaperSessionRecord: Sendable, Equatable {
    public let sessionID: String
    /// Absolute path of the session folder.
    public let path: String
    public let status: [String: JSONValue]?
    public let metadata: [String: JSONValue]?
    public let report: [String: JSONValue]?
    /// The JSON files that are there but could not be read, in file name order.
    public let problems: [RunFileProblem]

    public init(
        sessionID: String, path: String, status: [String: JSONValue]?, metadata: [String: JSONValue]?,
        report: [String: JSONValue]?, problems: [RunFileProblem]
    ) {
        self.sessionID = sessionID
        self.path = path
        self.status = status
        self.metadata = metadata
        self.report = report
        self.problems = problems
    }

    public var isUnreadable: Bool { !problems.isEmpty }

    /// `session_status.json is not valid JSON (...)`; nil for a readable session.
    public var unreadableReason: String? {
        problems.isEmpty ? nil : problems.map(\.description).joined(separator: "; ")
    }

    /// A field of `session_status.json`, else of `session_metadata.json`.
    public func field(_ key: String) -> JSONValue? {
        if let value = status?[key], !value.isNull { return value }
        if let value = metadata?[key], !value.isNull { return value }
        return nil
    }

    public func text(_ key: String) -> String? { field(key)?.stringValue }

    /// running | success | failed | aborted as the session says, `unreadable` for a damaged
    /// folder, `unknown` when no file says.
    public var state: String {
        if isUnreadable { return "unreadable" }
        return text("status") ?? report?["status"]?.stringValue ?? "unknown"
    }

    public var createdAt: String? { metadata?["created_at"]?.stringValue ?? status?["started_at"]?.stringValue }
    public var updatedAt: String? { status?["updated_at"]?.stringValue }
    /// The contract's activity time: `updated_at`, else `created_at`.
    public var activityAt: String? { updatedAt ?? createdAt }
    /// `activityAt` as epoch milliseconds, when it is a timestamp.
    public var activityMillis: Int64? { activityAt.flatMap { Timestamp.parse($0) } }

    public var terminal: Bool? { status?["terminal"]?.boolValue }
    public var errorType: String? { text("error_type") }
    public var mode: String? { text("mode") }
    public var requestID: String? { text("request_id") }

    public var hasReport: Bool { report != nil }
    /// `report.json`'s `machine_contract.contract_type`.
    public var reportContractType: String? { report?["machine_contract"]?["contract_type"]?.stringValue }

    /// `path/name`.
    public func file(_ name: String) -> String { (path as NSString).appendingPathComponent(name) }

    /// `path/name` when it exists, else nil.
    public func existingFile(_ name: String) -> String? {
        FileManager.default.fileExists(atPath: file(name)) ? file(name) : nil
    }

    /// Newest first: the later activity time, then the larger session id.
    public static func newerFirst(_ a: PaperSessionRecord, _ b: PaperSessionRecord) -> Bool {
        let left = a.activityMillis ?? Int64.min, right = b.activityMillis ?? Int64.min
        if left != right { return left > right }
        return a.sessionID > b.sessionID
    }
}

/// Every paper session of a sessions folder, sorted by session id.
public struct PaperSessionsScan: Sendable, Equatable {
    public let root: String
    public let sessions: [PaperSessionRecord]

    public init(root: String, sessions: [PaperSessionRecord]) {
        self.root = root
        self.sessions = sessions
    }

    public var unreadable: [PaperSessionRecord] { sessions.filter(\.isUnreadable) }

    /// `cannot read paper session PATH: session_status.json is not valid JSON (...)`, one per
    /// damaged folder.
    public var warnings: [String] {
        unreadable.map { "cannot read paper session \($0.path): \($0.unreadableReason ?? "")" }
    }

    /// Newest first (see `PaperSessionRecord.newerFirst`). Each activity time is parsed once,
    /// not at every comparison of the sort.
    public var newestFirst: [PaperSessionRecord] {
        sessions.map { (millis: $0.activityMillis ?? Int64.min, session: $0) }
            .sorted { $0.millis != $1.millis ? $0.millis > $1.millis : $0.session.sessionID > $1.session.sessionID }
            .map(\.session)
    }
}
