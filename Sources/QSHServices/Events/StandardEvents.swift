import QSHArtifacts

/// A named step began ("loading data for SYN-ETH").
public struct StageEvent: ServiceEvent, Equatable {
    public let name: String
    public init(_ name: String) { self.name = name }
}

/// Work done so far in the current step: `done` of `total` (nil when unknown) `unit`s.
public struct ProgressEvent: ServiceEvent, Equatable {
    /// What is being counted, for the progress line ("writing equity.csv").
    public let label: String
    public let done: Int
    public let total: Int?
    /// Plural unit ("bars", "rows", "jobs").
    public let unit: String

    public init(label: String, done: Int, total: Int?, unit: String) {
        self.label = label
        self.done = done
        self.total = total
        self.unit = unit
    }
}

/// A line worth showing to people as it happens (one per tune job, soak iteration, ...).
public struct MarkerEvent: ServiceEvent, Equatable {
    public let text: String
    public init(_ text: String) { self.text = text }
    public var humanLine: String? { text }
}

/// Something the user should know that does not stop the work.
public struct WarningEvent: ServiceEvent, Equatable {
    public let message: String
    public init(_ message: String) { self.message = message }
    public var humanLine: String? { "warning: \(message)" }
}

/// An intermediate result a service publishes as a signal (a finished job, an iteration).
public struct ResultEvent: ServiceEvent, Equatable {
    public let name: String
    public let fields: [String: JSONValue]
    public let line: String?

    public init(name: String, fields: [String: JSONValue], line: String? = nil) {
        self.name = name
        self.fields = fields
        self.line = line
    }

    public var signal: ServiceSignal? { ServiceSignal(name: name, status: "running", fields: fields) }
    public var humanLine: String? { line }
}

/// A line that belongs on standard output for people (a soak's `| marker | OK | ... |`
/// lines, which log scrapers read there). A JSON request's stdout is its response line, so
/// there the runner sends these to stderr instead.
public struct OutputLineEvent: ServiceEvent, Equatable {
    public let text: String
    public init(_ text: String) { self.text = text }
}
