import Foundation
import QSHCore

/// `paper_sessions_index.{csv,json}` in a sessions folder: one row per session folder, with the
/// contract's columns in the contract's order, in session id order. The index is kept in step
/// with the folders incrementally (see `PaperSessionsIndexUpdate`): `refresh` (the operator
/// command `paper index`) rereads only the folders changed, added or never indexed since the
/// last update, `upsert` (the session runner, at every terminal transition) also rereads the
/// finishing session's folder, and both write the bytes `rebuild`, which reads every folder,
/// writes. All three run under an exclusive lock on `.paper_sessions_index.lock` in the
/// sessions folder, so that sessions finishing at once never lose each other's row; each file
/// is written atomically.
public enum PaperSessionsIndex {
    public static let csvName = "paper_sessions_index.csv"
    public static let jsonName = "paper_sessions_index.json"
    static let lockName = ".paper_sessions_index.lock"

    /// The contract's columns, in order.
    public static let columns = [
        "session_id", "status", "created_at", "started_at", "updated_at", "finished_at", "terminal", "status_reason",
        "duration_seconds", "request_id", "error_type", "report_contract_type", "path",
    ]

    public struct Written: Sendable, Equatable {
        public let csv: String
        public let json: String
        public let sessions: Int
        /// One line per session folder that could not be read (it is indexed as `unreadable`).
        public let warnings: [String]
    }

    /// Brings the index of the sessions folder `root` (which must exist) up to date as of
    /// `now`, reading only the folders that changed since the last update (every folder when
    /// there is no usable index).
    @discardableResult
    public static func refresh(root: String, now: Date) throws -> Written {
        try locked(root) { try update(root: root, now: now, rebuild: false) }.written
    }

    /// Rewrites the index of `root` from every session folder, whatever the existing files say.
    @discardableResult
    public static func rebuild(root: String, now: Date) throws -> Written {
        try locked(root) { try update(root: root, now: now, rebuild: true) }.written
    }

    /// The update at a session's terminal transition: `session` (a session folder) is read
    /// again and its row inserted or replaced; the index is otherwise brought up to date as
    /// `refresh` does.
    @discardableResult
    public static func upsert(session: String, now: Date) throws -> Written {
        let root = (session as NSString).deletingLastPathComponent
        let name = (session as NSString).lastPathComponent
        return try locked(root) { try update(root: root, now: now, rebuild: false, reread: name) }.written
    }

    /// Runs `body` holding the index lock of `root`, which must be a folder.
    static func locked<T>(_ root: String, _ body: () throws -> T) throws -> T {
        guard PaperSessionFolders.isDirectory(root) else { throw InvalidInputError("no paper sessions folder at '\(root)'") }
        return try IndexLock.held(root, lockName: lockName, body)
    }

    /// One session's index row, keyed by column (JSON rows add `unreadable_reason` for damaged
    /// folders).
    public static func row(_ session: PaperSessionRecord) -> [String: JSONValue] {
        func text(_ value: String?) -> JSONValue { value.map { .string($0) } ?? .null }
        var row: [String: JSONValue] = [
            "session_id": .string(session.sessionID),
            "status": .string(session.state),
            "created_at": text(session.createdAt),
            "started_at": text(session.text("started_at")),
            "updated_at": text(session.updatedAt),
            "finished_at": text(session.text("finished_at")),
            "terminal": session.terminal.map { .bool($0) } ?? .null,
            "status_reason": text(session.text("status_reason")),
            "duration_seconds": session.field("duration_seconds").flatMap { $0.doubleValue == nil ? nil : $0 } ?? .null,
            "request_id": text(session.requestID),
            "error_type": text(session.errorType),
            "report_contract_type": text(session.reportContractType),
            "path": .string(session.path),
        ]
        if let reason = session.unreadableReason { row["unreadable_reason"] = .string(reason) }
        return row
    }

    static func csvField(_ value: JSONValue) -> CSVTable.Field {
        switch value {
        case .null: .empty
        case .bool(let flag): .text(flag ? "true" : "false")
        case .int(let number): .integer(Int(number))
        case .double(let number): .number(number)
        case .string(let text): .text(text)
        case .array, .object: .text(value.compact())
        }
    }
}
