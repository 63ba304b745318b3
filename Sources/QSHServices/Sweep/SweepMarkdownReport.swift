import QSHArtifacts
import QSHCore

/// `run_report.md` of a grid folder: the sweep explained for people.
extension SweepDocuments {
    func markdownReport(gridID: String, createdAt: String) -> String {
        let (first, last) = span
        var lines = [
            "# Sweep \(gridID)",
            "",
            "\(best.validated.request.ticker) · \(session.base.strategy) · \(loaded.interval.text) bars · \(first) to \(last) · "
                + "created \(createdAt)",
            "",
            "\(table.rows.count) experiments (\(table.failedCount) failed) from `\(session.name)`, ranked by sharpe_simple, then "
                + "total_return (both descending), ties in grid order.",
            "",
            "## Space",
            "",
            "| parameter | values |",
            "|---|---|",
        ]
        let space = session.resolved["space"]?.objectValue ?? [:]
        lines += space.keys.sorted().map { "| \($0) | \(space[$0]!.compact()) |" }
        lines += ["", "## Best experiment (\(best.experiment))", "", "| setting | value |", "|---|---|"]
        lines += best.validated.strategy.parameters.entries.map {
            "| \($0.name) | \(StrategyParameter.describe($0.value, kind: $0.kind)) |"
        }
        let costs = best.validated.request.costs
        lines += [
            "| fee | \(Format.decimal(costs.fee)) |",
            "| slippage | \(costs.slippageMode == .fixed ? "\(Format.decimal(costs.slippageBps)) bps (fixed)" : "ATR × \(Format.decimal(costs.kATR))") |",
            "| data | \(loaded.sourceDescription) |",
            "",
            "## Leaderboard (top \(min(10, table.ranked.count)) of \(table.ranked.count))",
            "",
        ]
        let columns = table.displayHeaders
        lines.append("| " + columns.joined(separator: " | ") + " |")
        lines.append("|" + String(repeating: "---|", count: columns.count))
        for (index, row) in table.ranked.prefix(10).enumerated() {
            lines.append("| " + table.displayRow(row, rank: index + 1).joined(separator: " | ") + " |")
        }
        let failed = table.rows.filter { $0.failure != nil }
        if !failed.isEmpty {
            lines += ["", "## Failed experiments", ""]
            lines += failed.prefix(20).map { "- \($0.experiment): \($0.failure!.message)" }
        }
        lines += ["", "## Files", ""]
        lines += Self.files.map { "- `\($0)`" }
        lines.append("")
        return lines.joined(separator: "\n")
    }
}
