import Foundation
import QSHArtifacts
import QSHCore

/// One soak being run: its folder, status, history and tuning state, and the loop over its
/// iterations. Only the service's task touches it (the workers see the engine and the status
/// keeper, which lock), hence the unchecked Sendable.
final class SoakSession: @unchecked Sendable {
    let plan: SoakPlan
    let id: String
    let folder: String
    let keeper: SoakStatusKeeper
    let engine: SoakEngine
    let tuner: SoakAutoTuner
    private let history: AppendOnlyFile
    private(set) var applied: SoakAppliedProfile
    /// Iterations completed so far (this run and, resumed, before it). Their records live in
    /// iterations.jsonl, read back once for the report: memory stays flat however long the soak.
    private(set) var completed: Int
    /// What the next iteration runs with.
    private(set) var parameters: SoakRuntimeParameters

    var config: SoakConfig { plan.config }

    init(_ plan: SoakPlan, context: ServiceContext) throws {
        self.plan = plan
        let now = context.clock()
        if let resume = plan.resume {
            id = resume.soakID
            folder = resume.folder
            applied = resume.applied
            completed = resume.completed
            var status = resume.status
            status.lifecycle.resume(at: now)
            status.kpiPassed = nil
            keeper = SoakStatusKeeper(status, folder: folder, clock: context.clock)
        } else {
            let made = ArtifactID.make(kind: "soak", config: plan.config.json, now: now)
            let parent = SoakLayout.soaksDirectory(root: context.artifactRoot)
            try Folders.create(parent)
            (id, folder) = try PaperSessionFolder.createUnique(parent: parent, baseName: made.id)
            applied = SoakAppliedProfile(profile: plan.profile, overrides: plan.overrides)
            completed = 0
            keeper = SoakStatusKeeper(
                SoakStatus(
                    soakID: id, command: context.command, requestID: context.requestID, startedAt: now, updatedAt: now,
                    iterationsTotal: plan.config.iterations, iterationsCompleted: 0, currentIteration: nil,
                    nextParameters: plan.startParameters),
                folder: folder, clock: context.clock)
            try FileManager.default.createDirectory(atPath: folder + "/iterations", withIntermediateDirectories: true)
            try AtomicFile.write(plan.config.json.formatted() + "\n", to: folder + "/" + SoakLayout.config)
        }
        parameters = plan.startParameters
        if let resume = plan.resume {
            // Exactly the completed iterations' lines: one past them is run again.
            try AtomicFile.write(resume.records.map { $0.json.compact() + "\n" }.joined(), to: folder + "/" + SoakLayout.history)
        }
        history = try AppendOnlyFile(path: folder + "/" + SoakLayout.history)
        engine = SoakEngine(
            preset: plan.preset, symbols: plan.config.symbols, workers: plan.workers, realtime: plan.config.realtime,
            iterationMs: plan.config.iterationMs)
        tuner = SoakAutoTuner(table: plan.rules)
        if plan.resume == nil { try writeTuningFiles() }
        try keeper.update { _ in }
    }

    func path(_ name: String) -> String { folder + "/" + name }

    /// `applied_profile.json` and `runtime_overrides.json` (the five parameters the next
    /// iteration uses: what a live engine would read).
    func writeTuningFiles() throws {
        try AtomicFile.write(Array((applied.json.formatted() + "\n").utf8), to: path(SoakLayout.appliedProfile), durable: false)
        try AtomicFile.write(
            Array((SoakParametersJSON.object(parameters).formatted() + "\n").utf8), to: path(SoakLayout.runtimeOverrides),
            durable: false)
    }

    /// The setup markers: profile, overrides source, and any clamped override.
    func announce(context: ServiceContext) {
        context.emit(OutputLineEvent(SoakSetupMarkers.profileApply(applied.profile.name)))
        // A resumed soak's overrides are its folder's runtime_overrides.json.
        context.emit(OutputLineEvent(SoakSetupMarkers.runtimeOverrides(source: plan.overrides.source.rawValue)))
        for clamp in plan.overrides.clamped {
            context.emit(OutputLineEvent(SoakSetupMarkers.runtimeClamp(clamp.field, from: clamp.from, to: clamp.to)))
        }
        if let resume = plan.resume {
            context.emit(MarkerEvent("resuming soak \(id) after iteration \(resume.completed) of \(config.iterations)"))
        }
    }

    /// Every remaining iteration. Accelerated: a signal lets the running iteration finish and
    /// stops before the next; realtime: the engine abandons the iteration (CancelledError).
    func runIterations(context: ServiceContext) async throws {
        guard plan.firstIteration <= config.iterations else { return }
        for iteration in plan.firstIteration...config.iterations {
            try context.checkCancellation()
            try keeper.update { $0.currentIteration = iteration }
            let started = MonotonicClock.nanoseconds()
            let results = try await engine.iterate(
                iteration, seed: config.seed, durationMs: config.iterationMs, parameters: parameters, context: context,
                heartbeat: { [keeper] in keeper.beat() })
            try complete(iteration, results: results, wallSeconds: Double(MonotonicClock.nanoseconds() &- started) / 1e9, context: context)
            if let problem = keeper.takeWriteError() { context.emit(WarningEvent("soak status heartbeat: \(problem)")) }
        }
    }

