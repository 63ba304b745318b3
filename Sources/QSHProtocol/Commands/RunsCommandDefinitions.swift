import QSHArtifacts
import QSHServices

/// `runs list|show|best|index`: read run folders back, and keep their index.
enum RunsCommandDefinitions {
    static let group = CommandGroup(path: ["runs"], summary: "List, show and rank finished runs; rebuild their index.")

    static let list = RegisteredCommand(
        CommandDeclaration(
            path: ["runs", "list"], summary: "Every run, oldest first.",
            parameters: [SharedParameters.runsFolder, SharedParameters.outputRoot, SharedParameters.json],
            artifactRootKey: "out_dir"),
        executor: ServiceCommand(
            RunsListService(), request: { .init(directory: $0.string("directory")) },
            render: { outcome, values, _ in
                if values.flag("json") { return JSONValue.array(outcome.records.map(RunRows.json)).formatted() }
                guard !outcome.records.isEmpty else {
                    return "no \(outcome.unreadable > 0 ? "readable " : "")runs in \(outcome.runsDirectory)"
                }
                return RunRows.table(outcome.records, extraMetric: nil).rendered
            }))

    static let show = RegisteredCommand(
        CommandDeclaration(
            path: ["runs", "show"], summary: "One run: its config, summary and files.",
            parameters: [
                .positional(
                    "target", required: true, help: "run id, unique id prefix, or run folder", valueName: "run",
                    completion: .runIDs),
                SharedParameters.runsFolder, SharedParameters.outputRoot, SharedParameters.json,
            ],
            artifactRootKey: "out_dir"),
        executor: ServiceCommand(
            RunsShowService(),
            request: { .init(target: $0.string("target") ?? "", directory: $0.string("directory")) },
            render: { outcome, values, _ in
                values.flag("json") ? RunRows.detail(outcome.record).formatted() : RunRows.describe(outcome.record)
            }))

    static let best = RegisteredCommand(
        CommandDeclaration(
            path: ["runs", "best"], summary: "The best runs by one metric.",
            parameters: [
                SharedParameters.runsFolder,
                ParameterDeclaration(
                    "metric", .string, defaultText: "sharpe_simple",
                    help: "metric to rank by (any numeric key of metrics.json: sharpe_simple, total_return, cagr, ...)",
                    valueName: "name", completion: .metrics),
                ParameterDeclaration("lowest", .flag, help: "rank lowest first (for metrics where smaller is better)"),
                ParameterDeclaration("top", .integer, defaultText: "1", range: 1...1_000_000, help: "how many runs to show"),
                SharedParameters.outputRoot, SharedParameters.json,
            ],
            artifactRootKey: "out_dir"),
        executor: ServiceCommand(
            RunsBestService(),
            request: { values in
                .init(
                    metric: values.string("metric") ?? "sharpe_simple", lowestFirst: values.flag("lowest"),
                    top: values.integer("top") ?? 1, directory: values.string("directory"))
            },
            render: { outcome, values, _ in
                if values.flag("json") {
                    return JSONValue.array(outcome.ranked.map { entry in
                        var row = RunRows.json(entry.record).objectValue ?? [:]
                        row["metric"] = .string(outcome.metric)
                        row["value"] = .double(entry.value)
                        return .object(row)
                    }).formatted()
                }
                return outcome.ranked.isEmpty
                    ? "no runs in \(outcome.runsDirectory)"
                    : RunRows.table(outcome.ranked.map(\.record), extraMetric: outcome.metric).rendered
            }))

    static let index = RegisteredCommand(
        CommandDeclaration(
            path: ["runs", "index"], summary: "Bring runs_index.{csv,json,md} up to date (--rebuild: from every run folder).",
            parameters: [
                SharedParameters.runsFolder,
                ParameterDeclaration(
                    "rebuild", .flag, help: "rescan every run folder instead of updating the index incrementally"),
                SharedParameters.outputRoot, SharedParameters.json,
            ],
            artifactRootKey: "out_dir"),
        executor: ServiceCommand(
            RunsIndexService(),
            request: { .init(directory: $0.string("directory"), rebuild: $0.flag("rebuild")) },
            render: { outcome, values, _ in
                if values.flag("json") {
                    return JSONValue.object([
                        "runs_dir": .string(outcome.runsDirectory), "n_runs": .int(Int64(outcome.runs)),
                        "runs_index_csv": .string(outcome.paths.csv), "runs_index_json": .string(outcome.paths.json),
                        "runs_index_md": .string(outcome.paths.markdown),
                    ]).formatted()
                }
                return "\(outcome.runs) run\(outcome.runs == 1 ? "" : "s") indexed in \(outcome.paths.csv) (.json, .md)"
            }))
}
