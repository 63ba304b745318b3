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
