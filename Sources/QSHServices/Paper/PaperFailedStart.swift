import Foundation
import QSHArtifacts
import QSHCore

/// A paper session whose data or strategy failed before its first bar (a malformed file, too
/// few bars for the warm-up): it still gets its folder, in status `failed` with the error, so
/// that `paper alerts` and the index show it like any other failure instead of it existing
/// only as the launcher's exit code. Its config is the request's (the data never resolved it).
enum PaperFailedStart {
    /// Invalid requests (exit 2) and cancelled starts make no session; data and strategy
    /// errors do.
    static func records(_ error: any Error) -> Bool {
        !(error is InvalidInputError) && !(error is CancelledError) && !(error is CancellationError)
    }

    static func record(_ plan: ValidatedRunRequest, error: any Error, context: ServiceContext) throws -> String {
        let request = plan.request
        var config = RunDocuments.requestedConfig(plan)
        config["paper"] = .bool(true)
        let dataSource: JSONValue = (request.dataFile ?? request.dataDir).map { .string(context.resolve($0)) } ?? .null
        config["data"] = .object(["source": dataSource])
        let folder = try PaperSessionFolder.create(config: .object(config), validated: plan, dataSource: dataSource, context: context)
        defer { folder.trades.close() }
        var status = PaperSessionStatus(
            sessionID: folder.id, command: context.command, requestID: context.requestID, startedAt: folder.createdAt,
            updatedAt: folder.createdAt, barsTotal: 0, cash: request.initialCash, equity: request.initialCash)
        let results = PaperResults(
            sessionID: folder.id, command: context.command, requestID: context.requestID, state: .failed,
            ledger: PaperLedger(initialCash: request.initialCash), barsProcessed: 0, barsTotal: 0, config: .object(config),
            createdAt: folder.createdAt,
            header: [
                "ticker": .string(request.ticker), "strategy": .string(type(of: plan.strategy).name),
                "interval": request.interval.map { .string($0) } ?? .null, "frame_start": .null, "frame_end": .null,
                "data_source": dataSource,
            ])
        try results.write(in: folder.path)
        status.end(.failed, at: context.clock(), error: error, cancellation: context.cancellation)
        try status.write(in: folder.path)
        PaperSessionsIndex.refreshAfterTerminal(folder.path, context: context)
        return folder.path
    }
}
