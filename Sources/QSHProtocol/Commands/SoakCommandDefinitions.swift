import QSHArtifacts
import QSHCore
import QSHServices

/// `qsh soak` (JSON request `soak`) and `qsh soak list|show` (`soak_list`, `soak_show`).
enum SoakCommandDefinitions {
    static let group = CommandGroup(path: ["soak"], summary: "Inspect soaks: list, show.")

    static let parameters: [ParameterDeclaration] = [
        ParameterDeclaration("iterations", .integer, defaultText: "10", range: 1...10_000_000, help: "how many iterations to run", valueName: "n"),
        ParameterDeclaration("minutes", .number, help: "run this many minutes of simulated time (whole iterations)", valueName: "m"),
        ParameterDeclaration("hours", .number, help: "run this many hours of simulated time (whole iterations)", valueName: "h"),
        ParameterDeclaration("symbols", .string, help: "comma-separated symbols of the mock market", valueName: "a,b,..."),
        ParameterDeclaration("top", .integer, defaultText: "5", help: "the N most liquid symbols of the mock market", valueName: "n"),
        ParameterDeclaration(
            "profile", .string, defaultText: "$MM_PROFILE, else S1",
            help: "profile name (configs/profiles/<name>.yaml) or .yaml file", valueName: "name", completion: .files),
        ParameterDeclaration("mock", .flag, help: "simulated market (the only market so far, and the default)"),
        ParameterDeclaration("auto_tune", .flag, help: "adjust the five runtime parameters between iterations (rules.yaml)"),
        ParameterDeclaration("seed", .integer, defaultText: "1", range: 0...1e12, help: "master seed of the simulated market", valueName: "n"),
        ParameterDeclaration(
            "iteration_length", .string, defaultText: "60s", help: "simulated time per iteration (90, 90s, 5m, 1h)",
            valueName: "duration"),
        ParameterDeclaration("realtime", .flag, help: "pace simulated time to the wall clock (live-like); default: as fast as possible"),
        ParameterDeclaration("kpi_gate", .flag, help: "exit 1 when the final KPI verdict fails"),
        ParameterDeclaration("kpi", .string, help: "KPI targets file (default: the reference targets; see configs/soak/kpi.yaml)", valueName: "file", completion: .files),
        ParameterDeclaration("rules", .string, help: "auto-tune rule table (default: the reference table, configs/soak/rules.yaml)", valueName: "file", completion: .files),
        ParameterDeclaration(
            "overrides", .string, help: "runtime overrides JSON file (default: $MM_RUNTIME_OVERRIDES_JSON)", valueName: "file",
            completion: .files),
        ParameterDeclaration("resume", .string, help: "continue an aborted soak from its last completed iteration", valueName: "soak_dir", completion: .directories),
        ParameterDeclaration(
            "monitor_interval", .number, defaultText: "10", help: "wall seconds between monitor lines (stderr)", valueName: "seconds"),
        ParameterDeclaration("workers", .integer, defaultText: "the cores", help: "symbols simulated at once", valueName: "n"),
        SharedParameters.outputRoot,
        SharedParameters.json,
    ] + SharedParameters.session

    @Sendable static func request(_ values: ParameterValues) throws -> SoakRequest {
        var request = SoakRequest()
        request.iterations = values.integer("iterations")
        request.minutes = values.number("minutes")
        request.hours = values.number("hours")
        request.symbols = values.string("symbols").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        request.top = values.integer("top")
        request.profile = values.string("profile")
        request.autoTune = values.flag("auto_tune")
        request.seed = values.integer("seed").map { UInt64($0) }
        request.iterationSeconds = try values.string("iteration_length").map { try SoakDurationText.seconds($0, flag: "--iteration-length") }
        request.realtime = values.flag("realtime")
        request.kpiGate = values.flag("kpi_gate")
        request.kpiFile = values.string("kpi")
        request.rulesFile = values.string("rules")
        request.overridesFile = values.string("overrides")
        request.resume = values.string("resume")
        request.monitorSeconds = values.number("monitor_interval")
        request.workers = values.integer("workers")
        return request
    }

    static let soak = RegisteredCommand(
        CommandDeclaration(
            path: ["soak"],
            summary: "Market-making soak on the simulated market: EDGE reports, KPI gate, guarded auto-tuning.",
            discussion: """
                Writes <outdir>/soak/<soak_id>/: config.json, applied_profile.json, runtime_overrides.json, \
                iterations/<n>/EDGE_REPORT.json, iterations.jsonl, soak_status.json (heartbeat) and soak_report.json. \
                Markers go to stdout, monitor lines to stderr. SIGINT/SIGTERM stop at the next iteration boundary \
                (--realtime: at once) with a report marked aborted; --resume continues. Exit code: 0 done, 1 the KPI \
                gate failed (--kpi-gate), 2 invalid settings, 130/143 interrupted.
                """,
            parameters: parameters, machineName: "soak", artifactRootKey: "out_dir"),
        executor: ServiceCommand(
            SoakService(), request: request,
            render: { outcome, values, _ in
                values.flag("json") ? outcome.soakSummary.formatted() : SoakText.summary(outcome)
            }))

    static let list = RegisteredCommand(
        CommandDeclaration(
            path: ["soak", "list"], summary: "Every soak, by soak id (unreadable folders included, with the reason).",
            parameters: [
                ParameterDeclaration.positional(
                    "directory", help: "soak folder or artifact root (default: <outdir>/soak)", valueName: "dir",
                    completion: .directories),
                SharedParameters.json, SharedParameters.outputRoot,
            ],
            machineName: "soak_list", artifactRootKey: "out_dir"),
        executor: ServiceCommand(
            SoakListService(), request: { .init(directory: $0.string("directory")) },
            render: { outcome, values, _ in values.flag("json") ? outcome.report.formatted() : SoakText.list(outcome) }))

    static let show = RegisteredCommand(
        CommandDeclaration(
            path: ["soak", "show"], summary: "One soak: status, KPI verdict, final parameters, steady state, tuner behaviour.",
            parameters: [
                ParameterDeclaration.positional(
                    "soak", required: true, help: "soak folder, or a soak id (or unique prefix) in <outdir>/soak",
                    valueName: "soak_dir", completion: .directories),
                SharedParameters.json, SharedParameters.outputRoot,
            ],
            machineName: "soak_show", artifactRootKey: "out_dir"),
        executor: ServiceCommand(
            SoakShowService(), request: { .init(soak: $0.string("soak") ?? "") },
            render: { outcome, values, _ in values.flag("json") ? outcome.report.formatted() : SoakText.show(outcome.report) }))

    static let all = [soak, list, show]
}

/// `90`, `90s`, `5m`, `1h` (also fractions: `1.5m`) as seconds.
enum SoakDurationText {
    static func seconds(_ text: String, flag: String) throws -> Double {
        let trimmed = text.trimmingCharacters(in: .whitespaces).lowercased()
        let units: [(String, Double)] = [("ms", 0.001), ("s", 1), ("m", 60), ("h", 3600)]
        let unit = units.first { trimmed.hasSuffix($0.0) && Double(trimmed.dropLast($0.0.count)) != nil }
        let number = unit.map { Double(trimmed.dropLast($0.0.count)) } ?? Double(trimmed)
        guard let number: Double = number ?? nil, number.isFinite, number > 0 else {
            throw InvalidInputError("\(flag): '\(Excerpt.of(text, limit: 24))' is not a duration (90, 90s, 5m, 1h)")
        }
        return number * (unit?.1 ?? 1)
    }
}
