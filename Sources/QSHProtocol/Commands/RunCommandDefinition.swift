import QSHCore
import QSHServices

/// `run`: one backtest (argv, prompt, scripts and JSON requests).
enum RunCommandDefinition {
    static let declaration = CommandDeclaration(
        path: ["run"], summary: "Backtest a strategy on one instrument and date range.",
        discussion: """
            Data comes from --data FILE, else --data-dir DIR / QSH_DATA_DIR (<TICKER>_<interval>.csv, then \
            <TICKER>.csv), else the built-in synthetic source for SYN-* tickers. The run is written to \
            <outdir>/runs/<run_id>/ and listed in <outdir>/runs/runs_index.{csv,json,md}.
            """,
        parameters: [
            ParameterDeclaration(
                "ticker", .string, required: true, requiredUnless: "resume", help: "instrument symbol; SYN-* names use the built-in synthetic source",
                valueName: "symbol", completion: .tickers),
            ParameterDeclaration(
                "start", .string, defaultText: "first bar (2022-01-01 for SYN-*)",
                help: "first bar included: YYYY-MM-DD or ISO date-time (Z/offset; none = UTC)", valueName: "date"),
            ParameterDeclaration(
                "end", .string, defaultText: "after the last bar (2024-01-01 for SYN-*)",
                help: "first bar excluded (the window is start <= t < end)", valueName: "date"),
            ParameterDeclaration(
                "interval", .string, defaultText: "the data's bar spacing (1d for SYN-*)",
                help: "bar length N{s,m|min,h,d,w|wk,mo}, lowercase: 1m, 5m, 1h, 4h, 1d, 1w, 1mo; checked against the data",
                valueName: "interval", completion: .intervals),
            ParameterDeclaration(
                "strategy", .string, defaultText: StrategyRegistry.defaultName, help: "strategy name (see `qsh strategies`)",
                valueName: "name", completion: .strategies),
            ParameterDeclaration(
                "params", .keyNumbers, flags: ["--param"],
                help: "strategy parameter override, repeatable (JSON: an object of numbers)",
                valueName: "key=value", completion: .strategyParameters, valueErrors: .strategy),
            ParameterDeclaration(
                "fee", .number, defaultText: "0.002", help: "fee per trade, fraction of equity, in [0, 1)", valueName: "fraction"),
            ParameterDeclaration(
                "slippage_bps", .number, flags: ["--slippage-bps", "--slippage_bps"], defaultText: "8",
                help: "fixed slippage in basis points", valueName: "bps"),
            ParameterDeclaration(
                "slippage_mode", .choice(CostModel.SlippageMode.allCases.map(\.rawValue)),
                flags: ["--slippage-mode", "--slippage_mode"], defaultText: "fixed",
                help: "atr: clamp(k_atr * ATR14 / close, 2 bps, 30 bps)", valueName: "mode",
                completion: .words(CostModel.SlippageMode.allCases.map(\.rawValue))),
            ParameterDeclaration(
                "k_atr", .number, flags: ["--k-atr", "--k_atr"], defaultText: "0.05", help: "ATR multiple for atr slippage",
                valueName: "k"),
            ParameterDeclaration(
                "initial_cash", .number, flags: ["--initial-cash", "--initial_cash"], defaultText: "1000",
                help: "capital for final_equity and equity values", valueName: "amount"),
            ParameterDeclaration(
                "paper", .flag,
                help: "a paper session in <outdir>/paper_sessions/<session_id>/ instead of a run (see docs/paper-session-runbook.md)"),
            ParameterDeclaration(
                "pace", .string, help: "paper sessions: time per bar, e.g. 250ms or 1s (default: as fast as possible)",
                valueName: "duration"),
            ParameterDeclaration(
                "resume", .string,
                help: "paper sessions: continue this aborted or stale session folder from its last bar (its own config)",
                valueName: "session_dir", completion: .directories),
            ParameterDeclaration(
                "follow", .flag,
                help: "paper sessions: after the file's bars, wait for lines another program appends and trade them"),
            ParameterDeclaration(
                "idle_timeout", .string, flags: ["--idle-timeout", "--idle_timeout"],
                help: "followed sessions: fail after this long without a new bar, e.g. 10m (default: wait until --end or a signal)",
                valueName: "duration"),
            SharedParameters.outputRoot,
            ParameterDeclaration("data", .string, help: "read bars from this CSV file", valueName: "file", completion: .files),
            ParameterDeclaration(
                "data_dir", .string, flags: ["--data-dir", "--data_dir"], defaultText: "$QSH_DATA_DIR",
                help: "folder of <TICKER>_<interval>.csv / <TICKER>.csv files", valueName: "dir", completion: .directories),
            ParameterDeclaration(
                "no_adjust", .flag, flags: ["--no-adjust", "--no_adjust"],
                help: "use raw prices even when the file has adj_close"),
            ParameterDeclaration("report", .flag, help: "also write run_report.md"),
            ParameterDeclaration(
                "equity", .choice(EquityTable.allCases.map(\.rawValue)), defaultText: EquityTable.defaultText,
                help: "equity.csv rows: full (every bar), daily (last bar of each UTC day), none (no file)",
                valueName: "mode", completion: .words(EquityTable.allCases.map(\.rawValue))),
            ParameterDeclaration(
                "json", .flag, surfaces: .commandLine,
                help: "print the run id, paths, summary and bars used as JSON instead of the table"),
        ] + SharedParameters.session,
        dynamicParameters: DynamicParameters(
            sourceKey: "strategy",
            title: "Parameters of the chosen strategy, as flags or JSON keys (listed here for \(StrategyRegistry.defaultName), the default)",
            provide: strategyParameters),
        machineName: "run", artifactRootKey: "out_dir",
        examples: [
            "qsh run --ticker SYN-ETH --start 2022-01-01 --end 2024-01-01 --report",
            "qsh run --ticker SPY --data ../shared/data/real/SPY_1d.csv --strategy sma_cross --fast 20 --slow 100",
        ])

