import Foundation
import QSHArtifacts
import QSHCore

/// The lifecycle half of a long-running service's status file (a paper session's
/// `session_status.json`, a soak's `soak_status.json`): state, its reason, the times, and
/// what ended it. Each status embeds one and adds its own progress fields, so operators and
/// `paper alerts`-style tools read every status file the same way.
struct SessionLifecycle: Sendable {
    enum State: String, Sendable { case running, success, failed, aborted }

    let mode: String
    let command: String
    let requestID: String?
    let startedAt: Date
    var state: State = .running
    var updatedAt: Date
    /// When a `--resume` took the work up again.
    var resumedAt: Date?
    var finishedAt: Date?
    var errorType: String?
    var message: String?

    init(mode: String, command: String, requestID: String?, startedAt: Date, updatedAt: Date) {
        self.mode = mode
        self.command = command
        self.requestID = requestID
        self.startedAt = startedAt
        self.updatedAt = updatedAt
    }

    var terminal: Bool { state != .running }

    var reason: String {
        switch state {
        case .running: "active"
        case .success: "completed"
        case .failed: "exception"
        case .aborted: "operator_abort"
        }
    }

    /// The common fields of the status document.
    var fields: [String: JSONValue] {
        var fields: [String: JSONValue] = [
            "mode": .string(mode),
            "command": .string(command),
            "status": .string(state.rawValue),
            "request_id": requestID.map { .string($0) } ?? .null,
            "started_at": .string(ISOTime.string(from: startedAt)),
            "updated_at": .string(ISOTime.string(from: updatedAt)),
            "terminal": .bool(terminal),
            "status_reason": .string(reason),
        ]
        if let finishedAt {
            fields["finished_at"] = .string(ISOTime.string(from: finishedAt))
            fields["duration_seconds"] = .double((finishedAt.timeIntervalSince(startedAt) * 1000).rounded() / 1000)
        }
        if let resumedAt { fields["resumed_at"] = .string(ISOTime.string(from: resumedAt)) }
        if let errorType { fields["error_type"] = .string(errorType) }
        if let message { fields["message"] = .string(message) }
        return fields
    }

    /// The terminal transition: the state, when, and for a failure or an abort what happened
    /// (`error_type`, a short `message`).
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

    /// Running again after a resume: the end of the previous run forgotten.
    mutating func resume(at time: Date) {
        state = .running
        resumedAt = time
        updatedAt = time
        finishedAt = nil
        errorType = nil
        message = nil
    }
}
