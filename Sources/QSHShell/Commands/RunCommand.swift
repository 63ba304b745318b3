import ArgumentParser
import Synchronization
import QSHCore
import QSHServices

extension CostModel.SlippageMode: ExpressibleByArgument {}

/// `qsh run`: one backtest, artifacts under `<outdir>/runs/<run_id>/`.
struct RunCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "run",
        abstract: "Backtest a strategy on one instrument and date range.",
        discussion: """
            Data comes from --data FILE, else --data-dir DIR / QSH_DATA_DIR (<TICKER>_<interval>.csv, \
            then <TICKER>.csv), else the built-in synthetic source for SYN-* tickers.
            Example: qsh run --ticker SYN-ETH --start 2022-01-01 --end 2024-01-01 --report
            """)

    @Option(help: "Instrument symbol, e.g. ETH-USD, SPY or SYN-ETH (synthetic).")
    var ticker: String

    @Option(help: "First bar included (YYYY-MM-DD or ISO date-time, UTC; default: the first bar, 2022-01-01 for SYN-*).")
    var start: String?

    @Option(help: "First bar excluded (default: after the last bar, 2024-01-01 for SYN-*).")
    var end: String?

    @Option(help: "Bar length: 1m, 5m, 15m, 1h, 4h, 1d, 1w, ...")
    var interval: String = "1d"

    @Option(help: "Strategy name (see `qsh strategies`).")
    var strategy: String = StrategyRegistry.defaultName

    @Option(name: .customLong("param"), help: ArgumentHelp("Strategy parameter override (repeatable).", valueName: "key=value"))
    var parameters: [String] = []

    @Option(name: [.customLong("rsi-buy-max"), .customLong("rsi_buy_max")], help: "Same as --param rsi_buy_max=VALUE.")
    var rsiBuyMax: Double?

    @Option(name: [.customLong("rsi-sell-min"), .customLong("rsi_sell_min")], help: "Same as --param rsi_sell_min=VALUE.")
    var rsiSellMin: Double?

    @Option(name: [.customLong("cooldown-days"), .customLong("cooldown_days")], help: "Same as --param cooldown_days=VALUE.")
    var cooldownDays: Double?

    @Option(help: "Fee per trade as a fraction of equity.")
    var fee: Double = CostModel.defaultFee

    @Option(name: [.customLong("slippage-bps"), .customLong("slippage_bps")], help: "Fixed slippage in basis points.")
    var slippageBps: Double = CostModel.defaultSlippageBps

    @Option(name: [.customLong("slippage-mode"), .customLong("slippage_mode")], help: "fixed or atr (k-atr x ATR / close, clamped to 2-30 bps).")
    var slippageMode: CostModel.SlippageMode = .fixed

    @Option(name: [.customLong("k-atr"), .customLong("k_atr")], help: "ATR multiple for --slippage-mode atr.")
    var kATR: Double = CostModel.defaultKATR

    @Option(name: [.customLong("initial-cash"), .customLong("initial_cash")], help: "Starting capital for equity values.")
    var initialCash: Double = 1000

    @Option(help: ArgumentHelp("Read bars from this CSV file.", valueName: "file"))
    var data: String?

    @Option(name: [.customLong("data-dir"), .customLong("data_dir")], help: ArgumentHelp("Folder of <TICKER>[_<interval>].csv files (default: $QSH_DATA_DIR).", valueName: "dir"))
    var dataDir: String?

    @Flag(name: [.customLong("no-adjust"), .customLong("no_adjust")], help: "Use raw prices even when the file has adj_close.")
    var noAdjust = false

    @OptionGroup var output: OutputRootOption

    @Flag(help: "Also write run_report.md.")
    var report = false

    @Flag(help: "Print the outcome as one JSON object instead of a table.")
    var json = false

    @Flag(help: "Paper-trading session (not available yet).")
    var paper = false

    @Option(name: .customLong("signal-file"), help: ArgumentHelp("Append lifecycle events (JSON Lines) to this file.", valueName: "path"))
    var signalFile: String?

    @Option(name: .customLong("request-id"), help: ArgumentHelp("Identifier echoed in artifacts and signals.", valueName: "id"))
    var requestID: String?

    func makeRequest() throws -> RunRequest {
        if paper {
            throw InvalidInputError("--paper: paper sessions are not available yet in this version of qsh")
        }
        var request = RunRequest(ticker: ticker)
        request.start = start
        request.end = end
        request.interval = interval
        request.strategy = strategy
        request.parameters = try parameters.map(Self.parseParameter)
        for (name, value) in [("rsi_buy_max", rsiBuyMax), ("rsi_sell_min", rsiSellMin), ("cooldown_days", cooldownDays)] {
            if let value { request.parameters.append((name, value)) }
        }
        request.costs = CostModel(fee: fee, slippageBps: slippageBps, slippageMode: slippageMode, kATR: kATR)
        request.initialCash = initialCash
        request.dataFile = data
        request.dataDir = dataDir
        request.adjust = noAdjust ? false : nil
        request.outputRoot = output.outdir
        request.writeMarkdownReport = report
        request.requestID = requestID
        return request
    }

    /// `key=value`; a missing `=` is a malformed flag (exit 2), a bad value a strategy error (exit 4).
    static func parseParameter(_ text: String) throws -> (String, Double) {
        guard let equals = text.firstIndex(of: "="), equals != text.startIndex else {
            throw InvalidInputError("--param: '\(text)' is not KEY=VALUE")
        }
        let key = String(text[..<equals])
        let rawValue = String(text[text.index(after: equals)...])
        guard let value = Double(rawValue) else {
            throw StrategyError("--param \(key): '\(rawValue)' is not a number")
        }
        return (key, value)
    }

    func run() throws {
        let service = RunService(
            events: HumanEventSink(), clock: try ClockSource.fromEnvironment(), isCancelled: { InterruptFlag.isRaised })
        let session = RunSession(signals: RunSession.writer(path: signalFile), requestID: requestID)
        let outcome = try session.execute(makeRequest(), service: service)
        Self.recorded.withLock { $0 = outcome }
        Console.out(json ? RunSummaryPrinter.json(outcome) : RunSummaryPrinter.table(outcome, markdown: report))
    }
}

extension RunCommand {
    /// The last run finished in this process, for the shell's `last` and `$LAST_RUN`.
    private static let recorded = Mutex<RunOutcome?>(nil)

    static func lastOutcome() -> RunOutcome? { recorded.withLock { $0 } }
    static func clearLastOutcome() { recorded.withLock { $0 = nil } }
}

/// `--outdir`: the artifact root every service writes under.
struct OutputRootOption: ParsableArguments {
    @Option(
        name: [.customLong("outdir"), .customLong("out-dir"), .customLong("out_dir")],
        help: ArgumentHelp("Artifact root holding runs/, paper_sessions/, tuning/ and soak/.", valueName: "dir"))
    var outdir: String = "outputs"
}
