import QSHArtifacts
import QSHServices

/// `tune session --session-file F`: plan + run + aggregate in `<outdir>/tuning/<session>/`
/// (JSON request: `tune_session`). Its options are `tune run`'s and `tune aggregate`'s.
enum TuneSessionCommandDefinition {
    static let command = RegisteredCommand(
        CommandDeclaration(
            path: ["tune", "session"],
            summary: "Plan, run and rank a tuning session in <outdir>/tuning/<session>/ (run it again to resume).",
            discussion: """
                Writes session.json and jobs.jsonl, runs the jobs (as `tune run`: results/, timeouts, resume by \
                plan_id) and ranks them (as `tune aggregate`: summary.json, leaderboard.csv, report.json). Exit code as \
                `tune run`'s.
                """,
            parameters: [
                ParameterDeclaration(
                    "session_file", .string, required: true, help: "the tuning session (YAML or JSON, see docs/tuning.md)",
                    valueName: "file", completion: .files),
            ] + TuneRunCommandDefinition.options + TuneAggregateCommandDefinition.options
                + [SharedParameters.outputRoot, SharedParameters.json] + SharedParameters.session,
            machineName: "tune_session", artifactRootKey: "out_dir"),
        executor: ServiceCommand(
            TuneSessionService(),
            request: request,
            render: { outcome, values, _ in
                if values.flag("json") { return outcome.summaryJSON.formatted() }
                var parts = [outcome.run.text]
                if let aggregate = outcome.aggregate { parts.append(TuneAggregateCommandDefinition.text(aggregate)) }
                parts.append("session: \(outcome.folder)/")
                return parts.joined(separator: "\n\n")
            }))

    /// The session request from the file, run and aggregate options (also the `tune` request's).
    @Sendable static func request(_ values: ParameterValues) throws -> TuneSessionService.Request {
        TuneSessionService.Request(
            sessionFile: values.string("session_file") ?? "", outdir: values.string("out_dir") ?? "outputs",
            run: try TuneRunCommandDefinition.options(values, jobsFile: ""),
            aggregate: TuneAggregateCommandDefinition.options(values, resultsDir: ""))
    }
}
