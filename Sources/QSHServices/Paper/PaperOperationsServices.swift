import Foundation
import QSHArtifacts
import QSHCore

/// What every paper operator command hands back: its JSON document (what `--json` prints and a
/// JSON request returns under `result`), and the scan it was built from.
public struct PaperReportOutcome: ServiceOutcome {
    public let root: String
    public let report: JSONValue
    public let sessions: [PaperSessionRecord]
    /// Extra fields of the JSON response line (the index paths).
    public let extraFields: [String: JSONValue]

    public var responseFields: [String: JSONValue] {
        extraFields.merging(["result": report, "root_dir": .string(root)]) { $1 }
    }
}

/// The request of the commands that read a whole sessions folder.
public struct PaperFolderRequest: Sendable {
    public var directory: String?
    public init(directory: String?) { self.directory = directory }
}

/// The commands that build one JSON document from a whole sessions folder: `paper list`
/// (every session, sorted by session id), `paper health` and `paper promotion`.
public struct PaperFolderReportService: Service {
    let build: @Sendable (PaperSessionsScan, Date) -> JSONValue

    public init(build: @escaping @Sendable (PaperSessionsScan, Date) -> JSONValue) { self.build = build }

    public static let list = PaperFolderReportService { scan, _ in .array(scan.sessions.map { .object(row($0)) }) }
    public static let health = PaperFolderReportService { scan, now in
        PaperHealthReport.build(scan, generatedAt: ISOTime.string(from: now))
    }
    public static let promotion = PaperFolderReportService { scan, now in
        PaperPromotionReport.build(scan, generatedAt: ISOTime.string(from: now))
    }

    public func prepare(_ request: PaperFolderRequest, context: ServiceContext) throws -> PaperSessionsInspection {
        PaperSessionsInspection(directory: request.directory, context: context)
    }

    public func run(_ plan: PaperSessionsInspection, context: ServiceContext) async throws -> PaperReportOutcome {
        let scan = try plan.scan(context: context)
        return PaperReportOutcome(
            root: scan.root, report: build(scan, context.clock()), sessions: scan.sessions, extraFields: [:])
    }

    /// `session_id`, `status`, `created_at`, `request_id` (and more) of one session.
    public static func row(_ session: PaperSessionRecord) -> [String: JSONValue] {
        var row = PaperSessionsIndex.row(session)
        row["mode"] = session.mode.map { .string($0) } ?? .null
        return row
    }
}

/// `paper show SESSION_DIR`: one session.
public struct PaperShowService: Service {
    public struct Request: Sendable {
        public var session: String
        public var directory: String?
        public init(session: String, directory: String?) {
            self.session = session
            self.directory = directory
        }
    }

    public init() {}
    public func prepare(_ request: Request, context: ServiceContext) throws -> Request { request }

    public func run(_ request: Request, context: ServiceContext) async throws -> PaperReportOutcome {
        let inspection = PaperSessionsInspection(directory: request.directory, context: context)
        let session = try inspection.session(request.session, context: context)
        if let reason = session.unreadableReason {
            context.emit(WarningEvent("cannot read paper session \(session.path): \(reason)"))
        }
        let detail = PaperSessionDetail.build(session, clock: PaperClock(context.clock()))
        return PaperReportOutcome(
            root: (session.path as NSString).deletingLastPathComponent, report: detail, sessions: [session], extraFields: [:])
    }
}

/// `paper alerts`: failed, aborted and stale sessions.
public struct PaperAlertsService: Service {
    public struct Request: Sendable {
        public var directory: String?
        public var staleMinutes: Double
        public var windowDays: Double?
        public var windowSessions: Int?
        public init(directory: String?, staleMinutes: Double, windowDays: Double?, windowSessions: Int?) {
            self.directory = directory
            self.staleMinutes = staleMinutes
            self.windowDays = windowDays
            self.windowSessions = windowSessions
        }
    }

    public static let defaultStaleMinutes = 60.0

    public init() {}

    public func prepare(_ request: Request, context: ServiceContext) throws -> (PaperSessionsInspection, PaperAlertsReport) {
        guard request.staleMinutes > 0, request.staleMinutes.isFinite else {
            throw InvalidInputError("--paper-stale-minutes: \(Format.decimal(request.staleMinutes)) must be greater than 0")
        }
        if let days = request.windowDays, !(days > 0 && days.isFinite) {
            throw InvalidInputError("--paper-alert-window-days: \(Format.decimal(days)) must be greater than 0")
        }
        if let sessions = request.windowSessions, sessions < 1 {
            throw InvalidInputError("--paper-alert-window-sessions: \(sessions) must be at least 1")
        }
        return (
            PaperSessionsInspection(directory: request.directory, context: context),
            PaperAlertsReport(
                staleAfterMinutes: request.staleMinutes, windowDays: request.windowDays, windowSessions: request.windowSessions)
        )
    }

    public func run(_ plan: (PaperSessionsInspection, PaperAlertsReport), context: ServiceContext) async throws -> PaperReportOutcome {
        let scan = try plan.0.scan(context: context)
        let now = context.clock()
        let report = plan.1.build(scan, clock: PaperClock(now), generatedAt: ISOTime.string(from: now))
        return PaperReportOutcome(root: scan.root, report: report, sessions: scan.sessions, extraFields: [:])
    }
}

/// `paper index`: brings `paper_sessions_index.{csv,json}` up to date, rereading only the
/// session folders changed since the last update (all of them when there is no usable index).
public struct PaperIndexService: Service {
    public init() {}
    public func prepare(_ request: PaperFolderRequest, context: ServiceContext) throws -> PaperSessionsInspection {
        PaperSessionsInspection(directory: request.directory, context: context)
    }

    public func run(_ plan: PaperSessionsInspection, context: ServiceContext) async throws -> PaperReportOutcome {
        try plan.requireDirectory()
        context.emit(StageEvent("indexing the paper sessions of \(plan.root)"))
        let written = try PaperSessionsIndex.refresh(root: plan.root, now: context.clock())
        for warning in written.warnings { context.emit(WarningEvent(warning)) }
        let paths: [String: JSONValue] = [
            "paper_sessions_index_csv": .string(written.csv), "paper_sessions_index_json": .string(written.json),
        ]
        let report = JSONValue.object(paths.merging(["root_dir": .string(plan.root), "n_sessions": .int(Int64(written.sessions))]) { $1 })
        return PaperReportOutcome(root: plan.root, report: report, sessions: [], extraFields: paths)
    }
}
