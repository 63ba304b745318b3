import Foundation
import QSHArtifacts
import QSHCore

/// The result record of one tuning job (`results/<job_id>.json`), a contract like the job
/// record (docs/tuning.md): written once per attempt, atomically, and read back by resume and
/// by `tune aggregate`.
public struct TuneResult: Sendable {
    public enum Status: String, Sendable { case ok, failed, timeout }

    public let job: TuneJob
    public let status: Status
    /// The run's summary block and every metric (nil unless `ok`).
    public let summary: JSONValue?
    public let metrics: JSONValue?
    public let startedAt: Date
    public let finishedAt: Date
    public let errorType: String?
    public let message: String?
    /// The backtest's own time (the dataset is shared, so its loading is no job's).
    public var evaluationSeconds = 0.0

    public var json: JSONValue {
        .object([
            "schema_version": .string("1.0"),
            "record_type": .string("quantlab.tune.job_result"),
            "job_id": .string(job.jobID),
            "ordinal": .int(Int64(job.ordinal)),
            "plan_id": .string(job.planID),
            "session": .string(job.session),
            "status": .string(status.rawValue),
            "config": job.config,
            "summary": summary ?? .null,
            "metrics": metrics ?? .null,
            "timing": .object([
                "started_at": .string(ISOTime.precise(from: startedAt)),
                "finished_at": .string(ISOTime.precise(from: finishedAt)),
                "duration_seconds": .double((finishedAt.timeIntervalSince(startedAt) * 1_000_000).rounded() / 1_000_000),
                "evaluation_seconds": .double((evaluationSeconds * 1_000_000_000).rounded() / 1_000_000_000),
            ]),
            "error": errorType.map { .object(["type": .string($0), "message": .string(message ?? "")]) } ?? .null,
            "tool_version": .string(QSHVersion.number),
        ])
    }

    /// Whether `path` already holds a successful result of `job` in the same plan: what a
    /// resumed `tune run` skips. A missing, unreadable or torn file, another plan's or another
    /// job's result, or a failed one is not.
    public static func isDone(_ job: TuneJob, at path: String) -> Bool {
        guard case .bytes(let bytes) = SmallFile.read(path), let value = try? JSONValue.parse(bytes: bytes) else { return false }
        return value["status"]?.stringValue == Status.ok.rawValue && value["plan_id"]?.stringValue == job.planID
            && value["job_id"]?.stringValue == job.jobID && value["metrics"]?.objectValue != nil
    }
}

/// What a run keeps of each finished job: enough for its summary, not the metrics (a plan of
/// a hundred thousand jobs keeps a hundred thousand of these, not their result records).
public struct TuneJobOutcome: Sendable {
    public let jobID: String
    public let ordinal: Int
    public let status: TuneResult.Status
    public let message: String?
    public let evaluationSeconds: Double

    init(_ result: TuneResult) {
        jobID = result.job.jobID
        ordinal = result.job.ordinal
        status = result.status
        message = result.message
        evaluationSeconds = result.evaluationSeconds
    }
}
