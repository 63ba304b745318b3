import Foundation
import QSHCore
import QSHProtocol

/// Runs `.qsh` scripts: files (`qsh job.qsh ARGS`), `-c LINE`, standard input and `source`.
/// Logical lines join backslash-newline and open quotes; each runs through the session with
/// its `file:line` location. With `set -e` (the default in scripts) the first failing line
/// stops the script and its status is the script's exit code; `--keep-going` runs every line
/// and exits with the last failing status (0 if none failed). A command stopped by SIGINT or
/// SIGTERM ends the script with 130 or 143.
enum ScriptRunner {
    static func runFile(_ path: String, arguments: [String], keepGoing: Bool, runner: SessionRunner) -> Int32 {
        let session = ShellSession(
            mode: .script, runner: runner, scriptName: path, arguments: arguments, stopOnError: !keepGoing)
        do {
            let status = try runLines(of: path, in: session)
            return session.exitRequest ?? status
        } catch {
            return session.fail(ClassifiedFailure(error).message, location: nil)
        }
    }

    static func runCommandString(_ text: String, arguments: [String], keepGoing: Bool, runner: SessionRunner) -> Int32 {
        let session = ShellSession(
            mode: .script, runner: runner, scriptName: "qsh", arguments: arguments, stopOnError: !keepGoing)
        let status = run(name: "-c", lines: ScriptLines(bytes: Array(text.utf8)), in: session)
        return session.exitRequest ?? status
    }

    static func runStandardInput(keepGoing: Bool, runner: SessionRunner) -> Int32 {
        let session = ShellSession(mode: .script, runner: runner, scriptName: "qsh", stopOnError: !keepGoing)
        let status = run(name: "<stdin>", lines: .standardInput(), in: session)
        return session.exitRequest ?? status
    }

    /// `source FILE` and script files: the file's lines in `session`.
    static func runLines(of path: String, in session: ShellSession) throws -> Int32 {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw InvalidInputError("cannot read script '\(path)'")
        }
        return run(name: path, lines: ScriptLines(bytes: [UInt8](data)), in: session)
    }

    /// The loop shared by every script source: join continuation lines, run, stop as `set -e` says.
    /// Text that is not a script (binary data) ends it with exit 2, `--keep-going` or not.
    static func run(name: String, lines: ScriptLines, in session: ShellSession) -> Int32 {
        var lines = lines
        var lastFailure: Int32 = 0
        while true {
            let firstLine = lines.lineNumber + 1
            let line: String
            do {
                guard var text = try lines.next() else { break }
                if firstLine == 1 && text.hasPrefix("#!") { continue }
                while ShellSession.needsContinuation(text), let more = try lines.next() {
                    text += "\n" + more
                }
                line = text
            } catch {
                return session.fail(error.description, location: "\(name):\(error.lineNumber)")
            }
            let status = session.execute(line: line, location: "\(name):\(firstLine)")
            if let code = session.exitRequest { return code }
            // Ctrl-C or SIGTERM ends the whole script, --keep-going or not, as in a shell.
            if session.stoppedBySignal { return status }
            if status != 0 {
                lastFailure = status
                if session.stopOnError { return status }
            }
        }
        return lastFailure
    }
}
