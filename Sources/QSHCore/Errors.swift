/// The failure classes of the machine contract. Every layer throws one of these typed errors;
/// anything else that escapes a command is an unexpected failure (exit 1).
///
/// They live in Core, the bottom layer, because Data, Services and Shell all throw them; the
/// Protocol layer only maps them to exit codes, response lines and signal events.
public protocol ClassifiedError: Error, CustomStringConvertible, Sendable {
    /// The documented process exit code for this failure.
    var exitCode: Int32 { get }
    /// Short machine-readable name of the class, used as `error_type` in signals.
    var errorType: String { get }
    /// One line naming the field, flag, file or line at fault.
    var message: String { get }
}

extension ClassifiedError {
    public var description: String { message }
}

/// Invalid request, flags, config or paths (exit 2).
public struct InvalidInputError: ClassifiedError {
    public static let exitCode: Int32 = 2
    public static let errorType = "InvalidInputError"
    public let message: String
    public var exitCode: Int32 { Self.exitCode }
    public var errorType: String { Self.errorType }
    public init(_ message: String) { self.message = message }
}

/// No data, too little data or a malformed data file (exit 3).
public struct DataError: ClassifiedError {
    public static let exitCode: Int32 = 3
    public static let errorType = "DataError"
    public let message: String
    public var exitCode: Int32 { Self.exitCode }
    public var errorType: String { Self.errorType }
    public init(_ message: String) { self.message = message }
}

/// Unknown strategy, bad parameter value or a strategy failure (exit 4).
public struct StrategyError: ClassifiedError {
    public static let exitCode: Int32 = 4
    public static let errorType = "StrategyError"
    public let message: String
    public var exitCode: Int32 { Self.exitCode }
    public var errorType: String { Self.errorType }
    public init(_ message: String) { self.message = message }
}

/// Why work was asked to stop. The reason decides the exit code, as shells do for signals.
public enum CancellationReason: Sendable, Equatable, CustomStringConvertible {
    /// SIGINT or Ctrl-C: exit 130.
    case interrupt
    /// SIGTERM: exit 143.
    case terminate
    /// Cancelled by the program itself (a timeout, a failing sibling task): exit 1.
    case requested(String)

    public var exitCode: Int32 {
        switch self {
        case .interrupt: 130
        case .terminate: 143
        case .requested: 1
        }
    }

    public var description: String {
        switch self {
        case .interrupt: "interrupted (SIGINT)"
        case .terminate: "terminated (SIGTERM)"
        case .requested(let why): why
        }
    }
}

/// Work stopped because the caller asked it to. Core throws it without a reason (it only knows
/// that its stop check said yes); the service that owns the cancellation token adds the reason.
public struct CancelledError: ClassifiedError {
    public static let errorType = "Cancelled"
    public let message: String
    public let reason: CancellationReason?
    public var exitCode: Int32 { reason?.exitCode ?? 1 }
    public var errorType: String { Self.errorType }

    public init(_ message: String = "interrupted", reason: CancellationReason? = nil) {
        self.message = message
        self.reason = reason
    }
}

/// The tool's version, recorded in every artifact and printed by `qsh --version`.
public enum QSHVersion {
    public static let number = "0.1.0"
    public static let string = "qsh \(number)"
}
