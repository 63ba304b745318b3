import QSHArtifacts
import QSHServices

/// `tune plan` (JSON request: `tune_plan`): a tuning session file expanded into a jobs.jsonl
/// plan (docs/tuning.md). `tune run` and `tune aggregate` join this group later.
enum TuneCommandDefinitions {
    static let group = CommandGroup(path: ["tune"], summary: "Tuning sessions: plan a parameter search into jobs, run them, aggregate and rank the results.")

    static let plan = RegisteredCommand(
        CommandDeclaration(
            path: ["tune", "plan"],
            summary: "Expand a session file into a jobs.jsonl plan (one job per line, the same bytes on every run).",
            parameters: [
                ParameterDeclaration(
                    "session_file", .string, required: true, help: "tuning session file (YAML or JSON)", valueName: "file",
                    completion: .files),
                ParameterDeclaration(
                    "output_jobs_file", .string, required: true, help: "where to write the plan (JSON Lines, written atomically); - prints it instead",
                    valueName: "file", completion: .files),
                SharedParameters.json,
                SharedParameters.outputRoot,
            ],
            machineName: "tune_plan", artifactRootKey: "out_dir"),
        executor: ServiceCommand(
            TunePlanService(),
            request: { values in
                .init(
                    sessionFile: values.string("session_file") ?? "", jobsFile: values.string("output_jobs_file") ?? "",
                    outdir: values.string("out_dir") ?? "outputs")
            },
            render: { outcome, values, _ in
                // Printed, the plan is the whole output: what `tune run --jobs-file -` reads.
                if let printed = outcome.printedPlan { return String(printed.dropLast()) }
                return values.flag("json") ? outcome.report.formatted() : outcome.text
            }))

    static let all = [plan, TuneRunCommandDefinition.command, TuneSessionCommandDefinition.command, TuneAggregateCommandDefinition.command]
}
