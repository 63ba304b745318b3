import QSHArtifacts

/// `paper health`: how many sessions there are in each state, the latest one, the latest issue
/// (failed, aborted or running) and the sessions still active. The keys are the reference's.
public enum PaperHealthReport {
    /// The four states every report counts, present even at zero.
    public static let states = ["running", "success", "failed", "aborted"]
    static let issueStates: Set<String> = ["failed", "aborted", "running"]

    /// How many sessions are in each state (the four contract states always, others as found).
    public static func statusCounts(_ sessions: [PaperSessionRecord]) -> [String: JSONValue] {
        var counts: [String: Int64] = Dictionary(uniqueKeysWithValues: states.map { ($0, 0) })
        for session in sessions { counts[session.state, default: 0] += 1 }
        return counts.mapValues { .int($0) }
    }

    public static func build(_ scan: PaperSessionsScan, generatedAt: String) -> JSONValue {
        let newest = scan.newestFirst
        let latest = newest.first
        let issue = newest.first { issueStates.contains($0.state) }
        let active = newest.filter { $0.state == "running" }
        func text(_ value: String?) -> JSONValue { value.map { .string($0) } ?? .null }
        var object: [String: JSONValue] = [
            "generated_at": .string(generatedAt),
            "root_dir": .string(scan.root),
            "total_sessions": .int(Int64(scan.sessions.count)),
            "status_counts": .object(statusCounts(scan.sessions)),
            "latest_session_id": text(latest?.sessionID),
            "latest_session_at": text(latest?.activityAt),
            "latest_session_state": text(latest?.state),
            "latest_issue_id": text(issue?.sessionID),
            "latest_issue_state": text(issue?.state),
            "latest_issue_at": text(issue?.activityAt),
            "latest_issue_error": text(issue.flatMap { $0.errorType ?? $0.text("message") }),
            "active_sessions": .int(Int64(active.count)),
            "active_session_ids": .array(active.map { .string($0.sessionID) }),
            "unreadable_sessions": .int(Int64(scan.unreadable.count)),
        ]
        for (state, count) in statusCounts(scan.sessions) where object[state] == nil { object[state] = count }
        return .object(object)
    }

    /// `key: value` lines, in the order people read them.
    public static func text(_ report: JSONValue) -> String {
        var keys = ["root_dir", "total_sessions"] + states
        let counts = report["status_counts"]?.objectValue ?? [:]
        keys += counts.keys.filter { !states.contains($0) }.sorted()
        keys += [
            "latest_session_id", "latest_session_at", "latest_session_state", "latest_issue_id", "latest_issue_state",
            "latest_issue_at", "latest_issue_error", "active_sessions",
        ]
        let width = keys.map(\.count).max() ?? 0
        return keys.map { key in
            let value = report[key] ?? .null
            let shown = value.stringValue ?? (value.isNull ? "-" : value.compact())
            return key + ":" + String(repeating: " ", count: width - key.count + 1) + shown
        }.joined(separator: "\n")
    }
}
