import Foundation
import QSHArtifacts
import QSHCore
import QSHData

/// `sweep --config F` (the reference's parameter grid): every combination of a session file's
/// space on one ticker, evaluated in this process against one loaded series, ranked by
/// sharpe_simple then total_return (descending, ties in grid order), and written as one grid
/// folder `<YYYYMMDD_HHMMSS_grid_h7>/` (docs/tuning.md, "The reference sweep") beside the runs,
/// whose index is refreshed. Nothing is written unless the sweep finished.
public struct SweepService: Service {
    public struct Request: Sendable {
        public var configPath: String
        /// The folder that receives the grid folder; nil: `<artifact root>/runs`.
        public var outDir: String?
        public var workers: Int?
        public init(configPath: String, outDir: String? = nil, workers: Int? = nil) {
            self.configPath = configPath
            self.outDir = outDir
            self.workers = workers
        }
    }

    public struct Plan: Sendable {
        let session: TuningSession
        /// The experiments in grid order (the plan's job order).
        let experiments: [ValidatedRunRequest]
        let parent: String
        let workers: Int
    }

    public init() {}

    public func prepare(_ request: Request, context: ServiceContext) throws -> Plan {
        guard !request.configPath.isEmpty else { throw InvalidInputError("--config: must not be empty") }
        if let workers = request.workers, workers < 1 { throw InvalidInputError("--workers: \(workers) must be at least 1") }
        let session = try TuningSession.load(
            path: context.resolve(request.configPath), shownAs: request.configPath, option: "--config")
        guard session.base.tickers.count == 1 else {
            throw InvalidInputError(
                "\(request.configPath): base.tickers: a sweep runs one ticker (got \(session.base.tickers.count)); "
                    + "`qsh tune session` runs several")
        }
        let plan = try TunePlanner.plan(session, outdir: "outputs")
        let experiments = try plan.jobs.map { try ValidatedRunRequest(RunRequest(config: $0.config)) }
        let parent = request.outDir.map(context.resolve) ?? RunLayout.runsDirectory(root: context.artifactRoot)
        let cores = ProcessInfo.processInfo.activeProcessorCount
        return Plan(
            session: session, experiments: experiments, parent: parent,
            workers: min(request.workers ?? cores, experiments.count))
    }

    public func run(_ plan: Plan, context: ServiceContext) async throws -> SweepOutcome {
        let first = plan.experiments[0]
        let ticker = first.request.ticker
        context.emit(StageEvent("loading data for \(ticker)"))
        let cancellation = context.cancellation
        let events = context.events
        let loaded = try DataSource.load(
            first.dataRequest(in: context), environment: context.environment, shouldStop: { cancellation.isCancelled },
            progress: { done, total in
                events.emit(ProgressEvent(label: "generating \(ticker) bars", done: done, total: total, unit: "bars"))
            })
        try context.checkCancellation()
        let timeStyle = BarTimeStyle(interval: loaded.interval, timestamps: loaded.series.timestamps)
        context.emit(StageEvent(
            "sweeping \(plan.experiments.count) experiments of \(plan.session.base.strategy) on \(loaded.series.count) bars"))
        let outcomes = try SweepEvaluation(loaded: loaded, timeStyle: timeStyle)
            .evaluate(plan.experiments, workers: plan.workers, context: context)
        let table = SweepTable(experiments: plan.experiments, outcomes: outcomes)
        guard let best = table.ranked.first else {
            let failure = table.rows.first { $0.failure != nil }?.failure
            throw DataError("every experiment of the sweep failed; experiment 0: \(failure?.message ?? "no result")")
        }
        let documents = SweepDocuments(
            session: plan.session, loaded: loaded, timeStyle: timeStyle, table: table, best: best,
            command: context.command, requestID: context.requestID)
        try context.checkCancellation()
        context.emit(StageEvent("writing artifacts"))
        return try write(documents, parent: plan.parent, context: context)
    }

    private func write(_ documents: SweepDocuments, parent: String, context: ServiceContext) throws -> SweepOutcome {
        let now = context.clock()
        let config = documents.config
        let (baseID, configHash) = ArtifactID.make(kind: "grid", config: config, now: now)
        let createdAt = ISOTime.string(from: now)
        let committed = try StagedDirectory.commitUnique(parent: parent, baseName: baseID) { gridID, directory in
            let configPath = ((parent as NSString).appendingPathComponent(gridID) as NSString).appendingPathComponent("config.json")
            try directory.write(file: "config.json", contents: config.formatted() + "\n")
            try directory.write(file: "experiments.csv", bytes: documents.table.experimentsCSV.bytes)
            try directory.write(file: "leaderboard.csv", bytes: documents.table.leaderboardCSV.bytes)
            try directory.write(file: "best_config.json", contents: documents.bestConfig.formatted() + "\n")
            try directory.write(
                file: "metadata.json",
                contents: documents.metadata(gridID: gridID, createdAt: createdAt, configHash: configHash, configPath: configPath)
                    .formatted() + "\n")
            try directory.write(file: "metrics.json", contents: documents.metricsDocument.formatted() + "\n")
            try directory.write(
                file: "report.json", contents: documents.report(gridID: gridID, createdAt: createdAt).formatted() + "\n")
            try directory.write(file: "run_report.md", contents: documents.markdownReport(gridID: gridID, createdAt: createdAt))
            try context.checkCancellation()
        }
        var index: RunsIndexPaths?
        do {
            index = try RunsIndex.refresh(runsDir: parent, now: now)
        } catch {
            context.emit(WarningEvent("the sweep was saved but the runs index could not be refreshed: \(error)"))
        }
        return SweepOutcome(
            gridID: committed.name, artifactsPath: committed.path,
            reportPath: (committed.path as NSString).appendingPathComponent("report.json"), configHash: configHash,
            table: documents.table, best: documents.best, index: index, dataSource: documents.loaded.sourceDescription)
    }
}
