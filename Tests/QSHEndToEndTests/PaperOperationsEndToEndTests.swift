import Foundation
import Testing

/// `qsh paper list|show|health|alerts|index|promotion`, the QuantLab spellings
/// `--paper-sessions-*`, and the `paper_*` JSON requests, over folders built by the fixture.
struct PaperOperationsEndToEndTests {
    typealias F = PaperSessionsFixture

    static let alertKeys = [
        "alert_counts", "alert_status", "alerts", "generated_at", "has_alerts", "latest_alert_at", "latest_alert_code",
        "latest_alert_session_id", "latest_success_at", "latest_success_session_id", "root_dir", "running_sessions",
        "stale_after_minutes", "status_counts", "total_sessions",
    ]
    static let alertEntryKeys = [
        "activity_at", "age_minutes", "alert_code", "error_type", "message", "path", "session_id", "severity", "status",
    ]
    static let promotionKeys = [
        "blocked_sessions", "criteria", "generated_at", "latest_blocked_at", "latest_blocked_reason",
        "latest_blocked_session_id", "latest_ready_at", "latest_ready_session_id", "max_candidates",
        "promotion_blocked_count", "promotion_ready_count", "ready_candidates", "root_dir", "total_sessions",
    ]
    static let entryKeys = [
        "artifacts_dir", "broker_promotion_blockers", "broker_promotion_ready", "broker_promotion_reasons", "command",
        "created_at", "duration_seconds", "error_type", "finished_at", "message", "mode", "path", "report_contract_type",
        "report_path", "report_present", "request_id", "run_report_path", "session_id", "session_metadata_path",
        "session_status_path", "started_at", "status", "status_reason", "terminal", "trades_path", "updated_at",
    ]
    static let healthKeys = [
        "total_sessions", "running", "success", "failed", "aborted", "latest_session_id", "latest_session_at",
        "latest_session_state", "latest_issue_id", "latest_issue_state", "latest_issue_at", "latest_issue_error",
        "active_sessions",
    ]

    static func missing(_ keys: [String], in object: [String: Any]) -> [String] { keys.filter { object[$0] == nil } }

