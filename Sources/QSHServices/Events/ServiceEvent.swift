import QSHArtifacts
import Synchronization

/// Something a service reports while it works. Services never print: the session runner
/// decides whether an event becomes a progress line, text on stderr, a JSONL signal, or
/// nothing. The kinds are open: a service defines its own event types (a tune job finished, a
/// soak iteration's EDGE report) by conforming to this protocol, without touching the others.
public protocol ServiceEvent: Sendable {
    /// The signal-file line this event becomes, if any. Consumers ignore names they do not know.
    var signal: ServiceSignal? { get }
    /// A line for people (stderr), if any.
    var humanLine: String? { get }
}

extension ServiceEvent {
    public var signal: ServiceSignal? { nil }
    public var humanLine: String? { nil }
}

/// A service-defined signal: `event` name, `status`, and its own fields (the runner adds the
/// common ones: schema_version, timestamp, mode, request_id).
public struct ServiceSignal: Sendable, Equatable {
    public let name: String
    public let status: String
    public let fields: [String: JSONValue]

    public init(name: String, status: String, fields: [String: JSONValue] = [:]) {
        self.name = name
        self.status = status
        self.fields = fields
    }
}

public protocol ServiceEventSink: Sendable {
    func emit(_ event: any ServiceEvent)
}

/// Drops every event.
public struct DiscardingEventSink: ServiceEventSink {
    public init() {}
    public func emit(_ event: any ServiceEvent) {}
}

/// Forwards events to a closure.
public struct ClosureEventSink: ServiceEventSink {
    let handler: @Sendable (any ServiceEvent) -> Void
    public init(_ handler: @escaping @Sendable (any ServiceEvent) -> Void) { self.handler = handler }
    public func emit(_ event: any ServiceEvent) { handler(event) }
}

/// Keeps every event, in order (tests, and callers that look at them afterwards).
public final class CollectingEventSink: ServiceEventSink {
    private let collected = Mutex<[any ServiceEvent]>([])
    public init() {}
    public func emit(_ event: any ServiceEvent) { collected.withLock { $0.append(event) } }
    public var events: [any ServiceEvent] { collected.withLock { $0 } }
}
