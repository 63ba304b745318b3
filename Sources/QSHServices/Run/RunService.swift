import Foundation
import QSHArtifacts
import QSHCore
import QSHData

/// One backtest from request to run directory: validate, load, simulate, write atomically,
/// update the runs index. Nothing is written unless the whole run succeeded.
public struct RunService: Service {
    public init() {}

    /// Checks every field (flags, dates, costs, strategy and its parameters) without touching
    /// data or disk, so callers can reject a request before announcing that it started.
    public func prepare(_ request: RunRequest, context: ServiceContext) throws -> ValidatedRunRequest {
        try ValidatedRunRequest(request)
    }

    /// Stopped at any stage (loading, backtest, tables, before the commit), a run leaves nothing
    /// behind, and says so.
    public func run(_ plan: ValidatedRunRequest, context: ServiceContext) async throws -> RunOutcome {
        do {
            return try runStages(plan, context: context)
        } catch let error as CancelledError {
            throw CancelledError(
                "\(context.cancellation.reason ?? error.reason ?? .interrupt); nothing was written",
                reason: context.cancellation.reason ?? error.reason)
        }
    }

    private func runStages(_ plan: ValidatedRunRequest, context: ServiceContext) throws -> RunOutcome {
        let simulated = try Self.simulate(plan, context: context)
        let cancellation = context.cancellation
        let events = context.events
        var documents = simulated.documents(context: context)
        documents.checkpoint = { label, done, total in
            try cancellation.check()
            events.emit(ProgressEvent(label: label, done: done, total: total, unit: "bars"))
        }
        try context.checkCancellation()
        context.emit(StageEvent("writing artifacts"))
        return try write(documents, context: context)
    }

    func write(_ documents: RunDocuments, context: ServiceContext) throws -> RunOutcome {
        // Absolute paths in artifacts and responses: orchestrators may run elsewhere.
        let runsDir = RunLayout.runsDirectory(root: context.artifactRoot)
        let now = context.clock()
        let config = documents.config
        let (baseID, configHash) = ArtifactID.make(kind: "run", config: config, now: now)
        let createdAt = ISOTime.string(from: now)
        let files = documents.files
        let equity = documents.equityTable

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
            try directory.writeCSV(file: "trades.csv") { try documents.writeTrades(to: &$0) }
            if equity != .omitted {
                try directory.writeCSV(file: "equity.csv") { try documents.writeEquity(to: &$0) }
            }
            if documents.request.writeMarkdownReport {
                try directory.write(
                    file: "run_report.md", contents: documents.markdownReport(runID: runID, createdAt: createdAt, files: files))
            }
            // Last chance to stop: the staged folder is discarded and nothing appears.
            try context.checkCancellation()
        }
        var index: RunsIndexPaths?
        do {
            index = try RunsIndex.refresh(runsDir: runsDir, now: now)
        } catch {
            context.emit(WarningEvent("the run was saved but the runs index could not be refreshed: \(error)"))
        }
        return RunOutcome(
            runID: committed.name, artifactsPath: committed.path,
            reportPath: (committed.path as NSString).appendingPathComponent("report.json"),
            configHash: configHash, runSummary: documents.summary, config: config,
            reference: documents.result.reference, extended: documents.result.extended, files: files,
            equityTable: equity, index: index, dataSource: documents.dataSource, window: documents.window)
    }
}

/// A backtest over loaded data: what a run writes, and what a paper session trades.
struct Simulation {
    let validated: ValidatedRunRequest
    let loaded: LoadedData
    let result: BacktestResult
    let timeStyle: BarTimeStyle

    func documents(context: ServiceContext) -> RunDocuments {
        RunDocuments(
            validated: validated, series: loaded.series, result: result, adjusted: loaded.adjusted,
            dataSource: loaded.sourceDescription, dataIdentity: DataIdentity(loaded: loaded, series: loaded.series),
            command: context.command, requestID: context.requestID, timeStyle: timeStyle)
    }
}

extension RunService {
    /// Loads the bars (checking the interval and the window against the warm-up) and runs the
    /// backtest; the interval in the returned request is the data's.
    /// `announce: false` (a followed paper session reloading its file) keeps it quiet.
    static func simulate(_ plan: ValidatedRunRequest, context: ServiceContext, announce: Bool = true) throws -> Simulation {
        var validated = plan
        let request = validated.request
        let cancellation = context.cancellation
        context.emit(StageEvent("loading data for \(request.ticker)"))
        try context.checkCancellation()
        let events = context.events
        let loaded = try DataSource.load(
            validated.dataRequest(in: context), environment: context.environment,
            shouldStop: { cancellation.isCancelled },
            progress: { done, total in
                events.emit(ProgressEvent(label: "generating \(request.ticker) bars", done: done, total: total, unit: "bars"))
            })
        try context.checkCancellation()
        validated.interval = loaded.interval
        if announce && loaded.intervalInferred && loaded.interval != .daily {
            context.emit(MarkerEvent(
                "note: --interval \(loaded.interval.text) inferred from the bar spacing of \(loaded.sourceDescription)"))
        }
        let timeStyle = BarTimeStyle(interval: loaded.interval, timestamps: loaded.series.timestamps)
        try ShortWindow.check(
            loaded, strategy: validated.strategy, ticker: request.ticker, requestedStart: request.start, timeStyle: timeStyle)
        context.emit(StageEvent("backtesting \(type(of: validated.strategy).name) on \(loaded.series.count) bars"))
        if loaded.series.count >= 100_000 {
            // The data fingerprint for the documents, one serial pass over every column (11 ms of
            // a 1M-bar paper replay), is computed beside the backtest; they find it ready.
            let series = loaded.series
            DispatchQueue.global().async { _ = BarFingerprint.of(series) }
        }
        let result: BacktestResult
        do {
            result = try Backtester.run(
                series: loaded.series, strategy: validated.strategy, costs: request.costs,
                initialCash: request.initialCash, interval: validated.interval, shouldStop: { cancellation.isCancelled })
        } catch let error as DataError {
            throw DataError("\(request.ticker) from \(loaded.sourceDescription): \(error.message)")
        }
        return Simulation(validated: validated, loaded: loaded, result: result, timeStyle: timeStyle)
    }
}

/// Where each service keeps its artifacts under the output root.
public enum RunLayout {
    public static func runsDirectory(root: String) -> String { (root as NSString).appendingPathComponent("runs") }
}
