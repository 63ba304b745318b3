import QSHCore

/// What a service reports while it works. Services never print: the surface that started them
/// decides whether an event becomes human text on stderr, a JSONL signal, or nothing.
public enum ServiceEvent: Sendable, Equatable {
    /// A named step began (e.g. "loading data").
    case stage(String)
    /// Something the user should know that does not stop the work.
    case warning(String)
}

public protocol ServiceEventSink: Sendable {
    func emit(_ event: ServiceEvent)
}

/// Drops every event.
public struct DiscardingEventSink: ServiceEventSink {
    public init() {}
    public func emit(_ event: ServiceEvent) {}
}

/// Forwards events to a closure (the shell prints them, tests collect them).
public struct ClosureEventSink: ServiceEventSink {
    let handler: @Sendable (ServiceEvent) -> Void
    public init(_ handler: @escaping @Sendable (ServiceEvent) -> Void) { self.handler = handler }
    public func emit(_ event: ServiceEvent) { handler(event) }
}
