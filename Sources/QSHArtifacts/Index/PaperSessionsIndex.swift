import Foundation
import QSHCore

/// `paper_sessions_index.{csv,json}` in a sessions folder: one row per session folder, with the
/// contract's columns in the contract's order. `refresh` rebuilds both files from the folders
/// and writes each atomically; the operator command `paper index` calls it, and so can the
/// session runner at every terminal transition.
public enum PaperSessionsIndex {
    public static let csvName = "paper_sessions_index.csv"
    public static let jsonName = "paper_sessions_index.json"

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

    /// Rebuilds the index of the sessions folder `root` (which must exist) as of `now`.
    @discardableResult
    public static func refresh(root: String, now: Date) throws -> Written {
        guard let scan = PaperSessionFolders.scan(root: root) else {
            throw InvalidInputError("no paper sessions folder at '\(root)'")
        }
        let rows = scan.sessions.map(row)
        var table = CSVTable(header: columns)
        for row in rows { table.append(columns.map { csvField(row[$0] ?? .null) }) }
        let json: JSONValue = .object([
            "generated_at": .string(ISOTime.string(from: now)),
            "root_dir": .string(root),
            "n_sessions": .int(Int64(rows.count)),
            "columns": .array(columns.map { .string($0) }),
            "sessions": .array(rows.map { .object($0) }),
        ])
        let csvPath = (root as NSString).appendingPathComponent(csvName)
        let jsonPath = (root as NSString).appendingPathComponent(jsonName)
        try AtomicFile.write(table.bytes, to: csvPath)
        try AtomicFile.write(json.formatted() + "\n", to: jsonPath)
        return Written(csv: csvPath, json: jsonPath, sessions: rows.count, warnings: scan.warnings)
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
