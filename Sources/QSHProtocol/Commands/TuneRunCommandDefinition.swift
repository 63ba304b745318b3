import QSHArtifacts
import QSHServices

/// `tune run --jobs-file J`: the jobs of a plan, in this process or, with `--isolate`, each in a
/// `qsh` child process (JSON request: `tune_run`).
enum TuneRunCommandDefinition {
    /// How many jobs (or experiments, for `sweep`) are evaluated at once.
    static let workers = ParameterDeclaration("workers", .integer, defaultText: "the cores", help: "jobs evaluated at once", valueName: "n")

    /// How the jobs run: also `tune session`'s.
    static let options: [ParameterDeclaration] = [
        ParameterDeclaration("max_jobs", .integer, help: "run at most N of the jobs left to run", valueName: "n"),
        ParameterDeclaration("stop_on_error", .flag, help: "take no new job once one has failed or timed out"),
        workers,
        ParameterDeclaration(
            "timeout", .number, defaultText: "300", help: "seconds a job may take before it is stopped (an error)",
            valueName: "seconds"),
        ParameterDeclaration("force", .flag, help: "run jobs again even when their result is already there"),
        ParameterDeclaration(
            "isolate", .flag,
            help: "run each job in a qsh process of its own (for strategies that cannot share state); --timeout kills it"),
    ]

    /// The run request from `options`' values.
    @Sendable static func options(_ values: ParameterValues, jobsFile: String) throws -> TuneRunService.Request {
        var request = TuneRunService.Request(jobsFile: jobsFile)
        request.maxJobs = values.integer("max_jobs")
        request.stopOnError = values.flag("stop_on_error")
        request.workers = values.integer("workers")
        request.timeoutSeconds = values.number("timeout") ?? TuneRunService.defaultTimeoutSeconds
        request.force = values.flag("force")
        request.isolate = values.flag("isolate")
        return request
    }

    static let command = RegisteredCommand(
        CommandDeclaration(
            path: ["tune", "run"],
            summary: "Run the jobs of a plan in parallel (timeouts, resume), writing one result file per job.",
            discussion: """
                Jobs whose valid result for the same plan_id exists are skipped (--force redoes them), so a stopped or \
                killed run continues where it stopped. SIGINT/SIGTERM stop after the jobs in flight. Exit code: 0 every \
                job succeeded, 1 some failed, timed out or were invalid, 2 the plan file cannot be used.
                """,
            parameters: [
                ParameterDeclaration(
                    "jobs_file", .string, required: true, help: "the plan (JSON Lines, from `qsh tune plan`); - reads it from standard input", valueName: "file",
                    completion: .files),
            ] + options + [SharedParameters.json] + SharedParameters.session,
            machineName: "tune_run"),
        executor: ServiceCommand(
            TuneRunService(),
            request: { values in try options(values, jobsFile: values.string("jobs_file") ?? "") },
            render: { outcome, values, _ in values.flag("json") ? outcome.summaryJSON.formatted() : outcome.text }))
}
