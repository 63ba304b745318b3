import Foundation
import QSHArtifacts
import QSHCore

/// `session_status.json`: what an operator (and `paper health`/`alerts`) reads while a
/// session runs and after it ends. Rewritten atomically; the trading loop writes it after it
/// has processed bars, so a stuck loop freezes `updated_at` (what the stale alert catches).
@dynamicMemberLookup
struct PaperSessionStatus: Sendable {
    typealias State = SessionLifecycle.State

    let sessionID: String
    var lifecycle: SessionLifecycle
    var barsProcessed = 0
    var barsTotal: Int
    var lastBarAt: String?
    /// The last processed bar's time, for its age while a followed session waits.
    var lastBarMillis: Int64?
    var waitingForData = false
    var position = 0.0
    var cash: Double
    var equity: Double
    var fills = 0

    init(
        sessionID: String, command: String, requestID: String?, startedAt: Date, updatedAt: Date, barsTotal: Int,
        cash: Double, equity: Double
    ) {
        self.sessionID = sessionID
        lifecycle = SessionLifecycle(mode: "paper", command: command, requestID: requestID, startedAt: startedAt, updatedAt: updatedAt)
        self.barsTotal = barsTotal
        self.cash = cash
        self.equity = equity
    }

    subscript<T>(dynamicMember path: WritableKeyPath<SessionLifecycle, T>) -> T {
        get { lifecycle[keyPath: path] }
        set { lifecycle[keyPath: path] = newValue }
    }

    subscript<T>(dynamicMember path: KeyPath<SessionLifecycle, T>) -> T { lifecycle[keyPath: path] }

    var json: JSONValue {
        var fields = lifecycle.fields.merging([
            "session_id": .string(sessionID),
            "bars_processed": .int(Int64(barsProcessed)),
            "bars_total": .int(Int64(barsTotal)),
            "last_bar_at": lastBarAt.map { .string($0) } ?? .null,
            "position": .double(position),
            "cash": .double(cash),
            "equity": .double(equity),
            "fills": .int(Int64(fills)),
            "waiting_for_data": .bool(waitingForData),
        ]) { $1 }
        if let lastBarMillis {
            let age = (lifecycle.updatedAt.timeIntervalSince1970 * 1000 - Double(lastBarMillis)) / 1000
            fields["last_bar_age_seconds"] = .double((age * 1000).rounded() / 1000)
        }
        return .object(fields)
    }

    mutating func end(_ state: State, at time: Date, error: (any Error)?, cancellation: CancellationToken) {
        lifecycle.end(state, at: time, error: error, cancellation: cancellation)
    }

    func write(in folder: String) throws {
        try AtomicFile.write(json.formatted() + "\n", to: (folder as NSString).appendingPathComponent("session_status.json"))
    }
}
