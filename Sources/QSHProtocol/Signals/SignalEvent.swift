import Foundation
import QSHArtifacts

/// One line of a signal file. The session lifecycle has three events (SESSION_STARTED,
/// SESSION_COMPLETED, SESSION_FAILED); services add their own names through `ServiceSignal`
/// without changing this type. Consumers ignore names they do not know.
public struct SignalEvent: Sendable, Equatable {
    public static let schemaVersion = "1.0"
    public static let sessionStarted = "SESSION_STARTED"
    public static let sessionCompleted = "SESSION_COMPLETED"
    public static let sessionFailed = "SESSION_FAILED"

    /// The `event` field.
    public let name: String
    public let status: String
    /// The public command (`run`, `sweep`, ...): a paper run still says `run`.
    public let mode: String
    public let requestID: String?
    /// Event-specific fields (run_id, summary, exit_code, ...).
    public let fields: [String: JSONValue]

    public init(name: String, status: String, mode: String, requestID: String?, fields: [String: JSONValue] = [:]) {
        self.name = name
        self.status = status
        self.mode = mode
        self.requestID = requestID
        self.fields = fields
    }

    public static func started(mode: String, requestID: String?) -> SignalEvent {
        SignalEvent(name: sessionStarted, status: "running", mode: mode, requestID: requestID)
    }

    public static func completed(mode: String, requestID: String?, fields: [String: JSONValue]) -> SignalEvent {
        SignalEvent(name: sessionCompleted, status: "success", mode: mode, requestID: requestID, fields: fields)
    }

    /// `fields`: what a session that ended without succeeding still reports (paths, summary).
    public static func failed(
        mode: String, requestID: String?, failure: ClassifiedFailure, fields: [String: JSONValue] = [:]
    ) -> SignalEvent {
        SignalEvent(
            name: sessionFailed, status: "error", mode: mode, requestID: requestID,
            fields: fields.merging([
                "exit_code": .int(Int64(failure.exitCode)),
                "error_type": .string(failure.errorType),
                "message": .string(failure.message),
            ]) { $1 })
    }

    /// The JSON object of one line: common fields plus the event's own (which cannot
    /// override the common ones).
    public func json(at time: Date) -> JSONValue {
        var object = fields
        object["schema_version"] = .string(Self.schemaVersion)
        object["event"] = .string(name)
        object["status"] = .string(status)
        object["timestamp"] = .string(ISOTime.precise(from: time))
        object["mode"] = .string(mode)
        object["request_id"] = requestID.map { .string($0) } ?? .null
        return .object(object)
    }
}
