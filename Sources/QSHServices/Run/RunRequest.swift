import QSHCore
import QSHData

/// Everything a backtest run needs, as the user gave it. Every surface (argv, prompt, script,
/// JSON request) builds one of these from the `run` command's declaration. Where it writes and
/// who asked come from the `ServiceContext`.
public struct RunRequest: Sendable {
    public var ticker: String
    public var start: String?
    public var end: String?
    /// nil: inferred from the data's bar spacing (1d for the synthetic source).
    public var interval: String?
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
    /// `--paper`: a paper session (`PaperSessionService`) instead of a backtest run.
    public var paper = false
    /// `--pace`: seconds between bars of a paper session (nil: as fast as possible).
    public var paceSeconds: Double?
    /// `--follow`: keep trading bars appended to the data file.
    public var follow = false
    /// `--idle-timeout`: a followed session fails after this many seconds without a new bar.
    public var idleTimeoutSeconds: Double?
    /// `--resume`: the session folder to continue (its config replaces the other fields).
    public var resumeFolder: String?
    /// nil: `full` for frames up to `EquityTable.fullByDefaultUpTo` bars, else `daily`.
    public var equity: EquityTable?

    public init(ticker: String) { self.ticker = ticker }
}

/// A request whose every field has been checked and parsed.
public struct ValidatedRunRequest: Sendable {
    let request: RunRequest
    /// The bar length: as requested, else (once the data is loaded) the data's.
    var interval: BarInterval
    let requestedInterval: BarInterval?
    let startMillis: Int64?
    let endMillis: Int64?
    let strategy: any Strategy

    init(_ request: RunRequest) throws {
        self.request = request
        guard Self.isTickerSymbol(request.ticker) else {
            throw InvalidInputError(
                "--ticker: '\(Excerpt.of(request.ticker, limit: 40))' is not a ticker symbol "
                    + "(letters, digits and . - _ ^ = + & @ :, not starting with .)")
        }
        requestedInterval = try request.interval.map { text throws(InvalidInputError) in try BarInterval(parsing: text) }
        interval = requestedInterval ?? .daily
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

    /// Tickers name files and index rows: `BRK.B`, `^GSPC`, `EURUSD=X`, `FILUSDT-PERP` pass;
    /// spaces, slashes, quotes and control characters do not.
    static func isTickerSymbol(_ ticker: String) -> Bool {
        guard let first = ticker.unicodeScalars.first, first != ".", ticker.unicodeScalars.count <= 64 else { return false }
        return ticker.unicodeScalars.allSatisfy { scalar in
            (scalar.isASCII && (scalar.properties.isAlphabetic || ("0"..."9").contains(scalar)))
                || "._-^=+&@:".unicodeScalars.contains(scalar)
        }
    }

    static func parseBound(_ text: String?, flag: String) throws -> Int64? {
        guard let text else { return nil }
        guard let millis = Timestamp.parseCalendar(text) else {
            throw InvalidInputError(
                "\(flag): '\(Excerpt.of(text, limit: 40))' is not a date (expected YYYY-MM-DD or an ISO date-time"
                    + " such as 2022-01-01T09:30:00+05:00)")
        }
        return millis
    }

    func dataRequest(in context: ServiceContext) -> DataRequest {
        DataRequest(
            ticker: request.ticker, interval: requestedInterval, startMillis: startMillis, endMillis: endMillis,
            dataFile: request.dataFile, dataDir: request.dataDir, adjust: request.adjust,
            baseDirectory: context.workingDirectory, completeLinesOnly: request.follow)
    }
}
