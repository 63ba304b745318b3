import Foundation
import QSHCore
import QSHProtocol

/// Picks the surface for a process: machine forms (`--json-request`, `--check`), scripts
/// (`qsh job.qsh`, `qsh -c LINE`, `qsh < job.qsh`), the interactive prompt (`qsh` on a
/// terminal), or one command line. This is the one place that reads the process's working
/// folder and environment and installs signal handling; everything below gets them passed in.
/// Returns the exit code; never calls `exit()`.
public enum QSHMain {
    public static func run(arguments: [String]) -> Int32 {
        let environment = ProcessInfo.processInfo.environment
        let directory = FileManager.default.currentDirectoryPath
        let runner = SessionRunner(registry: .standard, environment: environment, rootForms: MachineArguments.forms)
        do {
            switch try MachineArguments.mode(arguments) {
            case .jsonRequest(let envelope, let signalFile)?:
                ProcessSignals.shared.install(interactive: false)
                return SessionRunner.wait {
                    await runner.run(requestArgument: envelope, signalFile: signalFile, workingDirectory: directory)
                }.exitCode
            case .check(let outputRoot, let dataDir)?:
                return HealthCheck.run(outputRoot: outputRoot, dataDir: dataDir, environment: environment)
            case .completionScript(let shell)?:
                return CompletionScripts.print(shell: shell, registry: runner.registry)
            case .help(let text)?:
                Console.out(text)
                return 0
            case nil:
                break
            }
        } catch {
            // A malformed machine invocation still answers with a response line.
            if arguments.contains(where: { $0.hasPrefix("--json-request") }) {
                return runner.reportMachineInvocationError(error)
            }
            Console.err("error: \(ClassifiedFailure(error).message)")
            return ExitCodes.invalidInput
        }
        switch ScriptInvocation.parse(arguments, commandNames: runner.registry.topLevelNames) {
        case .interactive:
            ProcessSignals.shared.install(interactive: true)
            return InteractiveShell.run(session: ShellSession(mode: .interactive, runner: runner))
        case .standardInput(let keepGoing):
            ProcessSignals.shared.install(interactive: false)
            return ScriptRunner.runStandardInput(keepGoing: keepGoing, runner: runner)
        case .file(let path, let scriptArguments, let keepGoing):
            ProcessSignals.shared.install(interactive: false)
            return ScriptRunner.runFile(path, arguments: scriptArguments, keepGoing: keepGoing, runner: runner)
        case .commandString(let text, let scriptArguments, let keepGoing):
            ProcessSignals.shared.install(interactive: false)
            return ScriptRunner.runCommandString(text, arguments: scriptArguments, keepGoing: keepGoing, runner: runner)
        case .usageError(let message):
            Console.err("error: \(message)")
            return ExitCodes.invalidInput
        case .command:
            ProcessSignals.shared.install(interactive: false)
            return SessionRunner.wait { await runner.run(arguments: arguments, workingDirectory: directory) }.exitCode
        }
    }
}
