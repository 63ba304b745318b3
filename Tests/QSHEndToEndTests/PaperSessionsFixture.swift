import Foundation

/// Paper session folders as the session runner writes them, in a scratch artifact root:
/// `outputs/paper_sessions/<id>/`. The clock is pinned (`env`) at 2026-12-03T11:00:00Z.
struct PaperSessionsFixture {
    let scratch: Scratch
    static let now = "2026-12-03T11:00:00+00:00"
    /// QSH_FIXED_NOW for `now`.
    static let env = ["QSH_FIXED_NOW": "1796295600"]
    var root: String { scratch.path + "/outputs/paper_sessions" }

    static let success1 = "20261130_100000_paper_1111111"
    static let success2 = "20261201_100000_paper_2222222"
    static let success3 = "20261202_080000_paper_3333333"
    static let failed = "20261202_100000_paper_4444444"
    static let aborted = "20261202_120000_paper_5555555"
    static let stale = "20261203_080000_paper_6666666"
    static let fresh = "20261203_105000_paper_7777777"
    static let halfWritten = "20261203_090000_paper_8888888"

    /// Eight sessions: three successes (the newest two are the promotion candidates), one
    /// failed, one aborted, one running last updated 2 h ago, one running updated 5 min ago,
    /// one whose session_status.json is half written.
    static func make() throws -> PaperSessionsFixture {
        let fixture = PaperSessionsFixture(scratch: try Scratch())
        try fixture.session(success1, status: "success", reason: "completed", at: "2026-11-30T10:30:00+00:00", report: true)
        try fixture.session(success2, status: "success", reason: "completed", at: "2026-12-01T10:30:00+00:00", report: true)
        try fixture.session(success3, status: "success", reason: "completed", at: "2026-12-02T08:30:00+00:00", report: true)
        try fixture.session(
            failed, status: "failed", reason: "exception", at: "2026-12-02T10:10:00+00:00", report: false,
            error: ("DataError", "no bars for SYN-X"))
        try fixture.session(
            aborted, status: "aborted", reason: "operator_abort", at: "2026-12-02T12:10:00+00:00", report: true,
            error: ("Cancelled", "stopped by the operator"))
        try fixture.session(
            stale, status: "running", reason: "active", at: "2026-12-03T09:00:00+00:00", report: false,
            lastBar: "2026-12-03T08:59:00+00:00")
        try fixture.session(
            fresh, status: "running", reason: "active", at: "2026-12-03T10:55:00.250000+00:00", report: false,
            lastBar: "2026-12-03T10:54:00+00:00")
        _ = try fixture.scratch.file(
            "outputs/paper_sessions/\(halfWritten)/session_metadata.json", metadata(halfWritten, "2026-12-03T09:00:00+00:00"))
        _ = try fixture.scratch.file(
            "outputs/paper_sessions/\(halfWritten)/session_status.json", #"{"session_id": "20261203_090000_paper_8888888", "sta"#)
        // Not sessions: a stray file and a folder without any session file.
        _ = try fixture.scratch.file("outputs/paper_sessions/notes.txt", "x")
        _ = try fixture.scratch.file("outputs/paper_sessions/empty/readme.txt", "x")
        return fixture
    }

    static func metadata(_ id: String, _ created: String) -> String {
        #"{"session_id": "\#(id)", "mode": "paper", "command": "run", "created_at": "\#(created)", "request_id": "req-\#(id.suffix(7))", "config_hash": "abc"}"#
    }

    func session(
        _ id: String, status: String, reason: String, at updated: String, report: Bool,
        error: (String, String)? = nil, lastBar: String? = nil
    ) throws {
        let created = Self.createdAt(id)
        let terminal = status != "running"
        var fields: [String: Any] = [
            "session_id": id, "mode": "paper", "command": "run", "status": status, "request_id": "req-\(id.suffix(7))",
            "started_at": created, "updated_at": updated, "terminal": terminal, "status_reason": reason,
            "bars_processed": 42, "position": 1, "cash": 10.5, "equity": 1012.25,
        ]
        if terminal {
            fields["finished_at"] = updated
            fields["duration_seconds"] = 1800.0
        }
        if let error {
            fields["error_type"] = error.0
            fields["message"] = error.1
        }
        if let lastBar { fields["last_bar_at"] = lastBar }
        let folder = "outputs/paper_sessions/\(id)/"
        _ = try scratch.file(folder + "session_status.json", try Self.text(fields))
        _ = try scratch.file(folder + "session_metadata.json", Self.metadata(id, created))
        _ = try scratch.file(folder + "metrics.json", #"{"mode": "paper", "summary": {"total_return": 0.0125, "trades": 3}}"#)
        _ = try scratch.file(folder + "trades.csv", "entry_time,exit_time\n")
        if report {
            _ = try scratch.file(
                folder + "report.json",
                #"{"schema_version": "1.0", "status": "\#(status)", "machine_contract": {"contract_type": "quantlab.paper.result", "status": "\#(status)"}, "summary": {"total_return": 0.0125}}"#)
            _ = try scratch.file(folder + "run_report.md", "# report\n")
        }
    }

    /// `2026-11-30T10:00:00+00:00` for `20261130_100000_paper_...`.
    static func createdAt(_ id: String) -> String {
        let d = Array(id)
        let date = "\(String(d[0..<4]))-\(String(d[4..<6]))-\(String(d[6..<8]))"
        return date + "T\(String(d[9..<11])):\(String(d[11..<13])):00+00:00"
    }

    static func text(_ object: [String: Any]) throws -> String {
        String(decoding: try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), as: UTF8.self)
    }

    /// `qsh ARGS` in the scratch folder with the pinned clock.
    func qsh(_ arguments: [String]) throws -> QSHResult {
        try QSHProcess.run(arguments, in: scratch.path, environment: Self.env)
    }

    /// `qsh ARGS` whose stdout is one JSON object.
    func object(_ arguments: [String]) throws -> (QSHResult, [String: Any]) {
        let result = try qsh(arguments)
        let object = (try? JSONSerialization.jsonObject(with: Data(result.stdout.utf8))) as? [String: Any] ?? [:]
        return (result, object)
    }
}
