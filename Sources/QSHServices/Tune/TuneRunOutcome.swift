import Foundation
import QSHArtifacts
import QSHCore

/// How a `tune run` ended, in the reference's shape: Total Jobs, Attempted, Success, Errors,
/// Skipped, the exit code and its meaning, and one `Job <id> failed: <reason>` line per error.
public struct TuneRunOutcome: ServiceOutcome {
    public let session: String
    public let jobsFile: String
    /// Every line of the plan that is a job or was meant to be one.
    public let total: Int
    /// The jobs run now (attempted), how many succeeded, and those that did not, in plan order.
    /// Only the failures are kept one by one: their number is bounded by the run's failures,
    /// not by the plan's size.
    public let attempted: Int
    public let success: Int
    public let errors: [TuneJobOutcome]
    /// The backtests' own time, summed over the jobs.
    public let evaluationSeconds: Double
    public let skipped: [TuneJobsFile.Skipped]
    /// Jobs whose valid result was already there (a resumed plan).
    public let alreadyDone: Int
    /// Jobs not started because the run was stopped (a signal, `--stop-on-error`) or limited.
    public let notStarted: Int
    /// Jobs left for a later run by `--max-jobs`.
    public let beyondLimit: Int
    public let stoppedBy: String?
    /// The signal that stopped the run, if one did.
    public let signal: CancellationReason?
    /// Jobs evaluated at once.
    public let workers: Int
    public let wallSeconds: Double

    /// 0 every job succeeded (now or before), 1 some failed, timed out or were invalid,
    /// 130/143 stopped by a signal.
    public var exitCode: Int32 {
        if let signal { return signal.exitCode }
        return errors.isEmpty && skipped.isEmpty ? 0 : 1
    }

    public var exitMeaning: String {
        switch exitCode {
        case 0: "all jobs succeeded"
        case _ where signal != nil: "stopped by \(stoppedBy ?? "a signal") after the jobs in flight"
        default: "some jobs failed or were skipped"
        }
    }

    public var summaryJSON: JSONValue {
        .object([
            "session": .string(session),
            "jobs_file": .string(jobsFile),
            "total_jobs": .int(Int64(total)),
            "attempted": .int(Int64(attempted)),
            "success": .int(Int64(success)),
            "errors": .int(Int64(errors.count)),
            "skipped": .int(Int64(skipped.count)),
            "already_done": .int(Int64(alreadyDone)),
            "not_started": .int(Int64(notStarted)),
            "beyond_max_jobs": .int(Int64(beyondLimit)),
            "exit_code": .int(Int64(exitCode)),
            "exit_meaning": .string(exitMeaning),
            "workers": .int(Int64(workers)),
            "wall_seconds": .double((wallSeconds * 1000).rounded() / 1000),
            "evaluation_seconds": .double((evaluationSeconds * 1_000_000).rounded() / 1_000_000),
            "evaluations_per_second": evaluationSeconds > 0
                ? .double((Double(success) / (evaluationSeconds / Double(max(workers, 1)))).rounded()) : .null,
            "error_list": .array(errors.map { .string("Job \($0.jobID) failed: \($0.message ?? $0.status.rawValue)") }),
            "skipped_list": .array(skipped.map { .string("line \($0.line)\($0.jobID.map { " (\($0))" } ?? ""): \($0.reason)") }),
        ])
    }

    public var summary: JSONValue? { summaryJSON }
    public var responseFields: [String: JSONValue] { ["summary": summaryJSON] }
    public var completionFields: [String: JSONValue] { ["summary": summaryJSON] }

    /// The summary for people.
    public var text: String {
        var lines = [
            "Tuning session \(session)",
            "  Total Jobs: \(total)",
            "  Attempted:  \(attempted)",
            "  Success:    \(success)",
            "  Errors:     \(errors.count)",
            "  Skipped:    \(skipped.count)",
        ]
        if alreadyDone > 0 { lines.append("  Already done (results kept): \(alreadyDone)") }
        if beyondLimit > 0 { lines.append("  Left for a later run (--max-jobs): \(beyondLimit)") }
        if notStarted > 0 { lines.append("  Not started: \(notStarted)" + (stoppedBy.map { " (\($0))" } ?? "")) }
        lines.append("  Exit Code:  \(exitCode) (\(exitMeaning))")
        for error in errors { lines.append("Job \(error.jobID) failed: \(error.message ?? error.status.rawValue)") }
        for skip in skipped { lines.append("Skipped line \(skip.line)\(skip.jobID.map { " (\($0))" } ?? ""): \(skip.reason)") }
        return lines.joined(separator: "\n")
    }
}
