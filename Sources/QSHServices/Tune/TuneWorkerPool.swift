import Foundation
import QSHArtifacts
import QSHCore
import QSHData
import Synchronization

/// The workers of one `tune run`: each takes the next job in plan order, evaluates it against
/// its dataset's shared features with a workspace of its own, writes the result and reports
/// it. A job past its timeout is stopped by the kernel's stop check and recorded as `timeout`.
/// Cancellation (SIGINT/SIGTERM) and `--stop-on-error` stop the taking of new jobs; the jobs
/// in flight finish and are recorded.
struct TuneWorkerPool: Sendable {
    let plan: TuneRunService.Plan
    let reader: TuneJobReader
    let datasets: TuneDatasets
    let context: ServiceContext

    /// What the run did: counts, and the failed jobs alone (a plan of 100,000 jobs keeps no
    /// record of its successes, only their number).
    struct Finished: Sendable {
        var attempted = 0
        var success = 0
        var evaluationSeconds = 0.0
        /// The failed and timed-out jobs, in plan order once the run is over.
        var errors: [TuneJobOutcome] = []
        var stoppedBy: String?
        var signal: CancellationReason?

        mutating func add(_ result: TuneResult) {
            attempted += 1
            evaluationSeconds += result.evaluationSeconds
            if result.status == .ok { success += 1 } else { errors.append(TuneJobOutcome(result)) }
        }
    }

    private final class Shared: Sendable {
        let next = Mutex(0)
        let stop = Mutex<String?>(nil)
        let signal = Mutex<CancellationReason?>(nil)
        let finished = Mutex(Finished())
    }

    func run() async throws -> Finished {
        let shared = Shared()
        let total = plan.runnable.count
        context.emit(ProgressEvent(label: "tuning jobs", done: 0, total: total, unit: "jobs"))
        await withTaskGroup(of: Void.self) { group in
            for _ in 0..<plan.workers {
                group.addTask { [self] in
                    var workspace = BacktestWorkspace()
                    while true {
                        if let reason = context.cancellation.reason {
                            shared.signal.withLock { $0 = $0 ?? reason }
                            shared.stop.withLock { $0 = $0 ?? "\(reason)" }
                        }
                        if shared.stop.withLock({ $0 }) != nil { return }
                        let index = shared.next.withLock { value -> Int in
                            defer { value += 1 }
                            return value
                        }
                        guard index < total else { return }
                        guard let runnable = reader.job(plan.runnable[index]) else {
                            context.emit(WarningEvent("job \(index + 1) of this run: its line of the plan no longer reads as a job; not run"))
                            continue
                        }
                        let ran = if let settings = plan.isolated { await isolated(runnable, settings) }
                            else { (evaluate(runnable, index: index, workspace: &workspace), written: false) }
                        guard let (result, written) = ran else { continue }  // a signal stopped its child
                        record(result, runnable, written: written)
                        let done = shared.finished.withLock { finished -> Int in
                            finished.add(result)
                            return finished.attempted
                        }
                        context.emit(ProgressEvent(label: "tuning jobs", done: done, total: total, unit: "jobs"))
                        if result.status != .ok && plan.stopOnError {
                            shared.stop.withLock { $0 = $0 ?? "--stop-on-error (job \(result.job.jobID))" }
                        }
                    }
                }
            }
        }
        var finished = shared.finished.withLock { $0 }
        finished.errors.sort { $0.ordinal < $1.ordinal }
        finished.stoppedBy = shared.stop.withLock { $0 }
        finished.signal = shared.signal.withLock { $0 }
        return finished
    }

    /// One job: its dataset, the window check, the evaluation against the shared features.
    func evaluate(_ runnable: TuneRunnableJob, index: Int, workspace: inout BacktestWorkspace) -> TuneResult {
        let started = context.clock()
        func ended(_ status: TuneResult.Status, _ error: (any Error)? = nil, summary: BacktestSummary? = nil) -> TuneResult {
            let classified = error as? any ClassifiedError
            return TuneResult(
                job: runnable.job, status: status, summary: summary.map { RunMetricsJSON.summary($0.reference) },
                metrics: summary.map { RunMetricsJSON.metrics($0.reference, $0.extended) }, startedAt: started,
                finishedAt: context.clock(),
                errorType: error.map { _ in status == .timeout ? "TimeoutError" : classified?.errorType ?? "UnexpectedError" },
                message: error.map {
                    status == .timeout
                        ? TuneTimeout.message(plan.timeoutSeconds)
                        : Excerpt.of(classified?.message ?? "\($0)", limit: 500)
                })
        }
        let dataset: TuneDatasets.Dataset
        switch datasets.dataset(runnable.dataset, shouldStop: { context.cancellation.isCancelled }) {
        case .success(let loaded): dataset = loaded
        case .failure(let error): return ended(.failed, error)
        }
        // The clock starts once the data is there: a dataset is loaded once for many jobs, so
        // its loading is no one job's time.
        let clock = ContinuousClock()
        let deadline = clock.now + plan.timeout
        let pastDeadline = { clock.now > deadline }
        let validated = runnable.validated
        do {
            try ShortWindow.check(
                dataset.loaded, strategy: validated.strategy, ticker: validated.request.ticker,
                requestedStart: validated.request.start, timeStyle: dataset.timeStyle)
            let evaluation = clock.now
            let summary = try Backtester.run(
                features: dataset.features, strategy: validated.strategy, costs: validated.request.costs,
                initialCash: validated.request.initialCash, interval: dataset.loaded.interval, workspace: &workspace,
                shouldStop: pastDeadline)
            let elapsed = clock.now - evaluation
            var result = ended(.ok, summary: summary)
            result.evaluationSeconds = Double(elapsed.components.seconds) + Double(elapsed.components.attoseconds) * 1e-18
            return result
        } catch is CancelledError {
            return ended(.timeout, TuneTimeout())
        } catch {
            return ended(.failed, error)
        }
    }

    /// The result file (atomic, made durable with the batch; unless an isolated job's child
    /// `written` it) and the job's signal.
    func record(_ result: TuneResult, _ runnable: TuneRunnableJob, written: Bool = false) {
        var fields: [String: JSONValue] = [
            "job_id": .string(result.job.jobID), "ordinal": .int(Int64(result.job.ordinal)),
            "plan_id": .string(result.job.planID), "status": .string(result.status.rawValue),
            "output_json": .string(runnable.output),
        ]
        do {
            if !written { try AtomicFile.write(Array((result.json.formatted() + "\n").utf8), to: runnable.output, durable: false) }
        } catch {
            context.emit(WarningEvent("job \(result.job.jobID): its result could not be written: \(error)"))
        }
        if result.status == .ok {
            fields["summary"] = result.summary ?? .null
            context.emit(ResultEvent(name: "JOB_COMPLETED", fields: fields))
        } else {
            fields["error_type"] = result.errorType.map { .string($0) } ?? .null
            fields["message"] = result.message.map { .string($0) } ?? .null
            context.emit(ResultEvent(name: "JOB_FAILED", fields: fields))
        }
    }
}

/// A job that ran past `--timeout`.
struct TuneTimeout: Error {}
