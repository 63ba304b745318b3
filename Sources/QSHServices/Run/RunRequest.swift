import QSHCore
import QSHData

/// Everything a backtest run needs, as the user gave it. Every surface (argv, prompt, script,
/// JSON request) builds one of these from the `run` command's declaration. Where it writes and
/// who asked come from the `ServiceContext`.
public struct RunRequest: Sendable {
    public var ticker: String
    public var start: String?
    public var end: String?
    public var interval: String = "1d"
    public var strategy: String = StrategyRegistry.defaultName
    /// Strategy parameter overrides in the order given; later ones win.
    public var parameters: [(String, Double)] = []
    public var costs = CostModel()
    public var initialCash = 1000.0
    public var dataFile: String?
    public var dataDir: String?
    /// nil: adjust when the file has an adjusted close.
    public var adjust: Bool?
    public var writeMarkdownReport = false
    /// nil: `full` for frames up to `EquityTable.fullByDefaultUpTo` bars, else `daily`.
    public var equity: EquityTable?

    public init(ticker: String) { self.ticker = ticker }
}

/// A request whose every field has been checked and parsed.
public struct ValidatedRunRequest: Sendable {
    let request: RunRequest
    let interval: BarInterval
    let startMillis: Int64?
    let endMillis: Int64?
    let strategy: any Strategy

    init(_ request: RunRequest) throws {
        self.request = request
        guard !request.ticker.isEmpty, !request.ticker.contains("/") else {
            throw InvalidInputError("--ticker: '\(request.ticker)' is not a ticker symbol")
        }
        interval = try BarInterval(parsing: request.interval)
        startMillis = try Self.parseBound(request.start, flag: "--start")
        endMillis = try Self.parseBound(request.end, flag: "--end")
        if let s = startMillis, let e = endMillis, s >= e {
            throw InvalidInputError("--start (\(request.start!)) must be before --end (\(request.end!))")
        }
        try request.costs.validate()
        guard request.initialCash.isFinite, request.initialCash > 0 else {
            throw InvalidInputError("--initial-cash: \(request.initialCash) must be a positive amount")
        }
        strategy = try StrategyRegistry.make(named: request.strategy, overrides: request.parameters)
    }

    static func parseBound(_ text: String?, flag: String) throws -> Int64? {
        guard let text else { return nil }
        guard let millis = Timestamp.parse(text) else {
            throw InvalidInputError("\(flag): '\(text)' is not a date (expected YYYY-MM-DD or an ISO date-time)")
        }
        return millis
    }

    func dataRequest(in context: ServiceContext) -> DataRequest {
        DataRequest(
            ticker: request.ticker, interval: interval, startMillis: startMillis, endMillis: endMillis,
            dataFile: request.dataFile, dataDir: request.dataDir, adjust: request.adjust,
            baseDirectory: context.workingDirectory)
    }
}
