import Foundation
import QSHArtifacts
import QSHCore

/// `runs list`: every run in a runs folder, oldest first.
public struct RunsListService: Service {
    public struct Request: Sendable {
        public var directory: String?
        public init(directory: String?) { self.directory = directory }
    }

    public struct Outcome: ServiceOutcome {
        public let runsDirectory: String
        public let records: [RunRecord]
        /// Run folders left out because they cannot be read (each one was warned about).
        public let unreadable: Int
    }

    public init() {}

    public func prepare(_ request: Request, context: ServiceContext) throws -> RunInspection {
        RunInspection(directory: request.directory, context: context)
    }

    /// Warns about every run folder it cannot read and every damaged run it lists.
    public func run(_ plan: RunInspection, context: ServiceContext) async throws -> Outcome {
        let scan = try plan.scan()
        RunDamage.report(scan, context: context)
        return Outcome(runsDirectory: plan.runsDirectory, records: scan.records, unreadable: scan.unreadable.count)
    }
}

/// `runs show RUN`: one run by id, unique id prefix or folder.
public struct RunsShowService: Service {
    public struct Request: Sendable {
        public var target: String
        public var directory: String?
        public init(target: String, directory: String?) {
            self.target = target
            self.directory = directory
        }
    }

    public struct Outcome: ServiceOutcome {
        public let record: RunRecord
    }

    public init() {}

    public func prepare(_ request: Request, context: ServiceContext) throws -> Request { request }

    public func run(_ request: Request, context: ServiceContext) async throws -> Outcome {
        // A run folder given directly is looked up in its own parent.
        let target = context.resolve(request.target)
        if FileManager.default.fileExists(atPath: (target as NSString).appendingPathComponent("metadata.json")) {
            return Outcome(record: try RunInspection(path: (target as NSString).deletingLastPathComponent).show(target))
        }
        return Outcome(record: try RunInspection(directory: request.directory, context: context).show(request.target))
    }
}

/// `runs best --metric NAME`: runs ranked by one metric.
public struct RunsBestService: Service {
    public struct Request: Sendable {
        public var metric: String
        public var lowestFirst: Bool
        public var top: Int
        public var directory: String?
        public init(metric: String, lowestFirst: Bool, top: Int, directory: String?) {
            self.metric = metric
            self.lowestFirst = lowestFirst
            self.top = top
            self.directory = directory
        }
    }

    public struct Outcome: ServiceOutcome {
        public let runsDirectory: String
        public let metric: String
        public let ranked: [RankedRun]
    }

    public init() {}

    public func prepare(_ request: Request, context: ServiceContext) throws -> Request {
        guard request.top > 0 else { throw InvalidInputError("--top: \(request.top) must be at least 1") }
        return request
    }

    /// Warns about the run folders it cannot read, the damaged runs and the runs left out
    /// (without a number for the metric); fails when no run can be ranked (see `RunRanking`).
    public func run(_ request: Request, context: ServiceContext) async throws -> Outcome {
        let inspection = RunInspection(directory: request.directory, context: context)
        let scan = try inspection.scan()
        RunDamage.report(scan, context: context)
        if scan.records.isEmpty && !scan.unreadable.isEmpty {
            let count = scan.unreadable.count
            throw DataError(
                "no run in \(inspection.runsDirectory) can be read (\(count) damaged run folder\(count == 1 ? "" : "s"))")
        }
        let ranking = try RunRanking(
            scan.records, metric: request.metric, lowestFirst: request.lowestFirst, limit: request.top)
        if let warning = ranking.leftOutWarning { context.emit(WarningEvent(warning)) }
        return Outcome(runsDirectory: inspection.runsDirectory, metric: request.metric, ranked: ranking.ranked)
    }
}

/// `runs index [--rebuild]`: brings `runs_index.*` up to date, incrementally or from every folder.
public struct RunsIndexService: Service {
    public struct Request: Sendable {
        public var directory: String?
        public var rebuild: Bool
        public init(directory: String?, rebuild: Bool) {
            self.directory = directory
            self.rebuild = rebuild
        }
    }

    public struct Outcome: ServiceOutcome {
        public let runsDirectory: String
        public let paths: RunsIndexPaths
        public let runs: Int
    }

    public init() {}

    public func prepare(_ request: Request, context: ServiceContext) throws -> (RunInspection, Bool) {
        (RunInspection(directory: request.directory, context: context), request.rebuild)
    }

    public func run(_ plan: (RunInspection, Bool), context: ServiceContext) async throws -> Outcome {
        let (inspection, rebuild) = plan
        try inspection.requireDirectory()
        let folder = inspection.runsDirectory
        context.emit(StageEvent(rebuild ? "rebuilding the runs index of \(folder)" : "updating the runs index of \(folder)"))
        let now = context.clock()
        let (paths, warnings) = try RunsIndex.refresh(runsDir: folder, now: now, rebuild: rebuild)
        for warning in warnings { context.emit(WarningEvent(warning)) }
        return Outcome(runsDirectory: folder, paths: paths, runs: Self.runCount(paths))
    }
}

extension RunsIndexService {
    /// `n_runs` of the index just written.
    static func runCount(_ paths: RunsIndexPaths) -> Int {
        guard let data = FileManager.default.contents(atPath: paths.json),
            let count = (try? JSONValue.parse(bytes: Array(data)))?["n_runs"]?.intValue
        else { return 0 }
        return Int(count)
    }
}