    /// The chosen strategy's parameters as `--name` / `--name-with-dashes` flags and JSON keys.
    /// Their values are checked by the strategy (exit 4), like `--param name=value`.
    @Sendable static func strategyParameters(_ strategy: String?) -> [ParameterDeclaration] {
        guard let type = try? StrategyRegistry.type(named: strategy ?? StrategyRegistry.defaultName) else { return [] }
        return type.parameters.map { parameter in
            let dashed = "--" + parameter.name.replacingOccurrences(of: "_", with: "-")
            let flags = dashed == "--" + parameter.name ? [dashed] : [dashed, "--" + parameter.name]
            let range = "\(parameter.format(parameter.range.lowerBound))..\(parameter.format(parameter.range.upperBound))"
            return ParameterDeclaration(
                parameter.name, .number, flags: flags, defaultText: parameter.format(parameter.defaultValue),
                help: "\(parameter.help) (\(parameter.kind == .integer ? "integer" : "number") in \(range); same as --param \(parameter.name)=VALUE)",
                valueName: parameter.kind == .integer ? "n" : "number", valueErrors: .strategy)
        }
    }

    static let command = RegisteredCommand(
        declaration,
        executor: RunOrPaperCommand(
            run: ServiceCommand(RunService(), request: request) { outcome, values, context in
            values.flag("json")
                ? RunSummaryText.json(outcome)
                : RunSummaryText.table(outcome, markdown: values.flag("report"), workingDirectory: context.workingDirectory)
            },
            paper: ServiceCommand(PaperSessionService(), request: request) { outcome, values, context in
                values.flag("json")
                    ? PaperSummaryText.json(outcome) : PaperSummaryText.table(outcome, workingDirectory: context.workingDirectory)
            }))

    /// What `--resume` may be given with: how to run the session, not what it trades.
    static let resumeKeeps: Set<String> = ["paper", "pace", "follow", "idle_timeout", "resume", "out_dir", "json"]

    @Sendable static func request(_ values: ParameterValues) throws -> RunRequest {
        var request = RunRequest(ticker: values.string("ticker") ?? "")
        request.paper = values.flag("paper")
        request.resumeFolder = values.string("resume")
        if request.resumeFolder != nil {
            let keeps = Self.resumeKeeps.union(SharedParameters.session.map(\.key))
            let configured = declaration.parameters.map(\.key).filter { !keeps.contains($0) }
                + strategyParameters(nil).map(\.key)
            if let given = configured.first(where: { values[$0] != nil }) {
                throw InvalidInputError("--\(given.replacingOccurrences(of: "_", with: "-")): a resumed session keeps its own configuration")
            }
        }
        for flag in ["pace", "follow", "idle_timeout", "resume"] where values[flag] != nil && !request.paper {
            throw InvalidInputError("--\(flag.replacingOccurrences(of: "_", with: "-")): only paper sessions take it (add --paper)")
        }
        request.paceSeconds = try values.string("pace").map { try DurationText.seconds($0, flag: "--pace") }
        request.follow = values.flag("follow")
        request.idleTimeoutSeconds = try values.string("idle_timeout").map { try DurationText.seconds($0, flag: "--idle-timeout") }
        if request.idleTimeoutSeconds != nil && !request.follow {
            throw InvalidInputError("--idle-timeout: only followed sessions wait for bars (add --follow)")
        }
        request.start = values.string("start")
        request.end = values.string("end")
        request.interval = values.string("interval")
        request.strategy = values.string("strategy") ?? StrategyRegistry.defaultName
        request.parameters = values.keyNumbers("params").map { ($0.key, $0.value) }
        for parameter in strategyParameters(request.strategy) {
            if let value = values.number(parameter.key) { request.parameters.append((parameter.key, value)) }
        }
        request.costs = CostModel(
            fee: values.number("fee") ?? CostModel.defaultFee,
            slippageBps: values.number("slippage_bps") ?? CostModel.defaultSlippageBps,
            slippageMode: values.string("slippage_mode").flatMap(CostModel.SlippageMode.init(rawValue:)) ?? .fixed,
            kATR: values.number("k_atr") ?? CostModel.defaultKATR)
        request.initialCash = values.number("initial_cash") ?? 1000
        request.dataFile = values.string("data")
        request.dataDir = values.string("data_dir")
        request.adjust = values.flag("no_adjust") ? false : nil
        request.writeMarkdownReport = values.flag("report")
        request.equity = values.string("equity").flatMap(EquityTable.init(rawValue:))
        return request
    }
}
