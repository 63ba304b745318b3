import Foundation
import QSHCore
import QSHProtocol

/// Picks the surface for a process: machine forms (`--json-request`, `--check`), scripts
/// (`qsh job.qsh`, `qsh -c LINE`, `qsh < job.qsh`), the interactive prompt (`qsh` on a
/// terminal), or one command line. Returns the exit code; never calls `exit()`.
public enum QSHMain {
    public static func run(arguments: [String]) -> Int32 {
        do {
            switch try MachineArguments.mode(arguments) {
            case .jsonRequest(let envelope, let signalFile)?:
                return JSONRequestRunner.run(requestArgument: envelope, signalFile: signalFile)
            case .check(let outputRoot, let dataDir)?:
                return HealthCheck.run(outputRoot: outputRoot, dataDir: dataDir)
            case nil:
                break
            }
        } catch {
            // A malformed machine invocation still answers with a response line.
            if arguments.contains(where: { $0.hasPrefix("--json-request") }) {
                return JSONRequestRunner.respondToUsageError(error)
            }
            return CommandDispatcher.report(CommandDispatcher.Failure(status: ExitCodes.invalidInput, message: "\(error)", usage: []))
        }
        switch ScriptInvocation.parse(arguments) {
        case .interactive:
            return InteractiveShell.run(session: ShellSession(mode: .interactive))
        case .standardInput(let keepGoing):
            return ScriptRunner.runStandardInput(keepGoing: keepGoing)
        case .file(let path, let scriptArguments, let keepGoing):
            return ScriptRunner.runFile(path, arguments: scriptArguments, keepGoing: keepGoing)
        case .commandString(let text, let scriptArguments, let keepGoing):
            return ScriptRunner.runCommandString(text, arguments: scriptArguments, keepGoing: keepGoing)
        case .usageError(let message):
            return CommandDispatcher.report(CommandDispatcher.Failure(status: ExitCodes.invalidInput, message: message, usage: []))
        case .command:
            break
        }
        guard let failure = CommandDispatcher.run(arguments) else { return ExitCodes.success }
        return CommandDispatcher.report(failure)
    }
}
