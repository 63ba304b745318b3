import Foundation
import QSHCore
import QSHProtocol
import QSHServices

/// Picks the surface for a process: machine forms (`--json-request`, `--check`), scripts
/// (`qsh job.qsh`, `qsh -c LINE`, `qsh < job.qsh`), the interactive prompt (`qsh` on a
/// terminal), or one command line. This is the one place that reads the process's working
/// folder, environment, executable path and standard input, and installs signal handling;
/// everything below gets them passed in. Returns the exit code; never calls `exit()`.
public enum QSHMain {
    public static func run(arguments: [String]) -> Int32 {
        let environment = ProcessInfo.processInfo.environment
        let directory = FileManager.default.currentDirectoryPath
        var runner = SessionRunner(registry: .standard, environment: environment, rootForms: MachineArguments.forms)
        runner.executablePath = executablePath(in: directory)
        // Lent to commands (`--jobs-file -`) except where standard input is the script, the
        // request or the prompt's terminal (below).
        runner.standardInput = { Array((try? FileHandle.standardInput.readToEnd()) ?? Data()) }
        do {
            switch try MachineArguments.mode(arguments) {
            case .jsonRequest(let envelope, let signalFile)?:
                ProcessSignals.shared.install(interactive: false)
                if envelope == "-" { runner.standardInput = nil }
                let runner = runner
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
            runner.standardInput = nil
            return InteractiveShell.run(session: ShellSession(mode: .interactive, runner: runner))
        case .standardInput(let keepGoing):
            ProcessSignals.shared.install(interactive: false)
            runner.standardInput = nil
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
            let runner = runner
            return SessionRunner.wait { await runner.run(arguments: arguments, workingDirectory: directory) }.exitCode
        }
    }

    /// This process's executable, for the `qsh` children of `tune run --isolate`: the kernel's
    /// link on Linux, Foundation's answer elsewhere, else argv[0] made absolute (nil when it
    /// names no file, as a bare name found on PATH does not).
    static func executablePath(in directory: String) -> String? {
        if let linked = try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe") { return linked }
        if let path = Bundle.main.executablePath, FileManager.default.isExecutableFile(atPath: path) { return path }
        guard let first = CommandLine.arguments.first, first.contains("/") else { return nil }
        let path = Paths.absolute(first, in: directory)
        return FileManager.default.isExecutableFile(atPath: path) ? path : nil
    }
}
