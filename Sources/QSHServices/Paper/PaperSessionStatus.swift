import Foundation
import QSHArtifacts
import QSHCore

/// `session_status.json`: what an operator (and `paper health`/`alerts`) reads while a
/// session runs and after it ends. Rewritten atomically; the trading loop writes it after it
/// has processed bars, so a stuck loop freezes `updated_at` (what the stale alert catches).
struct PaperSessionStatus: Sendable {
    enum State: String, Sendable { case running, success, failed, aborted }

    let sessionID: String
    let command: String
    let requestID: String?
    let startedAt: Date
    var state: State = .running
    var updatedAt: Date
    var barsProcessed = 0
    var barsTotal: Int
    var lastBarAt: String?
    /// The last processed bar's time, for its age while a followed session waits.
    var lastBarMillis: Int64?
    var waitingForData = false
    /// When a `--resume` took the session up again.
    var resumedAt: Date?
    var position = 0.0
    var cash: Double
    var equity: Double
    var fills = 0
    var finishedAt: Date?
    var errorType: String?
    var message: String?

    var terminal: Bool { state != .running }

    var reason: String {
        switch state {
        case .running: "active"
        case .success: "completed"
        case .failed: "exception"
        case .aborted: "operator_abort"
        }
    }

    var json: JSONValue {
        var fields: [String: JSONValue] = [
            "session_id": .string(sessionID),
            "mode": .string("paper"),
            "command": .string(command),
            "status": .string(state.rawValue),
            "request_id": requestID.map { .string($0) } ?? .null,
            "started_at": .string(ISOTime.string(from: startedAt)),
            "updated_at": .string(ISOTime.string(from: updatedAt)),
            "terminal": .bool(terminal),
            "status_reason": .string(reason),
            "bars_processed": .int(Int64(barsProcessed)),
            "bars_total": .int(Int64(barsTotal)),
            "last_bar_at": lastBarAt.map { .string($0) } ?? .null,
            "position": .double(position),
            "cash": .double(cash),
            "equity": .double(equity),
            "fills": .int(Int64(fills)),
            "waiting_for_data": .bool(waitingForData),
        ]
        if let lastBarMillis {
            let age = (updatedAt.timeIntervalSince1970 * 1000 - Double(lastBarMillis)) / 1000
            fields["last_bar_age_seconds"] = .double((age * 1000).rounded() / 1000)
        }
        if let finishedAt {
            fields["finished_at"] = .string(ISOTime.string(from: finishedAt))
            fields["duration_seconds"] = .double((finishedAt.timeIntervalSince(startedAt) * 1000).rounded() / 1000)
        }
        if let resumedAt { fields["resumed_at"] = .string(ISOTime.string(from: resumedAt)) }
        if let errorType { fields["error_type"] = .string(errorType) }
        if let message { fields["message"] = .string(message) }
        return .object(fields)
    }

    /// The terminal transition's fields: the state, when, and for a failure or an abort what
    /// happened (`error_type`, a short `message`).
    mutating func end(_ state: State, at time: Date, error: (any Error)?, cancellation: CancellationToken) {
        self.state = state
        finishedAt = time
        guard let error else { return }
        let classified = error as? any ClassifiedError
        errorType = classified?.errorType ?? (error is CancelledError ? "CancelledError" : "UnexpectedError")
        message = state == .aborted
            ? "operator abort (\(cancellation.reason.map { "\($0)" } ?? "interrupted"))"
            : Excerpt.of(classified?.message ?? "\(error)", limit: 500)
    }

    func write(in folder: String) throws {
        try AtomicFile.write(json.formatted() + "\n", to: (folder as NSString).appendingPathComponent("session_status.json"))
    }
}
