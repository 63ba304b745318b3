import QSHCore
import QSHServices

/// The documented exit codes, and the one place where an error becomes one of them.
public enum ExitCodes {
    public static let success: Int32 = 0
    public static let general: Int32 = 1
    public static let invalidInput: Int32 = InvalidInputError.exitCode
    public static let dataError: Int32 = DataError.exitCode
    public static let strategyError: Int32 = StrategyError.exitCode
    /// SIGINT (Ctrl-C): 128 + 2, as shells report it.
    public static let interrupted: Int32 = CancellationReason.interrupt.exitCode
    /// SIGTERM: 128 + 15.
    public static let terminated: Int32 = CancellationReason.terminate.exitCode
}

/// An error as the machine contract reports it.
public struct ClassifiedFailure: Sendable, Equatable {
    public let exitCode: Int32
    /// `error_type` in signals and `error.code` in responses.
    public let errorType: String
    /// One line, without the `error: ` prefix.
    public let message: String

    public init(exitCode: Int32, errorType: String, message: String) {
        self.exitCode = exitCode
        self.errorType = errorType
        self.message = message
    }

    /// Known failure classes keep their code; anything else is an unexpected failure (exit 1).
    public init(_ error: any Error) {
        if let classified = error as? any ClassifiedError {
            self.init(exitCode: classified.exitCode, errorType: classified.errorType, message: Self.oneLine(classified.message))
        } else {
            self.init(exitCode: ExitCodes.general, errorType: "UnexpectedError", message: Self.oneLine("\(error)"))
        }
    }

    /// `error.code` of the response line: a stable name for the exit code.
    public var code: String {
        switch exitCode {
        case ExitCodes.invalidInput: "INVALID_REQUEST"
        case ExitCodes.dataError: "DATA_ERROR"
        case ExitCodes.strategyError: "STRATEGY_ERROR"
        case ExitCodes.interrupted: "INTERRUPTED"
        case ExitCodes.terminated: "TERMINATED"
        default:
            switch errorType {
            case CancelledError.errorType: "CANCELLED"
            case OutcomeProblem.jobsFailed: "JOBS_FAILED"
            case OutcomeProblem.kpiGateFailed: "KPI_GATE_FAILED"
            default: "INTERNAL_ERROR"
            }
        }
    }

    /// Messages quote at most a short excerpt of input; this cap is the backstop that keeps
    /// any message (one from a library, say) from filling a terminal or the shared signal file.
    static let maximumMessageLength = 1_000

    static func oneLine(_ text: String) -> String {
        let line = text.split(whereSeparator: \.isNewline).joined(separator: " ")
        guard line.count > maximumMessageLength else { return line }
        return String(line.prefix(maximumMessageLength)) + "... (message cut at \(maximumMessageLength) characters)"
    }
}
