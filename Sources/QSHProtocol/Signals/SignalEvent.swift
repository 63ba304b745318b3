import Foundation
import QSHArtifacts

/// The lifecycle events written to a signal file, one JSON object per line. This is the one
/// place that knows the vocabulary; services add their own kinds here (tune job progress, soak
/// iterations) and the writer stays unchanged. Consumers ignore kinds they do not know.
public struct SignalEvent: Sendable, Equatable {
    public enum Kind: String, Sendable, CaseIterable {
        case sessionStarted = "SESSION_STARTED"
        case sessionCompleted = "SESSION_COMPLETED"
        case sessionFailed = "SESSION_FAILED"

        /// The `status` every event of this kind carries.
        public var status: String {
            switch self {
            case .sessionStarted: "running"
            case .sessionCompleted: "success"
            case .sessionFailed: "error"
            }
        }
    }

    public static let schemaVersion = "1.0"

    public let kind: Kind
    /// The public command (`run`, `sweep`, ...): a paper run still says `run`.
    public let mode: String
    public let requestID: String?
    /// Kind-specific fields (run_id, summary, exit_code, ...).
    public let fields: [String: JSONValue]

    public init(kind: Kind, mode: String, requestID: String?, fields: [String: JSONValue] = [:]) {
        self.kind = kind
        self.mode = mode
        self.requestID = requestID
        self.fields = fields
    }

    public static func started(mode: String, requestID: String?) -> SignalEvent {
        SignalEvent(kind: .sessionStarted, mode: mode, requestID: requestID)
    }

    public static func completed(mode: String, requestID: String?, fields: [String: JSONValue]) -> SignalEvent {
        SignalEvent(kind: .sessionCompleted, mode: mode, requestID: requestID, fields: fields)
    }

    public static func failed(mode: String, requestID: String?, failure: ClassifiedFailure) -> SignalEvent {
        SignalEvent(
            kind: .sessionFailed, mode: mode, requestID: requestID,
            fields: [
                "exit_code": .int(Int64(failure.exitCode)),
                "error_type": .string(failure.errorType),
                "message": .string(failure.message),
            ])
    }

    /// The JSON object of one line: common fields plus the kind's own.
    public func json(at time: Date) -> JSONValue {
        var object = fields
        object["schema_version"] = .string(Self.schemaVersion)
        object["event"] = .string(kind.rawValue)
        object["status"] = .string(kind.status)
        object["timestamp"] = .string(ISOTime.precise(from: time))
        object["mode"] = .string(mode)
        object["request_id"] = requestID.map { .string($0) } ?? .null
        return .object(object)
    }
}
