import Foundation
import QSHArtifacts
import QSHCore
import QSHData

/// One backtest from request to run directory: validate, load, simulate, write atomically,
/// refresh the runs index. Nothing is written unless the whole run succeeded.
public struct RunService: Sendable {
    public let events: any ServiceEventSink
    public let clock: @Sendable () -> Date
    /// Polled between stages (and while generating synthetic bars): a run asked to stop ends
    /// with `CancelledError` before anything is written.
    public let isCancelled: @Sendable () -> Bool

    public init(
        events: any ServiceEventSink = DiscardingEventSink(), clock: @escaping @Sendable () -> Date = { Date() },
        isCancelled: @escaping @Sendable () -> Bool = { false }
    ) {
        self.events = events
        self.clock = clock
        self.isCancelled = isCancelled
    }

    private func checkCancellation() throws {
        if isCancelled() { throw CancelledError() }
    }

    public func run(_ request: RunRequest) throws -> RunOutcome {
        try run(validate(request))
    }

    /// Checks every field (flags, dates, costs, strategy and its parameters) without touching
    /// data or disk, so callers can reject a request before announcing that it started.
    public func validate(_ request: RunRequest) throws -> ValidatedRunRequest {
        try ValidatedRunRequest(request)
    }

    /// Stopped at any stage (loading, backtest, tables, before the commit), a run leaves nothing
    /// behind, and says so.
    public func run(_ validated: ValidatedRunRequest) throws -> RunOutcome {
        do {
            return try runStages(validated)
        } catch is CancelledError {
            throw CancelledError("interrupted; nothing was written")
        }
    }

    private func runStages(_ validated: ValidatedRunRequest) throws -> RunOutcome {
        let request = validated.request
        events.emit(.stage("loading data for \(request.ticker)"))
        try checkCancellation()
        let loaded = try DataSource.load(validated.dataRequest, shouldStop: isCancelled)
        try checkCancellation()
        events.emit(.stage("backtesting \(type(of: validated.strategy).name) on \(loaded.series.count) bars"))
        let result: BacktestResult
        do {
            result = try Backtester.run(
                series: loaded.series, strategy: validated.strategy, costs: request.costs,
                initialCash: request.initialCash, interval: validated.interval, shouldStop: isCancelled)
        } catch let error as DataError {
            throw DataError("\(request.ticker) from \(loaded.sourceDescription): \(error.message)")
        }
        let documents = RunDocuments(
            validated: validated, series: loaded.series, result: result, adjusted: loaded.adjusted,
            dataSource: loaded.sourceDescription, shouldStop: isCancelled)
        try checkCancellation()
        events.emit(.stage("writing artifacts"))
        return try write(documents)
    }

    func write(_ documents: RunDocuments) throws -> RunOutcome {
        // Absolute paths in artifacts and responses: orchestrators may run elsewhere.
        let runsDir = RunLayout.runsDirectory(root: RunLayout.absolute(documents.request.outputRoot))
        let now = clock()
        let config = documents.config
        let (baseID, configHash) = ArtifactID.make(kind: "run", config: config, now: now)
        let createdAt = ISOTime.string(from: now)
        var files = ["metadata.json", "config.json", "metrics.json", "report.json", "trades.csv", "equity.csv"]
        if documents.request.writeMarkdownReport { files.append("run_report.md") }

        // The id is written inside the files, so a name collision (same config, same second)
        // rebuilds the contents for the next free suffix instead of renaming after the fact.
        let committed = try StagedDirectory.commitUnique(parent: runsDir, baseName: baseID) { runID, directory in
            let runPath = (runsDir as NSString).appendingPathComponent(runID)
            let configPath = (runPath as NSString).appendingPathComponent("config.json")
            try directory.write(file: "config.json", contents: config.formatted() + "\n")
            try directory.write(
                file: "metadata.json",
                contents: documents.metadata(runID: runID, createdAt: createdAt, configHash: configHash, configPath: configPath).formatted() + "\n")
            try directory.write(file: "metrics.json", contents: documents.metricsDocument.formatted() + "\n")
            try directory.write(
                file: "report.json", contents: documents.report(runID: runID, createdAt: createdAt, files: files).formatted() + "\n")
            try directory.write(file: "trades.csv", contents: try documents.tradesCSV())
            try directory.write(file: "equity.csv", contents: try documents.equityCSV())
            if documents.request.writeMarkdownReport {
                try directory.write(
                    file: "run_report.md", contents: documents.markdownReport(runID: runID, createdAt: createdAt, files: files))
            }
            // Last chance to stop: the staged folder is discarded and nothing appears.
            try checkCancellation()
        }
        var index: RunsIndexPaths?
        do {
            index = try RunsIndex.refresh(runsDir: runsDir, now: now)
        } catch {
            events.emit(.warning("the run was saved but the runs index could not be refreshed: \(error)"))
        }
        let series = documents.series
        return RunOutcome(
            runID: committed.name, artifactsPath: committed.path,
            reportPath: (committed.path as NSString).appendingPathComponent("report.json"),
            configHash: configHash, summary: documents.summary, config: config,
            reference: documents.result.reference, extended: documents.result.extended, files: files, index: index,
            dataSource: documents.dataSource, barsLoaded: series.count,
            firstFrameTimestamp: series.timestamps[documents.result.frameStart],
            lastFrameTimestamp: series.timestamps[series.count - 1])
    }
}

/// Where each service keeps its artifacts under the output root.
public enum RunLayout {
    public static func runsDirectory(root: String) -> String { (root as NSString).appendingPathComponent("runs") }

    /// `path` made absolute against the current directory and standardized.
    public static func absolute(_ path: String) -> String {
        let joined = path.hasPrefix("/") ? path : (FileManager.default.currentDirectoryPath as NSString).appendingPathComponent(path)
        return (joined as NSString).standardizingPath
    }

    /// `path` relative to the current directory when it lies below it (for people).
    public static func display(_ path: String) -> String {
        let here = FileManager.default.currentDirectoryPath
        return path.hasPrefix(here + "/") ? String(path.dropFirst(here.count + 1)) : path
    }
}
