import Foundation
import QSHCore

/// What bars to load and where from.
public struct DataRequest: Sendable, Equatable {
    public var ticker: String
    /// The bar length asked for; nil: inferred from a file's bar spacing (1d for SYN-*).
    public var interval: BarInterval?
    /// Window `start <= t < end` in epoch milliseconds; nil leaves that side open (for SYN-*
    /// tickers the defaults are 2022-01-01 and 2024-01-01).
    public var startMillis: Int64?
    public var endMillis: Int64?
    /// An explicit CSV file (`--data`), tried first.
    public var dataFile: String?
    /// A folder of `<TICKER>_<interval>.csv` / `<TICKER>.csv` files (`--data-dir`); when nil,
    /// `QSH_DATA_DIR` from the environment.
    public var dataDir: String?
    /// nil or true: use the adjusted close when the file has one; false: raw prices.
    public var adjust: Bool?
    /// Relative `dataFile` and `dataDir` paths resolve against this folder (nil: as given).
    public var baseDirectory: String?
    /// Read only up to the file's last line end (a file being appended to).
    public var completeLinesOnly = false

    public init(
        ticker: String, interval: BarInterval?, startMillis: Int64? = nil, endMillis: Int64? = nil,
        dataFile: String? = nil, dataDir: String? = nil, adjust: Bool? = nil, baseDirectory: String? = nil,
        completeLinesOnly: Bool = false
    ) {
        self.completeLinesOnly = completeLinesOnly
        self.baseDirectory = baseDirectory
        self.ticker = ticker
        self.interval = interval
        self.startMillis = startMillis
        self.endMillis = endMillis
        self.dataFile = dataFile
        self.dataDir = dataDir
        self.adjust = adjust
    }
}

/// Bars already cut to the requested window, and where they came from.
public struct LoadedData: Sendable, Equatable {
    public var series: BarSeries
    /// The file path read, or `synthetic:<TICKER>@<interval>`.
    public var sourceDescription: String
    /// Prices were rescaled to an adjusted close.
    public var adjusted: Bool
    /// The bar length in effect: the requested one (checked against a file's bar spacing),
    /// else the one inferred from it.
    public var interval: BarInterval
    /// `interval` came from the data, not from the request.
    public var intervalInferred: Bool
    /// The bars the source has before the window's end, for suggesting an earlier `--start`.
    public var reach: Reach

    /// The file's last bar before the window was cut (nil for synthetic data).
    public var sourceLastMillis: Int64? {
        if case .file(let timestamps, _) = reach { return timestamps.last }
        return nil
    }

    /// What the source holds up to the window's end.
    public enum Reach: Sendable, Equatable {
        /// The whole file's timestamps, and the index in them of the window's end (exclusive).
        case file(timestamps: BarColumn<Int64>, end: Int)
        /// Synthetic bars at `n * step` for every `n < endIndex`, without limit before.
        case synthetic(stepMillis: Int64, endIndex: Int64)
        case unknown
    }

    public init(
        series: BarSeries, sourceDescription: String, adjusted: Bool, interval: BarInterval, intervalInferred: Bool = false,
        reach: Reach = .unknown
    ) {
        self.series = series
        self.sourceDescription = sourceDescription
        self.adjusted = adjusted
        self.interval = interval
        self.intervalInferred = intervalInferred
        self.reach = reach
    }

    /// The latest `--start` (same end) that loads at least `count` bars, or nil when the
    /// source has fewer than that before the window's end.
    public func latestStart(loading count: Int) -> Int64? {
        switch reach {
        case let .file(timestamps, end): end >= count ? timestamps[end - count] : nil
        case let .synthetic(step, endIndex): (endIndex - Int64(count)) * step
        case .unknown: nil
        }
    }

    /// How many bars the source has before the window's end (nil: no limit, or not known).
    public var barsUpToWindowEnd: Int? {
        if case let .file(_, end) = reach { return end }
        return nil
    }
}

/// Resolves a request to bars: `dataFile`, then the data folder, then the synthetic source.
/// Minimum row counts are the caller's business.
public enum DataSource {
    public static let dataDirVariable = "QSH_DATA_DIR"
    /// 2022-01-01 and 2024-01-01 UTC.
    public static let defaultSyntheticStart: Int64 = 1_640_995_200_000
    public static let defaultSyntheticEnd: Int64 = 1_704_067_200_000

    /// The synthetic source refuses windows beyond this many bars (about 4.8 GB of columns).
    public static let maximumSyntheticBars: Int64 = 100_000_000

