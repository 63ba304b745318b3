import QSHCore

/// A command line that does not fit its command's declaration (unknown flag, missing value,
/// missing required parameter): exit 2, with the usage lines people need to fix it.
public struct UsageError: ClassifiedError {
    public let message: String
    /// Shown after the error line on a terminal or in a script, never in a JSON response.
    public let usage: [String]
    public var exitCode: Int32 { InvalidInputError.exitCode }
    public var errorType: String { InvalidInputError.errorType }

    public init(_ message: String, usage: [String] = []) {
        self.message = message
        self.usage = usage
    }
}
