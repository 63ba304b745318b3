import ArgumentParser
import QSHCore
import QSHProtocol

/// Parses and runs one command of the command tree, returning what happened instead of
/// printing errors or exiting, so that argv, the prompt and scripts each report failures their
/// own way (`error: ...`, or `job.qsh:12: error: ...`).
enum CommandDispatcher {
    struct Failure {
        let status: Int32
        let message: String
        /// The command's usage lines, for argument errors.
        let usage: [String]
    }

    /// Runs `arguments` (QuantLab argv forms included). Help output goes to stdout.
    static func run(_ arguments: [String]) -> Failure? {
        let command: any ParsableCommand
        do {
            command = try RootCommand.parseAsRoot(LegacyArguments.translate(arguments))
        } catch {
            return failure(parsing: error)
        }
        do {
            var mutable = command
            try mutable.run()
            return nil
        } catch {
            return failure(running: error)
        }
    }

    static func failure(parsing error: any Error) -> Failure? {
        if error is any ClassifiedError || error is ValidationError { return failure(running: error) }
        if RootCommand.exitCode(for: error) == .success {
            Console.out(RootCommand.fullMessage(for: error))
            return nil
        }
        let usage = RootCommand.fullMessage(for: error)
            .split(separator: "\n", omittingEmptySubsequences: false)
            .drop { !$0.hasPrefix("Usage:") }
            .prefix { !$0.isEmpty }
            .map(String.init)
        return Failure(status: ExitCodes.invalidInput, message: RootCommand.message(for: error), usage: usage)
    }

    static func failure(running error: any Error) -> Failure? {
        // `help <command>` and `--help` arrive as a clean-exit request.
        if !(error is any ClassifiedError), RootCommand.exitCode(for: error) == .success {
            Console.out(RootCommand.fullMessage(for: error))
            return nil
        }
        // A ValidationError thrown inside a command is a usage error like a parse failure.
        if let validation = error as? ValidationError {
            return Failure(status: ExitCodes.invalidInput, message: validation.message, usage: [])
        }
        let classified = ClassifiedFailure(error)
        return Failure(status: classified.exitCode, message: classified.message, usage: [])
    }

    /// Prints a failure on stderr, prefixed with `location: ` when given; returns its status.
    static func report(_ failure: Failure, location: String? = nil) -> Int32 {
        Console.err((location.map { "\($0): " } ?? "") + "error: " + failure.message)
        if !failure.usage.isEmpty {
            Console.err(failure.usage.joined(separator: "\n"))
            Console.err("See 'help' or '<command> --help'.")
        }
        return failure.status
    }
}
