import QSHArtifacts

/// `paper promotion`: which sessions could be promoted to a broker. A session is ready when its
/// status is success, it is terminal, its mode is paper, `report.json` is there with contract
/// `quantlab.paper.result`, and it has no error_type; each failed check is a named blocker.
/// At most `maxCandidates` ready sessions are offered, newest first.
public enum PaperPromotionReport {
    public static let maxCandidates = 2
    public static let contractType = "quantlab.paper.result"

    public static let criteria: JSONValue = .object([
        "required_mode": "paper", "required_no_error_type": true, "required_report_contract_type": .string(contractType),
        "required_report_present": true, "required_status": "success", "required_terminal": true,
    ])

    /// The checks that passed (reasons) and those that failed (blockers), in the contract's order.
    public static func checks(_ session: PaperSessionRecord) -> (reasons: [String], blockers: [String]) {
        var reasons: [String] = [], blockers: [String] = []
        func check(_ passed: Bool, _ reason: String, _ blocker: String) {
            if passed { reasons.append(reason) } else { blockers.append(blocker) }
        }
        if session.isUnreadable { blockers.append("unreadable_session") }
        let state = session.state
        check(state == "success", "status_success", "status_\(state)")
        check(session.terminal == true, "terminal_session", "non_terminal")
        check(session.mode == "paper", "paper_mode", "non_paper_mode")
        check(session.hasReport, "report_present", "missing_report")
        if session.hasReport {
            check(session.reportContractType == contractType, "paper_result_contract", "unexpected_report_contract")
        }
        check(session.errorType == nil, "no_error_type", "has_error_type")
        return (reasons, blockers)
    }

    /// One session's entry (the reference's field names).
    public static func entry(_ session: PaperSessionRecord) -> [String: JSONValue] {
        let (reasons, blockers) = checks(session)
        func text(_ value: String?) -> JSONValue { value.map { .string($0) } ?? .null }
        var entry: [String: JSONValue] = [
            "artifacts_dir": text(session.existingFile("artifacts")),
            "broker_promotion_blockers": .array(blockers.map { .string($0) }),
            "broker_promotion_ready": .bool(blockers.isEmpty),
            "broker_promotion_reasons": .array(reasons.map { .string($0) }),
            "command": text(session.text("command")),
            "created_at": text(session.createdAt),
            "duration_seconds": session.field("duration_seconds").flatMap { $0.doubleValue == nil ? nil : $0 } ?? .null,
            "error_type": text(session.errorType),
            "finished_at": text(session.text("finished_at")),
            "message": text(session.text("message")),
            "mode": text(session.mode),
            "path": .string(session.path),
            "report_contract_type": text(session.reportContractType),
            "report_path": text(session.existingFile(PaperSessionFolders.reportFile)),
            "report_present": .bool(session.hasReport),
            "request_id": text(session.requestID),
            "run_report_path": text(session.existingFile("run_report.md")),
            "session_id": .string(session.sessionID),
            "session_metadata_path": text(session.existingFile(PaperSessionFolders.metadataFile)),
            "session_status_path": text(session.existingFile(PaperSessionFolders.statusFile)),
            "started_at": text(session.text("started_at")),
            "status": .string(session.state),
            "status_reason": text(session.text("status_reason")),
            "terminal": session.terminal.map { .bool($0) } ?? .null,
            "trades_path": text(session.existingFile("trades.csv")),
            "updated_at": text(session.updatedAt),
        ]
        if let reason = session.unreadableReason { entry["unreadable_reason"] = .string(reason) }
        return entry
    }

    public static func build(_ scan: PaperSessionsScan, generatedAt: String) -> JSONValue {
        let entries = scan.newestFirst.map { (session: $0, entry: entry($0)) }
        let ready = entries.filter { $0.entry["broker_promotion_ready"] == .bool(true) }
        let blocked = entries.filter { $0.entry["broker_promotion_ready"] != .bool(true) }
        let latestBlocked = blocked.first, latestReady = ready.first
        func text(_ value: String?) -> JSONValue { value.map { .string($0) } ?? .null }
        let blockedReason = latestBlocked.map { item in
            (item.entry["broker_promotion_blockers"]?.arrayValue ?? []).compactMap(\.stringValue).joined(separator: ",")
        }
        return .object([
            "blocked_sessions": .array(blocked.map { .object($0.entry) }),
            "criteria": criteria,
            "generated_at": .string(generatedAt),
            "latest_blocked_at": text(latestBlocked?.session.activityAt),
            "latest_blocked_reason": text(blockedReason),
            "latest_blocked_session_id": text(latestBlocked?.session.sessionID),
            "latest_ready_at": text(latestReady?.session.activityAt),
            "latest_ready_session_id": text(latestReady?.session.sessionID),
            "max_candidates": .int(Int64(maxCandidates)),
            "promotion_blocked_count": .int(Int64(blocked.count)),
            "promotion_ready_count": .int(Int64(ready.count)),
            "ready_candidates": .array(ready.prefix(maxCandidates).map { .object($0.entry) }),
            "root_dir": .string(scan.root),
            "total_sessions": .int(Int64(scan.sessions.count)),
        ])
    }
}
