import Foundation
import QSHArtifacts

/// `paper show`: one session's files (status, metadata, metrics summary) and, for a running
/// session, how long ago it was last updated (its heartbeat) and the age of its last bar.
public enum PaperSessionDetail {
    public static func build(_ session: PaperSessionRecord, clock: PaperClock) -> JSONValue {
        func text(_ value: String?) -> JSONValue { value.map { .string($0) } ?? .null }
        let files = ((try? FileManager.default.contentsOfDirectory(atPath: session.path)) ?? [])
            .filter { !$0.hasPrefix(".") }.sorted()
        var object: [String: JSONValue] = [
            "session_id": .string(session.sessionID),
            "path": .string(session.path),
            "status": .string(session.state),
            "status_reason": text(session.text("status_reason")),
            "mode": text(session.mode),
            "request_id": text(session.requestID),
            "created_at": text(session.createdAt),
            "updated_at": text(session.updatedAt),
            "activity_at": text(session.activityAt),
            "error_type": text(session.errorType),
            "message": text(session.text("message")),
            "report_contract_type": text(session.reportContractType),
            "session_status": session.status.map { .object($0) } ?? .null,
            "session_metadata": session.metadata.map { .object($0) } ?? .null,
            "metrics_summary": metricsSummary(session) ?? .null,
            "files": .array(files.map { .string($0) }),
        ]
        if let reason = session.unreadableReason { object["unreadable_reason"] = .string(reason) }
        if session.state == "running" {
            let heartbeat = clock.ageSeconds(session.updatedAt)
            object["heartbeat_age_seconds"] = heartbeat.map { .int($0) } ?? .null
            let lastBar = session.status?["last_bar_at"]?.stringValue
            object["last_bar_at"] = text(lastBar)
            object["last_bar_age_seconds"] = clock.ageSeconds(lastBar).map { .int($0) } ?? .null
        }
        return .object(object)
    }

    /// `metrics.json`'s `summary` (else its `metrics` object), else `report.json`'s `summary`.
    static func metricsSummary(_ session: PaperSessionRecord) -> JSONValue? {
        if case .success(let metrics) = PaperSessionFolders.readObject(session.file("metrics.json"), "metrics.json") {
            if let summary = metrics["summary"], summary.objectValue != nil { return summary }
            if let inner = metrics["metrics"], inner.objectValue != nil { return inner }
        }
        if let summary = session.report?["summary"], summary.objectValue != nil { return summary }
        return nil
    }

    /// Aligned `key  value` lines, then the metrics summary and the files.
    public static func text(_ detail: JSONValue) -> String {
        var rows: [(String, String)] = []
        func add(_ label: String, _ key: String) {
            if let value = detail[key], !value.isNull { rows.append((label, value.stringValue ?? value.compact())) }
        }
        add("session", "session_id")
        add("path", "path")
        add("status", "status")
        add("reason", "status_reason")
        add("unreadable", "unreadable_reason")
        add("mode", "mode")
        add("request id", "request_id")
        add("created at", "created_at")
        add("updated at", "updated_at")
        add("error type", "error_type")
        add("message", "message")
        add("report", "report_contract_type")
        if let seconds = detail["heartbeat_age_seconds"]?.intValue {
            rows.append(("heartbeat", "\(PaperClock.describe(seconds: seconds)) ago"))
        }
        if let lastBar = detail["last_bar_at"]?.stringValue {
            let age = detail["last_bar_age_seconds"]?.intValue.map { " (\(PaperClock.describe(seconds: $0)) ago)" } ?? ""
            rows.append(("last bar", lastBar + age))
        }
        if let status = detail["session_status"]?.objectValue {
            for key in ["bars_processed", "position", "cash", "equity"] {
                if let value = status[key], !value.isNull { rows.append((key.replacingOccurrences(of: "_", with: " "), value.compact())) }
            }
        }
        let width = rows.map(\.0.count).max() ?? 0
        var lines = rows.map { $0.0 + String(repeating: " ", count: width - $0.0.count + 2) + $0.1 }
        if let summary = detail["metrics_summary"]?.objectValue, !summary.isEmpty {
            lines.append("metrics:")
            let keyWidth = summary.keys.map(\.count).max() ?? 0
            for key in summary.keys.sorted() {
                lines.append("  " + key + String(repeating: " ", count: keyWidth - key.count + 2) + summary[key]!.compact())
            }
        }
        if let files = detail["files"]?.arrayValue {
            lines.append("files: " + files.compactMap(\.stringValue).joined(separator: ", "))
        }
        return lines.joined(separator: "\n")
    }
}
