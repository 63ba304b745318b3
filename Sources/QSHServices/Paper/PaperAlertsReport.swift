import QSHArtifacts

/// `paper alerts`: failed sessions are critical, aborted ones and running ones without an
/// update for `staleAfterMinutes` are warnings. An optional window (the last N days, the newest
/// N sessions, or both) adds the current view beside the historical one.
public struct PaperAlertsReport: Sendable {
    public var staleAfterMinutes: Double
    public var windowDays: Double?
    public var windowSessions: Int?

    public init(staleAfterMinutes: Double, windowDays: Double? = nil, windowSessions: Int? = nil) {
        self.staleAfterMinutes = staleAfterMinutes
        self.windowDays = windowDays
        self.windowSessions = windowSessions
    }

    public static let failed = "PAPER_SESSION_FAILED"
    public static let aborted = "PAPER_SESSION_ABORTED"
    public static let stale = "PAPER_SESSION_STALE"

    /// The alert one session raises, if any.
    func alert(_ session: PaperSessionRecord, clock: PaperClock) -> [String: JSONValue]? {
        let age = clock.ageMinutes(session.activityAt)
        let code: String, severity: String, message: String
        switch session.state {
        case "failed":
            (code, severity) = (Self.failed, "critical")
            message = session.text("message") ?? "paper session failed"
        case "aborted":
            (code, severity) = (Self.aborted, "warning")
            message = session.text("message") ?? "paper session aborted"
        case "running":
            guard let age, age >= staleAfterMinutes else { return nil }
            (code, severity) = (Self.stale, "warning")
            message = "running session has not been updated for \(Format.decimal(age)) minutes "
                + "(stale after \(Format.decimal(staleAfterMinutes)))"
        default:
            return nil
        }
        func text(_ value: String?) -> JSONValue { value.map { .string($0) } ?? .null }
        return [
            "activity_at": text(session.activityAt), "age_minutes": age.map { .double($0) } ?? .null,
            "alert_code": .string(code), "error_type": text(session.errorType), "message": .string(message),
            "path": .string(session.path), "session_id": .string(session.sessionID), "severity": .string(severity),
            "status": .string(session.state),
        ]
    }

    /// Alerts newest first, their counts and the overall status.
    func alerts(_ sessions: [PaperSessionRecord], clock: PaperClock) -> (alerts: [[String: JSONValue]], status: String, counts: JSONValue) {
        let alerts = sessions.compactMap { alert($0, clock: clock) }
        let critical = alerts.filter { $0["severity"] == "critical" }.count
        let warning = alerts.count - critical
        let status = critical > 0 ? "critical" : warning > 0 ? "warning" : "ok"
        return (alerts, status, .object(["critical": .int(Int64(critical)), "warning": .int(Int64(warning))]))
    }

    /// The sessions in the current window (newest first).
    func window(_ newest: [PaperSessionRecord], clock: PaperClock) -> [PaperSessionRecord] {
        var sessions = newest
        if let windowDays {
            let since = clock.nowMillis - Int64((windowDays * 86_400_000).rounded())
            sessions = sessions.filter { ($0.activityMillis ?? Int64.min) >= since }
        }
        if let windowSessions { sessions = Array(sessions.prefix(windowSessions)) }
        return sessions
    }

    public func build(_ scan: PaperSessionsScan, clock: PaperClock, generatedAt: String) -> JSONValue {
        let newest = scan.newestFirst
        let all = alerts(newest, clock: clock)
        let latestAlert = all.alerts.first
        let latestSuccess = newest.first { $0.state == "success" }
        func text(_ value: String?) -> JSONValue { value.map { .string($0) } ?? .null }
        var object: [String: JSONValue] = [
            "alert_counts": all.counts,
            "alert_status": .string(all.status),
            "alerts": .array(all.alerts.map { .object($0) }),
            "generated_at": .string(generatedAt),
            "has_alerts": .bool(!all.alerts.isEmpty),
            "latest_alert_at": latestAlert?["activity_at"] ?? .null,
            "latest_alert_code": latestAlert?["alert_code"] ?? .null,
            "latest_alert_session_id": latestAlert?["session_id"] ?? .null,
            "latest_success_at": text(latestSuccess?.activityAt),
            "latest_success_session_id": text(latestSuccess?.sessionID),
            "root_dir": .string(scan.root),
            "running_sessions": .int(Int64(newest.filter { $0.state == "running" }.count)),
            "stale_after_minutes": .double(staleAfterMinutes),
            "status_counts": .object(PaperHealthReport.statusCounts(scan.sessions)),
            "total_sessions": .int(Int64(scan.sessions.count)),
            "unreadable_sessions": .array(scan.unreadable.map { session in
                .object(["session_id": .string(session.sessionID), "path": .string(session.path),
                         "reason": .string(session.unreadableReason ?? "")])
            }),
        ]
        if windowDays != nil || windowSessions != nil {
            let sessions = window(newest, clock: clock)
            let current = alerts(sessions, clock: clock)
            object["current_window_alert_status"] = .string(current.status)
            object["current_window_alerts"] = .array(current.alerts.map { .object($0) })
            object["current_window_alert_counts"] = current.counts
            object["current_window_sessions"] = .int(Int64(sessions.count))
            object["window_days"] = windowDays.map { .double($0) } ?? .null
            object["window_sessions"] = windowSessions.map { .int(Int64($0)) } ?? .null
        }
        return .object(object)
    }
}
