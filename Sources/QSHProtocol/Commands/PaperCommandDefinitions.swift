import QSHArtifacts
import QSHServices

/// `paper list|show|health|alerts|index|promotion`: operating the paper sessions under
/// `<outdir>/paper_sessions` (JSON requests: `paper_list`, ...). People get tables; `--json`
/// (and a JSON request's `result`) gives the JSON document; alerts and promotion are JSON always.
enum PaperCommandDefinitions {
    static let group = CommandGroup(
        path: ["paper"], summary: "Operate paper sessions: list, show, watch, health, alerts, index, promotion readiness.")

    static let folder = ParameterDeclaration.positional(
        "directory", help: "paper sessions folder or artifact root (default: <outdir>/paper_sessions)", valueName: "dir",
        completion: .directories)

    static let session = ParameterDeclaration.positional(
        "session", required: true, help: "session folder, or a session id (or unique prefix) in <outdir>/paper_sessions",
        valueName: "session_dir", completion: .directories)

    static let alwaysJSON = ParameterDeclaration(
        "json", .flag, surfaces: .commandLine, help: "accepted for uniformity: this command always prints JSON")

    static func command(
        _ name: String, summary: String, parameters: [ParameterDeclaration], executor: any CommandExecutor
    ) -> RegisteredCommand {
        RegisteredCommand(
            CommandDeclaration(
                path: ["paper", name], summary: summary, parameters: parameters + [SharedParameters.outputRoot],
                machineName: "paper_" + name, artifactRootKey: "out_dir"),
            executor: executor)
    }

    static let list = command(
        "list", summary: "Every paper session, by session id (unreadable folders included, with the reason).",
        parameters: [folder, SharedParameters.json],
        executor: ServiceCommand(
            PaperFolderReportService.list, request: { .init(directory: $0.string("directory")) },
            render: { outcome, values, _ in
                if values.flag("json") { return outcome.report.formatted() }
                guard !outcome.sessions.isEmpty else { return "no paper sessions in \(outcome.root)" }
                var table = TextTable(["session_id", "status", "created_at", "request_id"])
                for session in outcome.sessions {
                    let status = session.unreadableReason.map { "unreadable: \($0)" } ?? session.state
                    table.append([session.sessionID, status, session.createdAt ?? "-", session.requestID ?? "-"])
                }
                return table.rendered
            }))

    static let show = command(
        "show", summary: "One paper session: status, metadata, metrics summary, heartbeat age.",
        parameters: [
            session,
            SharedParameters.json,
        ],
        executor: ServiceCommand(
            PaperShowService(), request: { .init(session: $0.string("session") ?? "", directory: nil) },
            render: { outcome, values, _ in
                values.flag("json") ? outcome.report.formatted() : PaperSessionDetail.text(outcome.report)
            }))

    static let health = command(
        "health", summary: "Session counts by status, the latest session and issue, active sessions.",
        parameters: [folder, SharedParameters.json],
        executor: ServiceCommand(
            PaperFolderReportService.health, request: { .init(directory: $0.string("directory")) },
            render: { outcome, values, _ in
                values.flag("json") ? outcome.report.formatted() : PaperHealthReport.text(outcome.report)
            }))

    static let alerts = command(
        "alerts", summary: "Failed (critical), aborted and stale running (warning) sessions, as JSON.",
        parameters: [
            folder,
            ParameterDeclaration(
                "stale_minutes", .number, flags: ["--stale-minutes", "--paper-stale-minutes"],
                jsonAliases: ["paper_stale_minutes"], defaultText: "60",
                help: "a running session without an update for this many minutes is stale (> 0)", valueName: "minutes"),
            ParameterDeclaration(
                "window_days", .number, flags: ["--window-days", "--paper-alert-window-days"],
                jsonAliases: ["paper_alert_window_days"],
                help: "current window: sessions active in the last D days (adds current_window_alerts)", valueName: "days"),
            ParameterDeclaration(
                "window_sessions", .integer, flags: ["--window-sessions", "--paper-alert-window-sessions"],
                jsonAliases: ["paper_alert_window_sessions"],
                help: "current window: the newest S sessions (with --window-days: both limits)", valueName: "sessions"),
            alwaysJSON,
        ],
        executor: ServiceCommand(
            PaperAlertsService(),
            request: { values in
                .init(
                    directory: values.string("directory"),
                    staleMinutes: values.number("stale_minutes") ?? PaperAlertsService.defaultStaleMinutes,
                    windowDays: values.number("window_days"), windowSessions: values.integer("window_sessions"))
            },
            render: { outcome, _, _ in outcome.report.formatted() }))

    static let index = command(
        "index", summary: "Bring paper_sessions_index.{csv,json} up to date (re-reads only the session folders that changed).",
        parameters: [folder, SharedParameters.json],
        executor: ServiceCommand(
            PaperIndexService(), request: { .init(directory: $0.string("directory")) },
            render: { outcome, values, _ in
                if values.flag("json") { return outcome.report.formatted() }
                let count = outcome.report["n_sessions"]?.intValue ?? 0
                let csv = outcome.report["paper_sessions_index_csv"]?.stringValue ?? ""
                return "\(count) paper session\(count == 1 ? "" : "s") indexed in \(csv) (.json)"
            }))

    static let promotion = command(
        "promotion", summary: "Which sessions are ready for broker promotion (at most 2, newest first), as JSON.",
        parameters: [folder, alwaysJSON],
        executor: ServiceCommand(
            PaperFolderReportService.promotion, request: { .init(directory: $0.string("directory")) },
            render: { outcome, _, _ in outcome.report.formatted() }))

    static let watch = command(
        "watch", summary: "Follow one session live (status, bars, equity, last fills, heartbeat) until it ends or Ctrl-C.",
        parameters: [
            session,
            ParameterDeclaration(
                "interval", .string, defaultText: "500ms", help: "how often to look at the session's files, e.g. 250ms or 2s",
                valueName: "duration"),
            ParameterDeclaration(
                "fills", .integer, defaultText: "\(PaperWatchService.defaultFills)", help: "how many of the last fills to show (0..100)",
                valueName: "n"),
        ],
        executor: ServiceCommand(
            PaperWatchService(),
            request: { values in
                .init(
                    session: values.string("session") ?? "",
                    intervalSeconds: try values.string("interval").map { try DurationText.seconds($0, flag: "--interval") }
                        ?? PaperWatchService.defaultIntervalSeconds,
                    fills: values.integer("fills") ?? PaperWatchService.defaultFills)
            },
            // The live view has already shown the last state, on the terminal or as the last JSON line.
            render: { _, _, _ in nil }))

    static let all = [list, show, watch, health, alerts, index, promotion]
}