    /// `environment` is the caller's (for `QSH_DATA_DIR`); this never reads the process's own.
    /// `progress` hears how many of the window's bars the synthetic source has generated.
    public static func load(
        _ request: DataRequest, environment: [String: String], shouldStop: () -> Bool = { false },
        progress: (_ barsDone: Int, _ totalBars: Int) -> Void = { _, _ in }
    ) throws(DataError) -> LoadedData {
        if let given = request.dataFile {
            let file = resolve(given, request)
            guard FileBytes.exists(file) else {
                if FileBytes.isDirectory(file) { throw DataError("data file '\(given)' is a folder, not a CSV file") }
                throw DataError("data file '\(given)' does not exist")
            }
            return try loadFile(file, request)
        }
        let folder = dataFolder(request, environment)
        var lookup: DataFolderLookup?
        if let folder {
            let found = DataFolderLookup(folder: folder, ticker: request.ticker, interval: request.interval)
            if let path = found.match { return try loadFile(path, request) }
            lookup = found
        }
        if SyntheticBars.isSynthetic(request.ticker) {
            let interval = request.interval ?? .daily
            let (start, end) = syntheticWindow(request)
            let bars = (end - start) / interval.milliseconds
            guard bars <= maximumSyntheticBars else {
                throw DataError(
                    "the window holds \(bars) \(interval.text) bars; the synthetic source generates at most "
                        + "\(maximumSyntheticBars): shorten --start/--end or use a longer --interval")
            }
            let series = SyntheticBars.generate(
                ticker: request.ticker, interval: interval, startMillis: start, endMillis: end,
                shouldStop: shouldStop, progress: progress)
            return LoadedData(
                series: series, sourceDescription: "synthetic:\(request.ticker)@\(interval.text)", adjusted: false,
                interval: interval,
                reach: .synthetic(stepMillis: interval.milliseconds, endIndex: -floorDivide(-end, interval.milliseconds)))
        }
        let searched = lookup?.explanation ?? "no --data file or data folder was given"
        throw DataError(
            "no data for '\(request.ticker)' at \((request.interval ?? .daily).text): \(searched). Provide a file with --data FILE, "
                + "a folder of <TICKER>_<interval>.csv or <TICKER>.csv files with --data-dir DIR or \(dataDirVariable), "
                + "or use a synthetic ticker (SYN-*, e.g. \(SyntheticBars.exampleName(for: request.ticker)))")
    }

    /// The requested window, with open sides defaulting to 2022-01-01 ..< 2024-01-01 (or two
    /// years from the given side when that default would leave the window empty).
    static func syntheticWindow(_ request: DataRequest) -> (start: Int64, end: Int64) {
        let twoYears: Int64 = 730 * 86_400_000
        switch (request.startMillis, request.endMillis) {
        case let (start?, end?): return (start, end)
        case let (start?, nil): return (start, start < defaultSyntheticEnd ? defaultSyntheticEnd : start + twoYears)
        case let (nil, end?): return (end > defaultSyntheticStart ? defaultSyntheticStart : end - twoYears, end)
        case (nil, nil): return (defaultSyntheticStart, defaultSyntheticEnd)
        }
    }

    /// The data folder in effect: the request's, else the environment's (empty counts as unset).
    static func dataFolder(_ request: DataRequest, _ environment: [String: String]) -> String? {
        if let dir = request.dataDir, !dir.isEmpty { return resolve(dir, request) }
        if let dir = environment[dataDirVariable], !dir.isEmpty { return resolve(dir, request) }
        return nil
    }

    /// A relative path joined to the request's base folder, so that no file access depends on
    /// the process's working folder.
    static func resolve(_ path: String, _ request: DataRequest) -> String {
        guard let base = request.baseDirectory, !path.hasPrefix("/"), !path.isEmpty else { return path }
        return (base as NSString).appendingPathComponent(path)
    }

    private static func loadFile(_ path: String, _ request: DataRequest) throws(DataError) -> LoadedData {
        let file = try CSVBarReader.read(path: path, adjust: request.adjust, completeLinesOnly: request.completeLinesOnly)
        let spacing = file.series.timestamps.withUnsafeBufferPointer { BarInterval.medianSpacingMillis($0) }
        var interval = request.interval ?? .daily
        var inferred = false
        if let spacing {
            if let requested = request.interval {
                guard requested.agrees(withSpacingMillis: spacing) else {
                    let seen = BarInterval(spacingMillis: spacing)?.text ?? "\(spacing) ms"
                    throw DataError(
                        "--interval \(requested.text) does not match the data: bars in '\(path)' are \(seen) apart "
                            + "(median spacing); pass --interval \(seen) or leave --interval out to use the data's spacing")
                }
            } else if let detected = BarInterval(spacingMillis: spacing) {
                interval = detected
                inferred = true
            }
        }
        let all = file.series
        return LoadedData(
            series: all.window(startMillis: request.startMillis, endMillis: request.endMillis),
            sourceDescription: path, adjusted: file.adjusted, interval: interval, intervalInferred: inferred,
            reach: .file(timestamps: all.timestamps, end: request.endMillis.map { all.firstIndex(atOrAfter: $0) } ?? all.count))
    }
}
