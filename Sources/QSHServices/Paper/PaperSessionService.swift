import Foundation
import QSHArtifacts
import QSHCore

/// `run --paper`: the paper-broker model over the run's frame, as a session an operator can
/// watch. Unlike a run, the session folder exists from the start: `session_status.json` says
/// `running` before the first bar and is rewritten by the trading loop as it advances (the
/// heartbeat), fills are appended to `trades.csv` as they happen, and the session ends in
/// `success`, `failed` (with the error) or `aborted` (SIGINT/SIGTERM, with partial results).
/// It never touches `outputs/runs/`.
public struct PaperSessionService: Service {
    public init() {}

    public func prepare(_ request: RunRequest, context: ServiceContext) throws -> ValidatedRunRequest {
        try ValidatedRunRequest(try PaperResume.request(resuming: request, context: context))
    }

    public func run(_ plan: ValidatedRunRequest, context: ServiceContext) async throws -> PaperOutcome {
        let simulated: Simulation
        do {
            simulated = try RunService.simulate(plan, context: context)
        } catch let error as CancelledError {
            throw CancelledError(
                "\(context.cancellation.reason ?? error.reason ?? .interrupt); no session was started",
                reason: context.cancellation.reason ?? error.reason)
        } catch {
            // A resumed session keeps its state: once the data is fixed it can resume again.
            guard plan.request.resumeFolder == nil, PaperFailedStart.records(error) else { throw error }
            do {
                let folder = try PaperFailedStart.record(plan, error: error, context: context)
                context.emit(MarkerEvent("session \((folder as NSString).lastPathComponent) failed before its first bar: \(folder)"))
            } catch let recording {
                context.emit(WarningEvent("the session failed and its folder could not be written: \(recording)"))
            }
            throw error
        }
        if plan.request.follow && simulated.loaded.sourceLastMillis == nil {
            throw InvalidInputError("--follow: a followed session needs a data file (--data or --data-dir), not synthetic bars")
        }
        var session = try PaperSession(simulated, context: context)
        do {
            try await session.trade(context: context)
            if plan.request.follow { try await session.follow(plan, context: context) }
            return try session.finish(.success, context: context)
        } catch let error as CancelledError {
            _ = try? session.finish(.aborted, error: error, context: context)
            throw CancelledError(
                "\(context.cancellation.reason ?? error.reason ?? .interrupt); session \(session.id) aborted with partial "
                    + "results in \(session.folder)",
                reason: context.cancellation.reason ?? error.reason)
        } catch {
            _ = try? session.finish(.failed, error: error, context: context)
            throw error
        }
    }
}

/// Where paper sessions live under the output root.
public enum PaperLayout {
    public static func sessionsDirectory(root: String) -> String {
        (root as NSString).appendingPathComponent("paper_sessions")
    }
}

extension PaperSessionsIndex {
    /// Every terminal transition refreshes `paper_sessions_index.{csv,json}`; a failure there
    /// is worth a warning, not the session.
    static func refreshAfterTerminal(_ sessionFolder: String, context: ServiceContext) {
        do {
            try upsert(session: sessionFolder, now: context.clock())
        } catch {
            context.emit(WarningEvent("the session ended but paper_sessions_index could not be refreshed: \(error)"))
        }
    }
}
