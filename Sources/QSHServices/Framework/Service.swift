import QSHArtifacts

/// A unit of work every surface reaches the same way: argv, the prompt, scripts and JSON
/// requests all build a typed `Request`, and the session runner calls `prepare` then `run`.
///
/// `prepare` checks everything that can be checked without doing the work (no data read, no
/// file written), so that a request it rejects starts no session and emits no signal. `run`
/// does the work, reporting through `context.events` and stopping when `context.cancellation`
/// says so. Services never print and never read process-wide state (the working folder, the
/// environment, the clock): everything comes through the context.
public protocol Service: Sendable {
    associatedtype Request: Sendable
    /// A request that passed every check, ready to run.
    associatedtype Plan: Sendable
    associatedtype Outcome: ServiceOutcome

    func prepare(_ request: Request, context: ServiceContext) throws -> Plan
    func run(_ plan: Plan, context: ServiceContext) async throws -> Outcome
}

/// What a finished service hands back: enough for the session runner to write the terminal
/// signal and the response line without knowing the service.
public protocol ServiceOutcome: Sendable {
    /// The contract's `summary` block (response line and `report.json`), when the service has one.
    var summary: JSONValue? { get }
    /// The artifact folder the work produced (for `$LAST_RUN` at the prompt, and paths in replies).
    var artifact: ArtifactReference? { get }
    /// Fields `SESSION_COMPLETED` carries beside the common ones.
    var completionFields: [String: JSONValue] { get }
    /// Fields of the JSON response line beside schema_version, request_id, status and command.
    var responseFields: [String: JSONValue] { get }
    /// The process's exit code for a session that ran to its end: 0, or what the service
    /// says its result means (`tune run`: 1 when some jobs failed, 130/143 when a signal
    /// stopped it after the jobs in flight).
    var exitCode: Int32 { get }
    /// What a non-zero `exitCode` means, for the error block of the response line and
    /// `SESSION_FAILED` (the work ended and its artifacts are there, but it did not succeed).
    var problem: OutcomeProblem? { get }
}

/// Why a session that ran to its end did not succeed (`tune run`: some jobs failed).
public struct OutcomeProblem: Sendable, Equatable {
    /// `error_type` in signals; `JobsFailed`, or `Cancelled` when a signal stopped the work.
    public let errorType: String
    public let message: String
    public init(errorType: String, message: String) {
        self.errorType = errorType
        self.message = message
    }

    public static let jobsFailed = "JobsFailed"
    /// `soak --kpi-gate`: the soak ran to its end and its final KPI verdict failed.
    public static let kpiGateFailed = "KPIGateFailed"
}

extension ServiceOutcome {
    public var summary: JSONValue? { nil }
    public var artifact: ArtifactReference? { nil }
    public var completionFields: [String: JSONValue] { [:] }
    public var responseFields: [String: JSONValue] { [:] }
    public var exitCode: Int32 { 0 }
    public var problem: OutcomeProblem? { nil }
}

/// One artifact folder: its id (run id, session id) and where it is.
public struct ArtifactReference: Sendable, Equatable {
    public let id: String
    /// Absolute path of the folder.
    public let path: String
    /// Absolute path of its `report.json`, when it has one.
    public let reportPath: String?

    public init(id: String, path: String, reportPath: String?) {
        self.id = id
        self.path = path
        self.reportPath = reportPath
    }
}
