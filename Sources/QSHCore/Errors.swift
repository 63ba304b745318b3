/// The failure classes of the machine contract. Every layer throws one of these typed errors;
/// anything else that escapes a command is an unexpected failure (exit 1).
///
/// They live in Core, the bottom layer, because Data, Services and Shell all throw them; the
/// Protocol layer only maps them to exit codes, response lines and signal events.
public protocol ClassifiedError: Error, CustomStringConvertible, Sendable {
    /// The documented process exit code for this class of failure.
    static var exitCode: Int32 { get }
    /// Short machine-readable name of the class, used as `error_type` in signals.
    static var errorType: String { get }
    /// One line naming the field, flag, file or line at fault.
    var message: String { get }
}

extension ClassifiedError {
    public var description: String { message }
    public var exitCode: Int32 { Self.exitCode }
    public var errorType: String { Self.errorType }
}

/// Invalid request, flags, config or paths (exit 2).
public struct InvalidInputError: ClassifiedError {
    public static let exitCode: Int32 = 2
    public static let errorType = "InvalidInputError"
    public let message: String
    public init(_ message: String) { self.message = message }
}

/// No data, too little data or a malformed data file (exit 3).
public struct DataError: ClassifiedError {
    public static let exitCode: Int32 = 3
    public static let errorType = "DataError"
    public let message: String
    public init(_ message: String) { self.message = message }
}

/// Unknown strategy, bad parameter value or a strategy failure (exit 4).
public struct StrategyError: ClassifiedError {
    public static let exitCode: Int32 = 4
    public static let errorType = "StrategyError"
    public let message: String
    public init(_ message: String) { self.message = message }
}

/// A run stopped because the caller asked it to (Ctrl-C, a deadline). Reported as exit 1.
public struct CancelledError: ClassifiedError {
    public static let exitCode: Int32 = 1
    public static let errorType = "Cancelled"
    public let message: String
    public init(_ message: String = "interrupted") { self.message = message }
}

/// The tool's version, recorded in every artifact and printed by `qsh --version`.
public enum QSHVersion {
    public static let number = "0.1.0"
    public static let string = "qsh \(number)"
}
