import QSHArtifacts
import QSHServices

/// `tune aggregate --results-dir D`: a session's results filtered, ranked and written as
/// summary.json, leaderboard.csv and report.json in D's parent (JSON request: `tune_aggregate`).
enum TuneAggregateCommandDefinition {
    /// How results are filtered and ranked: also `tune session`'s.
    static let options: [ParameterDeclaration] = [
        ParameterDeclaration(
            "max_results", .integer, defaultText: String(TuneAggregateService.defaultMaxResults),
            help: "rows of the table and of summary.json's top", valueName: "n"),
        ParameterDeclaration(
            "max_drawdown_pct", .number, defaultText: "15",
            help: "leave out results whose max drawdown exceeds this many percent", valueName: "pct"),
        ParameterDeclaration("min_trades", .integer, help: "leave out results with fewer trades", valueName: "n"),
        ParameterDeclaration(
            "sort_by", .string, defaultText: TuneAggregateService.defaultSortBy,
            help: "comma-separated summary or metrics keys, each descending", valueName: "keys", completion: .metrics),
        ParameterDeclaration(
            "output_json", .string, help: "also write the summary JSON to this file", valueName: "file", completion: .files),
    ]

    /// The aggregate request from `options`' values.
    @Sendable static func options(_ values: ParameterValues, resultsDir: String) -> TuneAggregateService.Request {
        var request = TuneAggregateService.Request(resultsDir: resultsDir)
        request.maxResults = values.integer("max_results") ?? TuneAggregateService.defaultMaxResults
        request.maxDrawdownPct = values.number("max_drawdown_pct") ?? TuneAggregateService.defaultMaxDrawdownPct
        request.minTrades = values.integer("min_trades")
        request.sortBy = values.string("sort_by")
        request.outputJSON = values.string("output_json")
        return request
    }

    static let command = RegisteredCommand(
        CommandDeclaration(
            path: ["tune", "aggregate"],
            summary: "Rank a session's results (filters, sort keys) and write summary.json, leaderboard.csv and report.json.",
            discussion: """
                Reads every *.json of the results folder; files that are not result records are counted and named. Ok \
                results pass the filters, then rank by each sort key descending (missing values last), ties by ordinal. \
                The three files go to the results folder's parent (the session folder). Exit code: 0 when the files are \
                written, even if no result passes the filters; 2 a flag is wrong, the folder holds no result, or results \
                of two plans.
                """,
            parameters: [
                ParameterDeclaration(
                    "results_dir", .string, required: true, help: "the session's results folder (<outdir>/tuning/<session>/results)",
                    valueName: "dir", completion: .directories),
            ] + options + [SharedParameters.json] + SharedParameters.session,
            machineName: "tune_aggregate"),
        executor: ServiceCommand(
            TuneAggregateService(),
            request: { values in options(values, resultsDir: values.string("results_dir") ?? "") },
            render: { outcome, values, _ in values.flag("json") ? outcome.summaryJSON.formatted() : text(outcome) }))

    /// The headline, the leaderboard (top `--max-results`) and what could not be ranked.
    static func text(_ outcome: TuneAggregateOutcome) -> String {
        var lines = outcome.headline
        let rows = outcome.tableRows
        if !rows.isEmpty {
            var table = TextTable(outcome.headers, alignments: outcome.numericColumns.map { $0 ? .right : .left })
            for row in rows { table.append(row) }
            lines += ["", table.rendered, ""]
        }
        return (lines + outcome.footer).joined(separator: "\n")
    }
}
