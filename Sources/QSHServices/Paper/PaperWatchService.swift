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
        let inspection = PaperSessionsInspection(directory: nil, context: context)
        let folder: String
        do {
            folder = try inspection.session(request.session, context: context).path
        } catch {
            // A session started a moment ago may still be an empty folder (its files come
            // next): watched by its exact id or path, it is waited for.
            guard let young = [context.resolve(request.session), (inspection.root as NSString).appendingPathComponent(request.session)]
                .first(where: { Self.isYoungFolder($0, now: context.clock()) })
            else { throw error }
            folder = young
        }
        return Plan(
            folder: folder, interval: .milliseconds(Int64((request.intervalSeconds * 1000).rounded())), fills: request.fills)
    }

    public func run(_ plan: Plan, context: ServiceContext) async throws -> PaperReportOutcome {
        var previous: JSONValue?
        while true {
            guard let session = PaperSessionFolders.read(plan.folder) else {
                if Self.isYoungFolder(plan.folder, now: context.clock()) {
                    try await wait(plan, name: (plan.folder as NSString).lastPathComponent, context: context)
                    continue
                }
                throw DataError("paper session folder '\(plan.folder)' is gone (or no longer holds its status)")
            }
            // A session being created has its metadata before its first status: nothing to
            // show yet (and no bars to count), so wait for the status instead of reporting one.
            // A folder that has had no status for a minute is shown as it is.
            let now = context.clock()
            let age = session.activityMillis.map { Double(Int64(now.timeIntervalSince1970 * 1000) - $0) / 1000 }
            if session.status == nil && !session.hasReport, let age, age < 60 {
                try await wait(plan, name: session.sessionID, context: context)
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
            try await wait(plan, name: session.sessionID, context: context)
        }
    }

    /// One interval; a signal stops the watcher only.
    private func wait(_ plan: Plan, name: String, context: ServiceContext) async throws {
        do {
            try await PaperPace.sleep(plan.interval, cancellation: context.cancellation)
        } catch let error as CancelledError {
            throw CancelledError(
                "stopped watching \(name) (\(context.cancellation.reason.map { "\($0)" } ?? "interrupted")); "
                    + "the session itself goes on", reason: context.cancellation.reason ?? error.reason)
        }
    }

    /// A folder changed under a minute ago: a session being created.
    static func isYoungFolder(_ path: String, now: Date) -> Bool {
        guard PaperSessionFolders.isDirectory(path),
            let changed = (try? FileManager.default.attributesOfItem(atPath: path))?[.modificationDate] as? Date
        else { return false }
        return now.timeIntervalSince(changed) < 60
    }
}
