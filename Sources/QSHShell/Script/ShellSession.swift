import Foundation
import QSHCore
import QSHProtocol
import QSHServices

/// One shell's state and its line interpreter: variables, positional arguments, `set -e`, the
/// last run. Lines from the prompt, from scripts, from `-c` and from `source` all go through
/// `execute(line:location:)`; commands go to the same session runner as argv.
final class ShellSession {
    enum Mode { case interactive, script }

    let mode: Mode
    let runner: SessionRunner
    /// A command on the last line was stopped by SIGINT or SIGTERM: scripts end there.
    private(set) var stoppedBySignal = false
    var variables: [String: String] = [:]
    /// `$0` and `$1`...: the script name and its arguments.
    var scriptName: String
    var positional: [String]
    /// `set -e`: stop at the first failing line (scripts default to on).
    var stopOnError: Bool
    private(set) var lastStatus: Int32 = 0
    /// Set by `exit`: the shell should end with this code.
    private(set) var exitRequest: Int32?
    /// Lines entered in this process, for the `history` builtin.
    var history: [String] = []
    private(set) var lastRunID: String?
    private(set) var lastRunPath: String?
    var sourceDepth = 0

    static let builtinNames = ShellBuiltins.names

    init(
        mode: Mode, runner: SessionRunner, scriptName: String = "qsh", arguments: [String] = [], stopOnError: Bool? = nil
    ) {
        self.mode = mode
        self.runner = runner
        self.scriptName = scriptName
        positional = arguments
        self.stopOnError = stopOnError ?? (mode == .script)
    }

    /// True when `line` ends inside quotes or with a backslash: read another line and join.
    static func needsContinuation(_ line: String) -> Bool {
        WordSplitter.split(line) == .incomplete
    }

    /// Runs one logical line; prints output and errors (prefixed with `location: `); returns
    /// the status. Never exits the process.
    @discardableResult
    func execute(line: String, location: String? = nil) -> Int32 {
        stoppedBySignal = false
        let status = run(line: line, location: location)
        lastStatus = status
        return status
    }

    private func run(line: String, location: String?) -> Int32 {
        let words: [String]
        switch WordSplitter.split(line) {
        case .words(let parsed): words = expand(parsed)
        case .incomplete: return fail("unterminated quote or trailing backslash", location: location)
        case .failure(let message): return fail(message, location: location)
        }
        guard var first = words.first else { return lastStatus }
        var arguments = Array(words.dropFirst())
        // `qsh run ...` typed at the prompt or in a script means `run ...`.
        if first == "qsh", let next = arguments.first {
            first = next
            arguments.removeFirst()
        }
        if let builtin = ShellBuiltins.lookup(first) {
            do {
                return try builtin(self, arguments, location)
            } catch {
                let failure = ClassifiedFailure(error)
                return fail(failure.message, status: failure.exitCode, location: location)
            }
        }
        let runner = self.runner
        let command = [first] + arguments
        let directory = FileManager.default.currentDirectoryPath
        let result = SessionRunner.wait {
            await runner.run(arguments: command, workingDirectory: directory, location: location)
        }
        if let artifact = result.outcome?.artifact {
            lastRunID = artifact.id
            lastRunPath = artifact.path
            variables["LAST_RUN"] = artifact.id
            variables["LAST_RUN_PATH"] = artifact.path
            // The first traded bar, as --start reads it: a baseline started there covers the
            // same bars as the run (whose warm-up came before).
            variables["LAST_RUN_TRADES_FROM"] = (result.outcome as? RunOutcome).map { $0.window.format($0.window.firstTraded) }
        }
        if result.wasCancelled && (result.exitCode == ExitCodes.interrupted || result.exitCode == ExitCodes.terminated) {
            stoppedBySignal = true
        }
        return result.exitCode
    }

    /// Prints `location: error: message` and returns `status`.
    func fail(_ message: String, status: Int32 = ExitCodes.invalidInput, location: String?) -> Int32 {
        Console.err((location.map { "\($0): " } ?? "") + "error: " + message)
        return status
    }

    /// Expands variables; `$@` alone as a word becomes one word per argument. Expansion
    /// results are not split again, so values with spaces stay one word.
    func expand(_ words: [WordSplitter.Word]) -> [String] {
        var result: [String] = []
        for word in words {
            if word.pieces == [.variable("@")] {
                result += positional
                continue
            }
            result.append(word.pieces.map { piece in
                switch piece {
                case .text(let text): text
                case .variable(let name): value(of: name)
                case .variableWithDefault(let name, let fallback):
                    value(of: name).isEmpty ? fallback : value(of: name)
                }
            }.joined())
        }
        return result
    }

    /// `$NAME`: positional and special parameters, shell variables, then the environment.
    func value(of name: String) -> String {
        switch name {
        case "#": return String(positional.count)
        case "@": return positional.joined(separator: " ")
        case "?": return String(lastStatus)
        case "0": return scriptName
        default:
            if let digit = Int(name), digit >= 1 {
                return digit <= positional.count ? positional[digit - 1] : ""
            }
            return variables[name] ?? ProcessInfo.processInfo.environment[name] ?? ""
        }
    }

    func requestExit(_ code: Int32) { exitRequest = code }
}
