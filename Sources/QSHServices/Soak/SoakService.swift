import Foundation
import QSHArtifacts
import QSHCore

/// `qsh soak`: a market-making strategy over many iterations of the simulated market, across
/// symbols at once, with EDGE reports, the KPI gate and (with --auto-tune) guarded runtime
/// tuning between iterations. The folder `outputs/soak/<soak_id>/` exists from the start with
/// a status file the working loop keeps fresh; the report is written at every end (success,
/// failure, or a signal: then marked aborted, resumable with --resume).
public struct SoakService: Service {
    public init() {}

    public func prepare(_ request: SoakRequest, context: ServiceContext) throws -> SoakPlan {
        try SoakPlanning.plan(request, context: context)
    }

    public func run(_ plan: SoakPlan, context: ServiceContext) async throws -> SoakOutcome {
        let session = try SoakSession(plan, context: context)
        session.announce(context: context)
        let monitor = Task { await SoakMonitor.run(engine: session.engine, seconds: plan.monitorSeconds, context: context) }
        defer { monitor.cancel() }
        do {
            try await session.runIterations(context: context)
            monitor.cancel()
            return try session.finish(.success, error: nil, context: context)
        } catch let error as CancelledError {
            monitor.cancel()
            let reason = context.cancellation.reason ?? error.reason
            _ = try? session.finish(.aborted, error: error, context: context)
            throw CancelledError(
                "\(reason.map { "\($0)" } ?? "interrupted"); soak \(session.id) aborted after iteration "
                    + "\(session.completed) of \(plan.config.iterations) (resume with --resume "
                    + "\(session.folder))",
                reason: reason)
        } catch {
            monitor.cancel()
            _ = try? session.finish(.failed, error: error, context: context)
            throw error
        }
    }
}
