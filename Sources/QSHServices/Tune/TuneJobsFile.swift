import Foundation
import QSHArtifacts
import QSHCore

/// A `jobs.jsonl` plan read for `tune run`: every line is a job or, when it cannot be one, a
/// skip with its reason (`line 12: 'ordinal' is missing ...`). Only an unreadable or empty file,
/// or one that mixes plans, is an error of the whole plan (exit 2).
public struct TuneJobsFile: Sendable {
    public struct Skipped: Sendable, Equatable {
        public let line: Int
        public let jobID: String?
        public let reason: String
    }

    public let path: String
    public let jobs: [TuneJob]
    public let skipped: [Skipped]

    /// `bytes` is the plan when it was read already (from standard input).
    public init(path: String, bytes given: [UInt8]? = nil) throws {
        self.path = path
        guard case .bytes(let bytes) = given.map(SmallFile.Outcome.bytes) ?? SmallFile.read(path) else {
            throw InvalidInputError("--jobs-file: '\(Excerpt.of(path, limit: 120))' cannot be read")
        }
        var jobs: [TuneJob] = []
        var skipped: [Skipped] = []
        var seen = Set<String>()
        for (index, raw) in bytes.split(separator: 0x0A, omittingEmptySubsequences: false).enumerated() {
            let line = String(decoding: raw, as: UTF8.self).trimmingCharacters(in: .whitespaces)
            if line.isEmpty { continue }
            do {
                let job = try TuneJob(line: line)
                guard seen.insert(job.jobID).inserted else {
                    skipped.append(Skipped(line: index + 1, jobID: job.jobID, reason: "job_id '\(job.jobID)' appears twice"))
                    continue
                }
                jobs.append(job)
            } catch {
                let message = (error as? InvalidInputError)?.message ?? "\(error)"
                skipped.append(Skipped(line: index + 1, jobID: nil, reason: message))
            }
        }
        guard !jobs.isEmpty || !skipped.isEmpty else {
            throw InvalidInputError("--jobs-file: '\(Excerpt.of(path, limit: 120))' holds no jobs")
        }
        let plans = Set(jobs.map(\.planID))
        guard plans.count <= 1 else {
            throw InvalidInputError(
                "--jobs-file: '\(Excerpt.of(path, limit: 120))' mixes \(plans.count) plans (plan_id "
                    + plans.sorted().prefix(2).map { String($0.prefix(7)) }.joined(separator: ", ") + ", ...)")
        }
        self.jobs = jobs
        self.skipped = skipped
    }
}