    /// Writes one finished iteration: EDGE report, tuning step, KPI verdict, history line,
    /// status; then the markers and the ITERATION_COMPLETED signal.
    func complete(_ iteration: Int, results: [SoakSymbolIteration], wallSeconds: Double, context: ServiceContext) throws {
        let totals = SoakIterationTotals(combining: results)
        let edgeFolder = SoakLayout.iterationFolder(folder, iteration)
        try FileManager.default.createDirectory(atPath: edgeFolder, withIntermediateDirectories: true)
        let edge = SoakEdgeReport.document(iteration: iteration, masterSeed: config.seed, symbols: results, totals: totals)
        try AtomicFile.write(Array((edge.formatted() + "\n").utf8), to: edgeFolder + "/" + SoakLayout.edgeReport, durable: false)

        let used = parameters
        let decision = tuner.decide(current: used, metrics: totals.metrics)
        var markers: [String] = []
        if config.autoTune {
            markers = SoakTuneMarkers.lines(decision, metrics: totals.metrics)
            applied.append(decision, at: context.clock())
            parameters = decision.parameters
            try writeTuningFiles()
        }
        let verdict = SoakKPIVerdict.evaluate(totals.metrics, targets: plan.kpi)
        let record = SoakIterationRecord(
            iteration: iteration, parameters: used, metrics: totals.metrics, fills: totals.fills, pnl: totals.pnl,
            steps: results.reduce(0) { $0 + $1.steps }, triggers: decision.triggers,
            adjustments: config.autoTune
                ? decision.adjustments.map { .init(ts: ISOTime.string(from: context.clock()), field: $0.field, from: $0.from, to: $0.to, reason: $0.reason) }
                : [],
            multiFailGuard: config.autoTune && decision.multiFailGuard, saturated: config.autoTune ? decision.saturated : [],
            held: config.autoTune ? Dictionary(grouping: decision.held, by: \.why.rawValue).mapValues { $0.map(\.field.rawValue) } : [:],
            kpiFailed: verdict.failed.map(\.metric.rawValue), completedAt: ISOTime.string(from: context.clock()),
            wallSeconds: wallSeconds, rssBytes: SoakProcessProbe.residentBytes(), openFiles: SoakProcessProbe.openFiles())
        try history.append(Array((record.json.compact() + "\n").utf8), sync: false)
        completed = iteration
        let next = parameters
        try keeper.update {
            $0.iterationsCompleted = iteration
            $0.currentIteration = nil
            $0.nextParameters = next
        }

        context.emit(OutputLineEvent(SoakIterationLine.text(iteration, of: config.iterations, totals: totals, wallSeconds: wallSeconds)))
        for line in markers { context.emit(OutputLineEvent(line)) }
        context.emit(OutputLineEvent(SoakSetupMarkers.kpiGate(iteration: iteration, verdict: verdict)))
        context.emit(ResultEvent(name: "ITERATION_COMPLETED", fields: SoakIterationLine.signalFields(record, soakID: id, of: config.iterations)))
        context.emit(ProgressEvent(label: "soak \(id)", done: iteration, total: config.iterations, unit: "iterations"))
    }

    /// The terminal step: the report (always, also for an aborted or failed soak), then the
    /// final status, both flushed to disk.
    func finish(_ state: SoakStatus.State, error: (any Error)?, context: ServiceContext) throws -> SoakOutcome {
        history.close()
        let records = try SoakResume.history(folder, completed: completed)
        var status = keeper.status
        status.end(state, at: context.clock(), error: error, cancellation: context.cancellation)
        let report = SoakReport(
            soakID: id, folder: folder, status: status, config: config, records: records, stats: engine.stats.withLock { $0 },
            rules: plan.rules, kpi: plan.kpi, finalParameters: parameters)
        status.kpiPassed = report.verdict?.passed
        let finalStatus = status
        try report.write()
        try keeper.update { $0 = finalStatus }
        if let verdict = report.verdict, state == .success {
            context.emit(OutputLineEvent(SoakSetupMarkers.kpiGate(iteration: nil, verdict: verdict)))
        }
        return SoakOutcome(
            soakID: id, folder: folder, reportPath: path(SoakLayout.report), soakSummary: report.summary, kpiGate: config.kpiGate,
            kpiFailed: report.verdict.map { verdict in verdict.failed.map { $0.metric.rawValue } })
    }
}
