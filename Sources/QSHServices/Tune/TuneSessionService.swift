import Foundation
import QSHArtifacts
import QSHCore

/// `tune session --session-file F`: plan, run and aggregate in one go, in
/// `<outdir>/tuning/<session>/` (session.json, jobs.jsonl, results/, summary.json,
/// leaderboard.csv, report.json). Running it again resumes: the plan is the same (same
/// plan_id), so the jobs whose results are there are not run again.
public struct TuneSessionService: Service {
    public struct Request: Sendable {
        public var sessionFile: String
        /// A session given inline (a JSON request's `session` object) instead of a file.
        public var inlineSession: JSONValue?
        /// The artifact root as given (the prefix of every job's `output_json`).
        public var outdir: String
        public var run: TuneRunService.Request
        public var aggregate: TuneAggregateService.Request
        public init(sessionFile: String, outdir: String, run: TuneRunService.Request, aggregate: TuneAggregateService.Request) {
            self.sessionFile = sessionFile
            self.outdir = outdir
            self.run = run
            self.aggregate = aggregate
        }
    }

    public struct Plan: Sendable {
        let plan: TunePlan
        let request: Request
        /// Absolute session folder.
        let folder: String
    }

    public init() {}

    public func prepare(_ request: Request, context: ServiceContext) throws -> Plan {
        let outdir = request.outdir.isEmpty ? "outputs" : request.outdir
        let session: TuningSession
        if let inline = request.inlineSession {
            guard request.sessionFile.isEmpty else { throw InvalidInputError("session: give session_file or session, not both") }
            session = try TuningSession.parse(json: inline, shownAs: "session")
        } else {
            guard !request.sessionFile.isEmpty else { throw InvalidInputError("--session-file: must not be empty") }
            session = try TuningSession.load(path: context.resolve(request.sessionFile), shownAs: request.sessionFile)
        }
        let plan = try TunePlanner.plan(session, outdir: outdir)
        let folder = ((context.resolve(outdir) as NSString).appendingPathComponent("tuning") as NSString)
            .appendingPathComponent(session.name)
        return Plan(plan: plan, request: request, folder: folder)
    }

    public func run(_ ready: Plan, context: ServiceContext) async throws -> TuneSessionOutcome {
        FreeMemory.returnLargeBlocks()
        try Folders.create(ready.folder)
        try AtomicFile.write(ready.plan.session.resolved.formatted() + "\n", to: ready.folder + "/session.json")
        let jobsPath = ready.folder + "/jobs.jsonl"
        try ready.plan.write(to: jobsPath)
        var runRequest = ready.request.run
        runRequest.jobsFile = jobsPath
        let runService = TuneRunService()
        let ran = try await runService.run(try runService.prepare(runRequest, context: context), context: context)
        // A session's peak is then the larger of the run's and the ranking's, not their sum.
        FreeMemory.release()
        var aggregateRequest = ready.request.aggregate
        aggregateRequest.resultsDir = ready.folder + "/results"
        let aggregateService = TuneAggregateService()
        let aggregated: TuneAggregateOutcome?
        if ran.signal == nil, FileManager.default.fileExists(atPath: aggregateRequest.resultsDir) {
            aggregated = try await aggregateService.run(try aggregateService.prepare(aggregateRequest, context: context), context: context)
        } else {
            aggregated = nil
        }
        return TuneSessionOutcome(folder: ready.folder, planID: ready.plan.planID, run: ran, aggregate: aggregated)
    }
}

/// What `tune session` did: the run's summary and, unless a signal stopped it, the ranking.
public struct TuneSessionOutcome: ServiceOutcome {
    public let folder: String
    public let planID: String
    public let run: TuneRunOutcome
    public let aggregate: TuneAggregateOutcome?

    public var exitCode: Int32 { run.exitCode }

    public var summaryJSON: JSONValue {
        .object([
            "session_folder": .string(folder),
            "plan_id": .string(planID),
            "run": run.summaryJSON,
            "aggregate": aggregate?.summaryJSON ?? .null,
        ])
    }

    public var summary: JSONValue? { summaryJSON }
    public var artifact: ArtifactReference? {
        ArtifactReference(id: run.session, path: folder, reportPath: aggregate == nil ? nil : folder + "/report.json")
    }
    public var responseFields: [String: JSONValue] {
        ["result": summaryJSON, "run_id": .string(run.session), "artifacts_path": .string(folder),
         "report_path": aggregate == nil ? .null : .string(folder + "/report.json")]
    }
    public var completionFields: [String: JSONValue] { responseFields }
}
