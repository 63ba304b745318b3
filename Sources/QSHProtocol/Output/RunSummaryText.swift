import QSHArtifacts
import QSHCore
import QSHServices

/// The compact result of `qsh run` for people, or one JSON object for programs.
enum RunSummaryText {
    static func table(_ outcome: RunOutcome, markdown: Bool, workingDirectory: String) -> String {
        let m = outcome.reference
        let x = outcome.extended
        let config = outcome.config
        let interval = config["interval"]?.stringValue ?? "1d"
        let window = outcome.window
        var lines = [
            "\(outcome.runID)  \(config["ticker"]?.stringValue ?? "")  \(config["strategy"]?.stringValue ?? "")  "
                + "\(interval)  \(window.format(window.firstTraded)) .. \(window.format(window.last))  "
                + "(\(m.days == 1 ? "1 bar" : "\(m.days) bars"))",
            window.warmupSentence,
            "",
        ]
        var table = TextTable(["metric", "value", "metric", "value"], alignments: [.left, .right, .left, .right])
        let left: [(String, String)] = [
            ("total return", Format.percent(m.totalReturn)), ("max drawdown", Format.percent(m.maxDrawdown)),
            ("sharpe (simple)", Format.fixed(m.sharpeSimple, 4)), ("win rate (days)", Format.percent(m.winrateActiveDays)),
            ("trades", "\(m.trades)"),
        ]
        let right: [(String, String)] = [
            ("CAGR", Format.percent(x.cagr)), ("sortino", Format.fixed(x.sortino, 4)),
            ("exposure", Format.percent(x.exposure)), ("round trips", "\(x.roundTrips)"),
            ("final equity", Format.fixed(x.finalEquity, 2)),
        ]
        for (l, r) in zip(left, right) { table.append([l.0, l.1, r.0, r.1]) }
        lines.append(table.rendered)
        lines.append("")
        let directory = Paths.display(outcome.artifactsPath, relativeTo: workingDirectory)
        lines.append("artifacts: \(directory)/")
        if markdown { lines.append("report:    \(directory)/run_report.md") }
        switch outcome.equityTable {
        case .full: break
        case .daily: lines.append("equity:    equity.csv has the last bar of each UTC day (--equity full for every bar)")
        case .omitted: lines.append("equity:    no equity.csv (--equity none)")
        }
        return lines.joined(separator: "\n")
    }

    static func json(_ outcome: RunOutcome) -> String {
        var fields = outcome.window.jsonFields
        fields["run_id"] = .string(outcome.runID)
        fields["artifacts_path"] = .string(outcome.artifactsPath)
        fields["report_path"] = .string(outcome.reportPath)
        fields["config_hash"] = .string(outcome.configHash)
        fields["summary"] = outcome.runSummary
        return JSONValue.object(fields).formatted()
    }
}
