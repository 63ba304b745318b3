import Foundation
import QSHArtifacts
import QSHCore

/// `paper watch SESSION`: follows one session as it runs, reading its files the way any
/// other process may (the status, the end of `trades.csv`), until the session reaches a
/// terminal status or the watcher is stopped. Each look is a `LiveViewEvent`: redrawn in place
/// on a terminal, one JSON line per change elsewhere, a `PAPER_SESSION_STATUS` signal per
/// change. Stopping the watcher never touches the session.
public struct PaperWatchService: Service {
    public struct Request: Sendable {
        public var session: String
        public var intervalSeconds: Double
        public var fills: Int
        public init(session: String, intervalSeconds: Double, fills: Int) {
            self.session = session
            self.intervalSeconds = intervalSeconds
            self.fills = fills
        }
    }

    public struct Plan: Sendable {
        let folder: String
        let interval: Duration
        let fills: Int
    }

    public static let defaultIntervalSeconds = 0.5
    public static let defaultFills = 5
    public static let signalName = "PAPER_SESSION_STATUS"

    public init() {}

    public func prepare(_ request: Request, context: ServiceContext) throws -> Plan {
        guard request.intervalSeconds >= 0.05, request.intervalSeconds <= 3600 else {
            throw InvalidInputError("--interval: \(Format.decimal(request.intervalSeconds)) s is outside 50ms..1h")
        }
        guard (0...100).contains(request.fills) else {
            throw InvalidInputError("--fills: \(request.fills) is outside 0..100")
        }
        let session = try PaperSessionsInspection(directory: nil, context: context).session(request.session, context: context)
        return Plan(
            folder: session.path, interval: .milliseconds(Int64((request.intervalSeconds * 1000).rounded())), fills: request.fills)
    }

    public func run(_ plan: Plan, context: ServiceContext) async throws -> PaperReportOutcome {
        var previous: JSONValue?
        while true {
            guard let session = PaperSessionFolders.read(plan.folder) else {
                throw DataError("paper session folder '\(plan.folder)' is gone (or no longer holds its status)")
            }
            // A session being created has its metadata before its first status: nothing to
            // show yet (and no bars to count), so wait for the status instead of reporting one.
            // A folder that has had no status for a minute is shown as it is.
            let now = context.clock()
            let age = session.activityMillis.map { Double(Int64(now.timeIntervalSince1970 * 1000) - $0) / 1000 }
            if session.status == nil && !session.hasReport, let age, age < 60 {
                try await wait(plan, session: session, context: context)
                continue
            }
            let view = PaperWatchView(
                session: session, lastFills: PaperTradesTail.read(session.file("trades.csv"), count: plan.fills), now: now)
            let changed = view.observed != previous
            previous = view.observed
            context.emit(LiveViewEvent(
                lines: view.lines, record: view.record, changed: changed,
                signal: ServiceSignal(name: Self.signalName, status: "running", fields: ["session": view.record])))
            if session.terminal == true || (session.status == nil && session.hasReport) {
                return PaperReportOutcome(
                    root: (plan.folder as NSString).deletingLastPathComponent, report: view.record, sessions: [session],
                    extraFields: [:])
            }
            try await wait(plan, session: session, context: context)
        }
    }

    /// One interval; a signal stops the watcher only.
    private func wait(_ plan: Plan, session: PaperSessionRecord, context: ServiceContext) async throws {
        do {
            try await PaperPace.sleep(plan.interval, cancellation: context.cancellation)
        } catch let error as CancelledError {
            throw CancelledError(
                "stopped watching \(session.sessionID) (\(context.cancellation.reason.map { "\($0)" } ?? "interrupted")); "
                    + "the session itself goes on", reason: context.cancellation.reason ?? error.reason)
        }
    }
}
