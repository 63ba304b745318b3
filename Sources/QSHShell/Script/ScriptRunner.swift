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
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)[...]
        let status = run(name: "-c", in: session) { lines.popFirst() }
        return session.exitRequest ?? status
    }

    static func runStandardInput(keepGoing: Bool, runner: SessionRunner) -> Int32 {
        let session = ShellSession(mode: .script, runner: runner, scriptName: "qsh", stopOnError: !keepGoing)
        let status = run(name: "<stdin>", in: session) { readLine(strippingNewline: true) }
        return session.exitRequest ?? status
    }

    /// `source FILE` and script files: the file's lines in `session`.
    static func runLines(of path: String, in session: ShellSession) throws -> Int32 {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw InvalidInputError("cannot read script '\(path)'")
        }
        var lines = String(decoding: data, as: UTF8.self)
            .split(separator: "\n", omittingEmptySubsequences: false).map(String.init)[...]
        if lines.last == "" { lines.removeLast() }
        return run(name: path, in: session) { lines.popFirst() }
    }

    /// The loop shared by every script source: join continuation lines, run, stop as `set -e` says.
    static func run(name: String, in session: ShellSession, nextLine: () -> String?) -> Int32 {
        var lineNumber = 0
        var lastFailure: Int32 = 0
        while var line = nextLine() {
            lineNumber += 1
            let firstLine = lineNumber
            if firstLine == 1 && line.hasPrefix("#!") { continue }
            while ShellSession.needsContinuation(line), let more = nextLine() {
                lineNumber += 1
                line += "\n" + more
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
