import QSHArtifacts
import QSHServices

/// `sweep --config F` (JSON request: `sweep`): the reference's parameter grid, one grid folder
/// beside the runs.
enum SweepCommandDefinition {
    static let command = RegisteredCommand(
        CommandDeclaration(
            path: ["sweep"],
            summary: "Run every combination of a parameter grid on one ticker and rank them (the reference's sweep).",
            discussion: """
                The config is a tuning session file (docs/tuning.md) with one ticker. Writes \
                <out-dir>/<YYYYMMDD_HHMMSS_grid_h7>/ with experiments.csv (grid order), leaderboard.csv (sharpe_simple, \
                then total_return, descending; ties in grid order), best_config.json, metadata.json, config.json, \
                metrics.json, report.json (quantlab.sweep.result) and run_report.md, and refreshes that folder's runs index.
                """,
            parameters: [
                ParameterDeclaration(
                    "config_path", .string, flags: ["--config", "--config-path", "--config_path"], required: true,
                    help: "the grid: a tuning session file (YAML or JSON) with one ticker", valueName: "file", completion: .files),
                ParameterDeclaration(
                    "out_dir", .string, flags: ["--out-dir", "--outdir", "--out_dir", "--sweep-outdir"],
                    jsonAliases: ["sweep_outdir", "outdir"], defaultText: "outputs/runs",
                    help: "the folder that receives the grid folder (and its runs index)", valueName: "dir",
                    completion: .directories),
                TuneRunCommandDefinition.workers,
                ParameterDeclaration(
                    "json", .flag, surfaces: .commandLine, help: "print the grid id, paths and best result as JSON instead of the table"),
            ] + SharedParameters.session,
            machineName: "sweep",
            examples: ["qsh sweep --config configs/experiments/eth_2023_grid.yaml"]),
        executor: ServiceCommand(
            SweepService(),
            request: { values in
                SweepService.Request(
                    configPath: values.string("config_path") ?? "", outDir: values.string("out_dir"),
                    workers: values.integer("workers"))
            },
            render: { outcome, values, context in
                values.flag("json") ? JSONValue.object(outcome.responseFields).formatted() : text(outcome, context: context)
            }))

    static func text(_ outcome: SweepOutcome, context: ServiceContext) -> String {
        var lines = [
            "Sweep \(outcome.gridID): \(outcome.experiments) experiments"
                + (outcome.failed > 0 ? " (\(outcome.failed) failed)" : "") + ", ranked by sharpe_simple then total_return",
            "",
        ]
        var table = TextTable(outcome.headers, alignments: outcome.headers.map { _ in .right })
        for row in outcome.tableRows(limit: 10) { table.append(row) }
        lines.append(table.rendered)
        if outcome.rankedCount > 10 { lines.append("(top 10 of \(outcome.rankedCount); every one is in leaderboard.csv)") }
        lines += ["", "grid folder: \(Paths.display(outcome.artifactsPath, relativeTo: context.workingDirectory))/"]
        return lines.joined(separator: "\n")
    }
}
