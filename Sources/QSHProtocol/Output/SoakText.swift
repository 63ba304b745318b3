import QSHArtifacts
import QSHServices

/// What people read after a soak and from `soak list|show`.
enum SoakText {
    static func summary(_ outcome: SoakOutcome) -> String {
        let s = outcome.soakSummary
        let done = s["iterations_completed"]?.intValue ?? 0
        let total = s["iterations"]?.intValue ?? 0
        let kpi = s["kpi_passed"]?.boolValue.map { $0 ? "passed" : "FAILED" } ?? "-"
        var lines = ["soak \(outcome.soakID): \(done)/\(total) iterations, KPI \(kpi)"]
        lines.append("  " + metricsLine(s))
        if let parameters = s["final_parameters"]?.objectValue {
            lines.append("  final parameters: " + parameters.keys.sorted().map { "\($0)=\(number(parameters[$0]))" }.joined(separator: " "))
        }
        if let problem = outcome.problem { lines.append("  \(problem.message.split(separator: " (report:").first ?? "") (--kpi-gate: exit 1)") }
        lines.append("  report: \(outcome.reportPath)")
        return lines.joined(separator: "\n")
    }

    static func metricsLine(_ s: JSONValue) -> String {
        ["net_bps", "cancel_ratio", "maker_share", "adverse_bps_p95", "slippage_bps_p95", "order_age_p95_ms", "ws_lag_p95_ms"]
            .map { "\($0)=\(number(s[$0]))" }.joined(separator: " ")
    }

    static func number(_ value: JSONValue?) -> String {
        switch value {
        case .int(let v)?: String(v)
        case .double(let v)?: v.rounded() == v && abs(v) < 1e15 ? String(Int64(v)) : String(format: "%.3f", v)
        default: "-"
        }
    }

    static func list(_ outcome: SoakInspectionOutcome) -> String {
        let rows = outcome.report.arrayValue ?? []
        guard !rows.isEmpty else { return "no soaks in \(outcome.root)" }
        var table = TextTable(["soak_id", "status", "iterations", "symbols", "profile", "auto_tune", "kpi", "updated_at"])
        for row in rows {
            let kpi = row["kpi_passed"]?.boolValue.map { $0 ? "passed" : "failed" } ?? "-"
            table.append([
                row["soak_id"]?.stringValue ?? "?", row["status"]?.stringValue ?? "?",
                "\(number(row["iterations_completed"]))/\(number(row["iterations_total"]))", number(row["symbols"]),
                row["profile"]?.stringValue ?? "-", row["auto_tune"]?.boolValue.map { $0 ? "yes" : "no" } ?? "-", kpi,
                row["updated_at"]?.stringValue ?? "-",
            ])
        }
        return table.rendered
    }

    static func show(_ document: JSONValue) -> String {
        let status = document["status"] ?? .null
        var lines = [
            "soak \(status["soak_id"]?.stringValue ?? "?"): \(status["status"]?.stringValue ?? "?")"
                + " (\(number(status["iterations_completed"]))/\(number(status["iterations_total"])) iterations)",
            "  folder: \(document["folder"]?.stringValue ?? "?")",
            "  started \(status["started_at"]?.stringValue ?? "-"), updated \(status["updated_at"]?.stringValue ?? "-")",
        ]
        if let config = document["config"] {
            let symbols = config["symbols"]?.arrayValue?.compactMap(\.stringValue).joined(separator: ",") ?? "-"
            lines.append(
                "  profile \(config["profile"]?.stringValue ?? "-"), seed \(config["seed"]?.stringValue ?? "-"), symbols \(symbols), "
                    + "auto-tune \(config["auto_tune"]?.boolValue == true ? "on" : "off")")
        }
        if let summary = document["summary"] {
            let kpi = summary["kpi_passed"]?.boolValue.map { $0 ? "passed" : "FAILED" } ?? "-"
            lines.append("  KPI \(kpi); last iteration: " + metricsLine(summary))
            if let first = summary["first_iteration_without_trigger"], first != .null {
                lines.append("  first iteration without a trigger: \(number(first))")
            }
        } else {
            lines.append("  no soak_report.json yet (the soak is running, or died without one)")
        }
        if let next = status["next_parameters"]?.objectValue {
            lines.append("  next parameters: " + next.keys.sorted().map { "\($0)=\(number(next[$0]))" }.joined(separator: " "))
        }
        if let message = status["message"]?.stringValue { lines.append("  message: \(message)") }
        return lines.joined(separator: "\n")
    }
}