    @Test func listSortsBySessionIDAndShowsUnreadableFolders() throws {
        let fixture = try F.make()
        let json = try fixture.qsh(["paper", "list", "--json"])
        #expect(json.status == 0, "stderr: \(json.stderr)")
        let rows = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]] ?? []
        let ids = rows.compactMap { $0["session_id"] as? String }
        #expect(ids == [F.success1, F.success2, F.success3, F.failed, F.aborted, F.stale, F.halfWritten, F.fresh])
        for row in rows { #expect(Self.missing(["session_id", "status", "created_at", "request_id"], in: row).isEmpty) }
        let damaged = try #require(rows.first { $0["session_id"] as? String == F.halfWritten })
        #expect(damaged["status"] as? String == "unreadable")
        #expect((damaged["unreadable_reason"] as? String ?? "").contains("session_status.json is not valid JSON"))
        #expect(json.stderr.contains("warning: cannot read paper session"))

        let table = try fixture.qsh(["paper", "list"])
        #expect(table.status == 0)
        #expect(table.stdout.contains("unreadable: session_status.json is not valid JSON"))
        let legacy = try fixture.qsh(["--paper-sessions-list", "outputs/paper_sessions"])
        #expect(legacy.status == 0 && legacy.stdout == table.stdout)
    }

    @Test func healthCountsAndLatest() throws {
        let fixture = try F.make()
        let (result, health) = try fixture.object(["paper", "health", "--json"])
        #expect(result.status == 0, "stderr: \(result.stderr)")
        #expect(Self.missing(Self.healthKeys, in: health).isEmpty)
        #expect(health["total_sessions"] as? Int == 8)
        #expect(health["success"] as? Int == 3 && health["failed"] as? Int == 1 && health["aborted"] as? Int == 1)
        #expect(health["running"] as? Int == 2 && health["unreadable"] as? Int == 1)
        #expect(health["latest_session_id"] as? String == F.fresh)
        #expect(health["latest_issue_id"] as? String == F.fresh && health["latest_issue_state"] as? String == "running")
        #expect(health["active_sessions"] as? Int == 2)
        let text = try fixture.qsh(["--paper-sessions-health", "outputs/paper_sessions"])
        #expect(text.status == 0 && text.stdout.contains("latest_session_id:") && text.stdout.contains(F.fresh))
    }

    @Test func alertsSeveritiesStaleThresholdAndWindow() throws {
        let fixture = try F.make()
        let (result, alerts) = try fixture.object(["paper", "alerts"])
        #expect(result.status == 0, "stderr: \(result.stderr)")
        #expect(Self.missing(Self.alertKeys, in: alerts).isEmpty)
        #expect(alerts["alert_status"] as? String == "critical" && alerts["has_alerts"] as? Bool == true)
        #expect(alerts["stale_after_minutes"] as? Double == 60 && alerts["running_sessions"] as? Int == 2)
        let entries = alerts["alerts"] as? [[String: Any]] ?? []
        for entry in entries { #expect(Self.missing(Self.alertEntryKeys, in: entry).isEmpty) }
        let codes = entries.map { "\($0["session_id"]!) \($0["alert_code"]!) \($0["severity"]!)" }
        #expect(codes == [
            "\(F.stale) PAPER_SESSION_STALE warning", "\(F.aborted) PAPER_SESSION_ABORTED warning",
            "\(F.failed) PAPER_SESSION_FAILED critical",
        ])
        #expect(entries.first?["age_minutes"] as? Double == 120)
        #expect((alerts["alert_counts"] as? [String: Any])?["critical"] as? Int == 1)
        #expect((alerts["alert_counts"] as? [String: Any])?["warning"] as? Int == 2)
        #expect(alerts["latest_alert_session_id"] as? String == F.stale)
        #expect(alerts["latest_success_session_id"] as? String == F.success3)
        #expect(alerts["current_window_alerts"] == nil)

        // The threshold: 4 minutes makes the 5-minute-old session stale, 180 neither.
        let (_, low) = try fixture.object(["--paper-sessions-alerts", "outputs/paper_sessions", "--paper-stale-minutes", "4"])
        #expect((low["alerts"] as? [[String: Any]] ?? []).filter { $0["alert_code"] as? String == "PAPER_SESSION_STALE" }.count == 2)
        let (_, high) = try fixture.object(["paper", "alerts", "--stale-minutes", "180"])
        #expect((high["alerts"] as? [[String: Any]] ?? []).count == 2)

        // Windows: the last day holds the aborted session but not the failed one.
        let (_, day) = try fixture.object(["paper", "alerts", "--paper-alert-window-days", "1"])
        #expect(day["alert_status"] as? String == "critical")
        #expect(day["current_window_alert_status"] as? String == "warning")
        #expect((day["current_window_alerts"] as? [[String: Any]] ?? []).count == 2)
        let (_, two) = try fixture.object(["paper", "alerts", "--paper-alert-window-sessions", "2"])
        #expect(two["current_window_alert_status"] as? String == "ok")
        let (_, three) = try fixture.object(["paper", "alerts", "--window-sessions", "3"])
        #expect(three["current_window_alert_status"] as? String == "warning")

        for bad in [["--paper-stale-minutes", "0"], ["--paper-stale-minutes", "-5"], ["--window-days", "0"]] {
            let refused = try fixture.qsh(["--paper-sessions-alerts", "outputs/paper_sessions"] + bad)
            #expect(refused.status == 2, "\(bad): \(refused.stderr)")
            #expect(refused.stdout.isEmpty)
        }
    }

    @Test func promotionReadyCandidatesAndBlockers() throws {
        let fixture = try F.make()
        let (result, promotion) = try fixture.object(["--paper-sessions-promotion", "outputs/paper_sessions"])
        #expect(result.status == 0, "stderr: \(result.stderr)")
        #expect(Self.missing(Self.promotionKeys, in: promotion).isEmpty)
        #expect(promotion["max_candidates"] as? Int == 2 && promotion["promotion_ready_count"] as? Int == 3)
        #expect(promotion["promotion_blocked_count"] as? Int == 5 && promotion["total_sessions"] as? Int == 8)
        let criteria = promotion["criteria"] as? [String: Any] ?? [:]
        #expect(criteria["required_mode"] as? String == "paper" && criteria["required_status"] as? String == "success")
        #expect(criteria["required_report_contract_type"] as? String == "quantlab.paper.result")
        #expect(criteria["required_terminal"] as? Bool == true && criteria["required_report_present"] as? Bool == true)
        #expect(criteria["required_no_error_type"] as? Bool == true)
        let ready = promotion["ready_candidates"] as? [[String: Any]] ?? []
        #expect(ready.compactMap { $0["session_id"] as? String } == [F.success3, F.success2])
        for entry in ready {
            #expect(Self.missing(Self.entryKeys, in: entry).isEmpty)
            #expect(entry["broker_promotion_ready"] as? Bool == true)
            #expect(entry["broker_promotion_reasons"] as? [String] == [
                "status_success", "terminal_session", "paper_mode", "report_present", "paper_result_contract", "no_error_type",
            ])
            #expect(entry["broker_promotion_blockers"] as? [String] == [])
        }
        let blocked = Dictionary(
            uniqueKeysWithValues: (promotion["blocked_sessions"] as? [[String: Any]] ?? []).map {
                ($0["session_id"] as? String ?? "", $0["broker_promotion_blockers"] as? [String] ?? [])
            })
        #expect(blocked[F.failed] == ["status_failed", "missing_report", "has_error_type"])
        #expect(blocked[F.aborted] == ["status_aborted", "has_error_type"])
        #expect(blocked[F.stale] == ["status_running", "non_terminal", "missing_report"])
        #expect(blocked[F.halfWritten]?.first == "unreadable_session")
        #expect(promotion["latest_ready_session_id"] as? String == F.success3)
        #expect(promotion["latest_blocked_session_id"] as? String == F.fresh)
        #expect(promotion["latest_blocked_reason"] as? String == "status_running,non_terminal,missing_report")
    }

    @Test func showGivesFilesAndHeartbeatAge() throws {
        let fixture = try F.make()
        let (result, detail) = try fixture.object(["paper", "show", "outputs/paper_sessions/\(F.stale)", "--json"])
        #expect(result.status == 0, "stderr: \(result.stderr)")
        #expect(detail["status"] as? String == "running")
        #expect(detail["heartbeat_age_seconds"] as? Int == 7200 && detail["last_bar_age_seconds"] as? Int == 7260)
        #expect((detail["metrics_summary"] as? [String: Any])?["trades"] as? Int == 3)
        #expect((detail["session_metadata"] as? [String: Any])?["config_hash"] as? String == "abc")
        #expect(detail["files"] as? [String] == ["metrics.json", "session_metadata.json", "session_status.json", "trades.csv"])
        let text = try fixture.qsh(["--paper-sessions-show", "outputs/paper_sessions/\(F.stale)"])
        #expect(text.status == 0 && text.stdout.contains("heartbeat") && text.stdout.contains("2h 00m ago"))
        let finished = try fixture.object(["paper", "show", F.success1, "--json"]).1
        #expect(finished["status"] as? String == "success" && finished["heartbeat_age_seconds"] == nil)
        let damaged = try fixture.object(["paper", "show", "outputs/paper_sessions/\(F.halfWritten)", "--json"]).1
        #expect(damaged["status"] as? String == "unreadable")
        #expect(try fixture.qsh(["paper", "show", "outputs/paper_sessions/nope"]).status == 2)
    }

    @Test func indexWritesTheContractColumns() throws {
        let fixture = try F.make()
        let result = try fixture.qsh(["--paper-sessions-index", "outputs/paper_sessions"])
        #expect(result.status == 0, "stderr: \(result.stderr)")
        let lines = try fixture.scratch.read("outputs/paper_sessions/paper_sessions_index.csv").split(separator: "\n")
        #expect(lines.first == """
            session_id,status,created_at,started_at,updated_at,finished_at,terminal,status_reason,duration_seconds,\
            request_id,error_type,report_contract_type,path
            """)
        #expect(lines.count == 9)
        #expect(lines[1].hasPrefix("\(F.success1),success,2026-11-30T10:00:00+00:00,"))
        #expect(lines[1].contains(",true,completed,1800,req-1111111,,quantlab.paper.result,"))
        let json = try fixture.scratch.json("outputs/paper_sessions/paper_sessions_index.json")
        #expect(json["n_sessions"] as? Int == 8 && json["generated_at"] as? String == F.now)
        let hidden = fixture.scratch.list("outputs/paper_sessions").filter { $0.hasPrefix(".") }
        #expect(hidden == [".paper_sessions_index.lock", ".paper_sessions_index.stamp"], "no temporary file left")
    }

    @Test func missingFolderIsExitTwo() throws {
        let scratch = try Scratch()
        for command in ["list", "health", "alerts", "index", "promotion"] {
            #expect(try QSHProcess.run(["paper", command], in: scratch.path).status == 2, "\(command)")
            #expect(try QSHProcess.run(["--paper-sessions-\(command)", "nowhere"], in: scratch.path).status == 2, "\(command)")
        }
    }

    @Test func jsonRequests() throws {
        let fixture = try F.make()
        let health = try JSONRequest.send(try JSONRequest.envelope("paper_health", [:]), in: fixture.scratch, environment: F.env)
        #expect(health.status == 0, "\(health.result.stderr)")
        let result = health.response["result"] as? [String: Any] ?? [:]
        #expect(Self.missing(Self.healthKeys, in: result).isEmpty && result["total_sessions"] as? Int == 8)
        #expect(health.events == ["SESSION_STARTED", "SESSION_COMPLETED"])

        let alerts = try JSONRequest.send(
            try JSONRequest.envelope("paper_alerts", ["directory": "outputs/paper_sessions", "paper_stale_minutes": 4]),
            in: fixture.scratch, environment: F.env)
        #expect(((alerts.response["result"] as? [String: Any])?["alerts"] as? [Any])?.count == 4)
        let zero = try JSONRequest.send(
            try JSONRequest.envelope("paper_alerts", ["stale_minutes": 0]), in: fixture.scratch, environment: F.env)
        #expect(zero.status == 2 && zero.signals.count == alerts.signals.count)

        let show = try JSONRequest.send(
            try JSONRequest.envelope("paper_show", ["session": "outputs/paper_sessions/\(F.fresh)"]), in: fixture.scratch,
            environment: F.env)
        #expect((show.response["result"] as? [String: Any])?["heartbeat_age_seconds"] as? Int == 299)
        let list = try JSONRequest.send(try JSONRequest.envelope("paper_list", [:]), in: fixture.scratch, environment: F.env)
        #expect((list.response["result"] as? [Any])?.count == 8)
        let promotion = try JSONRequest.send(
            try JSONRequest.envelope("paper_promotion", [:]), in: fixture.scratch, environment: F.env)
        #expect(((promotion.response["result"] as? [String: Any])?["ready_candidates"] as? [Any])?.count == 2)
        let index = try JSONRequest.send(try JSONRequest.envelope("paper_index", [:]), in: fixture.scratch, environment: F.env)
        #expect(index.status == 0 && index.response["paper_sessions_index_csv"] is String)
        let missing = try JSONRequest.send(
            try JSONRequest.envelope("paper_list", ["directory": "nowhere"]), in: fixture.scratch, environment: F.env)
        #expect(missing.status == 2)
    }
}
