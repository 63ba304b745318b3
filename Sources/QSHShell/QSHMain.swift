import ArgumentParser
import QSHCore
import QSHProtocol

/// Runs one command line to completion and returns the exit code; never calls `exit()`, so
/// the prompt and scripts can run many commands in one process.
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
            return report(runError: error)
        }
        let translated = LegacyArguments.translate(arguments)
        let command: any ParsableCommand
        do {
            command = try RootCommand.parseAsRoot(translated)
        } catch {
            return report(parsingError: error)
        }
        do {
            var mutable = command
            try mutable.run()
            return ExitCodes.success
        } catch {
            return report(runError: error)
        }
    }

    /// Help and version requests print to stdout and succeed; usage errors are exit 2.
    static func report(parsingError error: any Error) -> Int32 {
        if RootCommand.exitCode(for: error) == .success {
            Console.out(RootCommand.fullMessage(for: error))
            return ExitCodes.success
        }
        if error is any ClassifiedError || error is ValidationError { return report(runError: error) }
        Console.err("error: " + RootCommand.message(for: error))
        let usage = RootCommand.fullMessage(for: error)
            .split(separator: "\n", omittingEmptySubsequences: false)
            .drop { !$0.hasPrefix("Usage:") }
            .prefix { !$0.isEmpty }
        if !usage.isEmpty { Console.err(usage.joined(separator: "\n")) }
        Console.err("See 'qsh help' or '<command> --help'.")
        return ExitCodes.invalidInput
    }

    static func report(runError error: any Error) -> Int32 {
        // `help <command>` and `--help` arrive here as a clean-exit request.
        if !(error is any ClassifiedError), RootCommand.exitCode(for: error) == .success {
            Console.out(RootCommand.fullMessage(for: error))
            return ExitCodes.success
        }
        // A ValidationError thrown inside a command is a usage error like a parse failure.
        if let validation = error as? ValidationError {
            Console.err("error: \(validation.message)")
            return ExitCodes.invalidInput
        }
        let failure = ClassifiedFailure(error)
        Console.err("error: " + failure.message)
        return failure.exitCode
    }
}
