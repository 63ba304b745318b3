import Foundation
import QSHArtifacts
import QSHCore

/// `tune plan`: a session file expanded into a `jobs.jsonl` plan (docs/tuning.md). Everything
/// is read and checked in `prepare` (the jobs counted); `run` writes the plan, atomically, making
/// the jobs as it goes.
public struct TunePlanService: Service {
    public struct Request: Sendable {
        public var sessionFile: String
        public var jobsFile: String
        /// The artifact root as given (default `outputs`): the prefix of every `output_json`.
        public var outdir: String

        public init(sessionFile: String, jobsFile: String, outdir: String = "outputs") {
            self.sessionFile = sessionFile
            self.jobsFile = jobsFile
            self.outdir = outdir
        }
    }

    public struct Ready: Sendable {
        public let plan: TunePlan
        public let request: Request
        /// Absolute path of the jobs file, or `-` for standard output.
        public let jobsPath: String
    }

    public init() {}

    public func prepare(_ request: Request, context: ServiceContext) throws -> Ready {
        guard !request.sessionFile.isEmpty else { throw InvalidInputError("--session-file: must not be empty") }
        guard !request.jobsFile.isEmpty else { throw InvalidInputError("--output-jobs-file: must not be empty") }
        let session = try TuningSession.load(path: context.resolve(request.sessionFile), shownAs: request.sessionFile)
        let plan = try TunePlanner.plan(session, outdir: request.outdir.isEmpty ? "outputs" : request.outdir)
        return Ready(plan: plan, request: request, jobsPath: request.jobsFile == "-" ? "-" : context.resolve(request.jobsFile))
    }

    public func run(_ ready: Ready, context: ServiceContext) async throws -> TunePlanOutcome {
        // `-`: the plan is the command's output (`qsh tune plan ... | qsh tune run --jobs-file -`).
        if ready.jobsPath == "-" { return outcome(ready, printedPlan: ready.plan.jsonl) }
        let folder = (ready.jobsPath as NSString).deletingLastPathComponent
        do {
            try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        } catch {
            throw InvalidInputError("--output-jobs-file: cannot create folder '\(folder)'")
        }
        try ready.plan.write(to: ready.jobsPath)
        return outcome(ready, printedPlan: nil)
    }

    private func outcome(_ ready: Ready, printedPlan: String?) -> TunePlanOutcome {
        TunePlanOutcome(
            session: ready.plan.session.name, planID: ready.plan.planID, jobs: ready.plan.count,
            sessionFile: ready.request.sessionFile, jobsFile: ready.request.jobsFile, jobsPath: ready.jobsPath,
            tickers: ready.plan.session.base.tickers, strategy: ready.plan.session.base.strategy, printedPlan: printedPlan)
    }
}

/// What `tune plan` wrote.
public struct TunePlanOutcome: ServiceOutcome {
    public let session: String
    public let planID: String
    public let jobs: Int
    /// As given.
    public let sessionFile: String
    public let jobsFile: String
    /// Absolute.
    public let jobsPath: String
    public let tickers: [String]
    public let strategy: String
    /// The plan itself, for standard output (`--output-jobs-file -`); nil when it went to a file.
    public let printedPlan: String?

    /// `--json` output and the response line's `result`.
    public var report: JSONValue {
        .object([
            "session": .string(session),
            "plan_id": .string(planID),
            "jobs": .int(Int64(jobs)),
            "session_file": .string(sessionFile),
            "jobs_file": .string(jobsPath),
            "strategy": .string(strategy),
            "tickers": .array(tickers.map { .string($0) }),
        ])
    }

    public var summary: JSONValue? { report }
    public var completionFields: [String: JSONValue] { ["plan_id": .string(planID), "jobs": .int(Int64(jobs))] }
    public var responseFields: [String: JSONValue] { ["result": report, "summary": report, "jobs_file": .string(jobsPath)] }

    /// "27 jobs planned for session eth_2023_grid (plan_id ...) in jobs.jsonl".
    public var text: String {
        "\(jobs) job\(jobs == 1 ? "" : "s") planned for session \(session) (plan_id \(planID)) in \(jobsFile)"
    }
}
