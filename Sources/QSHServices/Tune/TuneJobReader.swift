import Foundation
import QSHArtifacts
import QSHCore
import QSHData

/// A job `tune run` will run: where its line is in the plan file and which of the run's
/// datasets it reads. 24 bytes, so a plan of 100,000 jobs queues 2.4 MB.
struct TuneQueuedJob: Sendable {
    let place: TuneJobsFile.Place
    let dataset: Int
}

/// A job read back for a worker: its record, its validated request, where its result goes
/// (absolute) and its dataset.
struct TuneRunnableJob: Sendable {
    let job: TuneJob
    let validated: ValidatedRunRequest
    let output: String
    let dataset: Int
}

/// The plan file, open for the workers to read each queued job's line again (`pread`, so
/// workers read at once without sharing a position) and check it as `prepare` did.
final class TuneJobReader: Sendable {
    private let descriptor: Int32
    private let context: ServiceContext

    init(path: String, context: ServiceContext) throws {
        descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else {
            throw InvalidInputError("--jobs-file: '\(Excerpt.of(path, limit: 120))' cannot be read")
        }
        self.context = context
    }

    deinit { close(descriptor) }

    /// The job, or nil when its line no longer reads as the valid job it was in `prepare`
    /// (the file was changed while the plan ran).
    func job(_ queued: TuneQueuedJob) -> TuneRunnableJob? {
        guard let job = TuneJobsFile.job(at: queued.place, in: descriptor),
            let validated = try? ValidatedRunRequest(RunRequest(config: job.config))
        else { return nil }
        return TuneRunnableJob(job: job, validated: validated, output: context.resolve(job.outputJSON), dataset: queued.dataset)
    }
}
