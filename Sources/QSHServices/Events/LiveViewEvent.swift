import QSHArtifacts

/// A view a service keeps current while it works (`paper watch`). The session runner redraws
/// `lines` in place when stdout is a terminal; otherwise it prints `record` as one JSON line
/// on stdout each time the view `changed`. A JSON request prints neither (its stdout is the
/// response line): `signal` goes to the signal file instead.
public struct LiveViewEvent: ServiceEvent, Equatable {
    public let lines: [String]
    public let record: JSONValue
    /// False for a redraw that only ages the view (a heartbeat that got older).
    public let changed: Bool
    public let signal: ServiceSignal?

    public init(lines: [String], record: JSONValue, changed: Bool, signal: ServiceSignal?) {
        self.lines = lines
        self.record = record
        self.changed = changed
        self.signal = changed ? signal : nil
    }
}
