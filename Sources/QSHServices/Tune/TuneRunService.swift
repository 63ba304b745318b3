import Foundation
import QSHArtifacts
import QSHCore
import QSHData
import Synchronization

/// `tune run --jobs-file J`: every job of a plan, in this process, across `workers`. Each
/// dataset is loaded once and each strategy feature computed once per dataset (a shared
/// `FeatureSet`); a job is one evaluation of its parameters against it, so memory is bounded
/// by the data, not by the number of jobs. Jobs whose valid result is already there (same
/// plan) are skipped unless `force`; each result is written atomically, made durable once per
/// batch. SIGINT/SIGTERM stop after the jobs in flight.
public struct TuneRunService: Service {
    public struct Request: Sendable {
        public var jobsFile: String
        public var maxJobs: Int?
        public var stopOnError = false
        public var workers: Int?
        public var timeoutSeconds = TuneRunService.defaultTimeoutSeconds
        public var force = false
        /// Each job in a `qsh` process of its own (`--isolate`).
        public var isolate = false
        public init(jobsFile: String) { self.jobsFile = jobsFile }
    }

    /// The reference's per-job timeout.
    public static let defaultTimeoutSeconds = 300.0

    public struct Plan: Sendable {
        let file: TuneJobsFile
        /// Where the plan was read from (a copy of standard input is removed after the run).
        let source: TuneJobsFileSource
        /// The jobs to run now, in plan order: where each is in the file (a worker reads it
        /// again) and its dataset, not the job itself, so that memory does not grow with the plan.
        let runnable: [TuneQueuedJob]
        /// The distinct data requests of the runnable jobs (`TuneQueuedJob.dataset` indexes them).
        let datasets: [DataRequest]
        /// The results folders of the runnable jobs, made durable once the run is over.
        let folders: [String]
        let skipped: [TuneJobsFile.Skipped]
        let alreadyDone: Int
        /// Jobs left out by `--max-jobs`.
        let beyondLimit: Int
        let workers: Int
        let timeoutSeconds: Double
        var timeout: Duration { .microseconds(Int64((timeoutSeconds * 1_000_000).rounded())) }
        let stopOnError: Bool
        /// How isolated jobs start their processes; nil runs the jobs in this process.
        let isolated: TuneIsolatedJob.Settings?
    }

    public init() {}

    public func prepare(_ request: Request, context: ServiceContext) throws -> Plan {
        guard request.timeoutSeconds > 0, request.timeoutSeconds.isFinite else {
            throw InvalidInputError("--timeout: \(Format.decimal(request.timeoutSeconds)) must be a positive number of seconds")
        }
        if let workers = request.workers, workers < 1 { throw InvalidInputError("--workers: \(workers) must be at least 1") }
        if let maxJobs = request.maxJobs, maxJobs < 1 { throw InvalidInputError("--max-jobs: \(maxJobs) must be at least 1") }
        let isolated = request.isolate ? try TuneIsolatedJob.Settings(context: context, timeoutSeconds: request.timeoutSeconds) : nil
        let source = try TuneJobsFileSource.resolve(request.jobsFile, context: context)
        var invalid: [TuneJobsFile.Skipped] = []
        var runnable: [TuneQueuedJob] = []
        var datasets: [DataRequest] = []
        var folders = Set<String>()
        var alreadyDone = 0
        var waiting = 0
        // One listing per results folder instead of a failed open per job not yet run
        // (opening a missing file cost half a millisecond here).
        var existing: [String: Set<String>] = [:]
        func exists(_ path: String) -> Bool {
            let folder = (path as NSString).deletingLastPathComponent
            if existing[folder] == nil {
                existing[folder] = Set((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? [])
            }
            return existing[folder]!.contains((path as NSString).lastPathComponent)
        }
        // Each job is checked as it is read and only its place kept: the worker that runs it
        // reads and checks it again (microseconds) rather than the plan holding every config.
        let read = Result { try TuneJobsFile(path: source.path, shownAs: source.shown) { job, place in
            let validated: ValidatedRunRequest
            do {
                validated = try ValidatedRunRequest(RunRequest(config: job.config))
            } catch {
                let message = (error as? any ClassifiedError)?.message ?? "\(error)"
                invalid.append(.init(line: job.ordinal + 1, jobID: job.jobID, reason: "invalid config: \(message)"))
                return
            }
            let output = context.resolve(job.outputJSON)
            if !request.force && exists(output) && TuneResult.isDone(job, at: output) {
                alreadyDone += 1
                return
            }
            waiting += 1
            guard runnable.count < request.maxJobs ?? Int.max else { return }
            let data = validated.dataRequest(in: context)
            let dataset = datasets.firstIndex(of: data) ?? datasets.count
            if dataset == datasets.count { datasets.append(data) }
            folders.insert((output as NSString).deletingLastPathComponent)
            runnable.append(TuneQueuedJob(place: place, dataset: dataset))
        } }
        if case .failure = read { source.remove() }
        let file = try read.get()
        existing = [:]
        let cores = ProcessInfo.processInfo.activeProcessorCount
        return Plan(
            file: file, source: source, runnable: runnable, datasets: datasets, folders: folders.sorted(),
            skipped: (file.skipped + invalid).sorted { $0.line < $1.line }, alreadyDone: alreadyDone,
            beyondLimit: waiting - runnable.count,
            workers: min(request.workers ?? cores, max(runnable.count, 1)),
            timeoutSeconds: request.timeoutSeconds,
            stopOnError: request.stopOnError, isolated: isolated)
    }

    public func run(_ plan: Plan, context: ServiceContext) async throws -> TuneRunOutcome {
        defer { plan.source.remove() }
        let session = plan.file.session ?? "tune"
        let began = ContinuousClock.now
        context.emit(StageEvent("tuning \(session): \(plan.runnable.count) jobs on \(plan.workers) workers"))
        let reader = try TuneJobReader(path: plan.file.path, context: context)
        let datasets = TuneDatasets(requests: plan.datasets, context: context)
        let pool = TuneWorkerPool(plan: plan, reader: reader, datasets: datasets, context: context)
        let results = try await pool.run()
        for folder in plan.folders { AtomicFile.syncBatch(in: folder) }
        return TuneRunOutcome(
            session: session, jobsFile: plan.source.shown, total: plan.file.jobs + plan.file.skipped.count,
            attempted: results.attempted, success: results.success, errors: results.errors,
            evaluationSeconds: results.evaluationSeconds, skipped: plan.skipped, alreadyDone: plan.alreadyDone,
            notStarted: plan.runnable.count - results.attempted, beyondLimit: plan.beyondLimit, stoppedBy: results.stoppedBy,
            signal: results.signal, workers: plan.workers,
            wallSeconds: { let d = ContinuousClock.now - began; return Double(d.components.seconds) + Double(d.components.attoseconds) * 1e-18 }())
    }
}
