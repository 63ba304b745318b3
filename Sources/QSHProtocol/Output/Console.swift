import CProcessSupport
import Foundation

/// Where commands write: stdout for results, stderr for everything meant for people only.
/// A closed pipe (a reader that went away) must not kill the process mid-write, so writes use
/// the throwing API and failures are ignored (SIGPIPE is ignored in `main`).
public enum Console {
    public static func out(_ text: String) {
        try? FileHandle.standardOutput.write(contentsOf: Data((text + "\n").utf8))
    }

    public static func err(_ text: String, newline: Bool = true) {
        try? FileHandle.standardError.write(contentsOf: Data((newline ? text + "\n" : text).utf8))
    }
}

/// The streams a session writes to. Tests and the prompt may substitute their own.
public struct OutputStreams: Sendable {
    public let writeOut: @Sendable (String) -> Void
    public let writeErr: @Sendable (String) -> Void
    /// Whether stderr is a terminal (progress lines are drawn only there).
    public let errorIsTerminal: Bool
    /// Width for progress lines (0 when unknown).
    public let columns: @Sendable () -> Int
    /// Whether stdout is a terminal (live views are redrawn in place only there).
    public let outputIsTerminal: Bool
    /// Width of stdout's terminal (0 when unknown).
    public let outputColumns: @Sendable () -> Int

    public init(
        writeOut: @escaping @Sendable (String) -> Void, writeErr: @escaping @Sendable (String) -> Void,
        errorIsTerminal: Bool, columns: @escaping @Sendable () -> Int = { 0 },
        outputIsTerminal: Bool = false, outputColumns: @escaping @Sendable () -> Int = { 0 }
    ) {
        self.writeOut = writeOut
        self.writeErr = writeErr
        self.errorIsTerminal = errorIsTerminal
        self.columns = columns
        self.outputIsTerminal = outputIsTerminal
        self.outputColumns = outputColumns
    }

    public static var standard: OutputStreams {
        OutputStreams(
            writeOut: { Console.out($0) }, writeErr: { Console.err($0, newline: false) },
            errorIsTerminal: isatty(STDERR_FILENO) == 1, columns: { Int(qsh_terminal_columns(STDERR_FILENO)) },
            outputIsTerminal: isatty(STDOUT_FILENO) == 1, outputColumns: { Int(qsh_terminal_columns(STDOUT_FILENO)) })
    }

    /// One line on stdout.
    public func out(_ line: String) { writeOut(line) }
    /// One line on stderr.
    public func err(_ line: String) { writeErr(line + "\n") }
}
