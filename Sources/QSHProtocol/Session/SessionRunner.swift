import Foundation
import QSHArtifacts
import QSHCore
import QSHServices

/// How one invocation ended, handed back to the surface (the prompt keeps `$LAST_RUN` from it).
public struct SessionResult: Sendable {
    public let exitCode: Int32
    public let outcome: (any ServiceOutcome)?
    public let failure: ClassifiedFailure?

    public init(exitCode: Int32, outcome: (any ServiceOutcome)? = nil, failure: ClassifiedFailure? = nil) {
        self.exitCode = exitCode
        self.outcome = outcome
        self.failure = failure
    }

    public var wasCancelled: Bool { failure?.errorType == CancelledError.errorType }
}

/// The one place where an invocation becomes a session, whatever the surface: parse (a
/// command line, or a JSON envelope), build and check the typed request, then SESSION_STARTED,
/// the service with its events and cancellation, SESSION_COMPLETED or SESSION_FAILED, the
/// human output or the JSON response line, and the exit code.
public struct SessionRunner: Sendable {
    public let registry: CommandRegistry
    public var streams: OutputStreams
    public var environment: [String: String]
    /// Where SIGINT/SIGTERM come from; nil runs without signal handling.
    public var signals: (any CancellationSource)?
    /// Process-level forms suggested for mistyped flags.
    public var rootForms: [String]
    /// The running `qsh` executable, handed to services that start `qsh` children.
    public var executablePath: String?
    /// Standard input for a command that reads it (`--jobs-file -`), when the surface lends it.
    public var standardInput: (@Sendable () -> [UInt8])?

    public init(
        registry: CommandRegistry, streams: OutputStreams = .standard, environment: [String: String],
        signals: (any CancellationSource)? = ProcessSignals.shared, rootForms: [String] = []
    ) {
        self.registry = registry
        self.streams = streams
        self.environment = environment
        self.signals = signals
        self.rootForms = rootForms
    }

    // MARK: Surfaces

    /// A command line from argv, the prompt or a script (`location` prefixes its errors,
    /// e.g. `job.qsh:12`).
    public func run(arguments: [String], workingDirectory: String, location: String? = nil) async -> SessionResult {
        let presentation = Presentation.human(location: location)
        return await guarded { cancellation in
            let parsed: ParsedLine
            do {
                parsed = try ArgvParser(registry: registry, rootForms: rootForms).parse(arguments)
            } catch {
                return report(ClassifiedFailure(error), presentation, usage: (error as? UsageError)?.usage ?? [])
            }
            switch parsed {
            case .text(let text):
                streams.out(text)
                return SessionResult(exitCode: ExitCodes.success)
            case .command(let command, let values):
                let session = Session(
                    command: command, values: values, requestID: values.string(SessionOptions.requestID),
                    signalFile: values.string(SessionOptions.signalFile), workingDirectory: workingDirectory,
                    showProgress: !values.flag(SessionOptions.quiet))
                return await run(session, presentation, cancellation)
            }
        }
    }

    /// A JSON request: `argument` is the envelope itself, `@file` or `-` (standard input).
    public func run(requestArgument argument: String, signalFile: String?, workingDirectory: String) async -> SessionResult {
        await guarded { cancellation in
            let envelope: RequestEnvelope
            do {
                let bytes = try RequestSource.read(argument, workingDirectory: workingDirectory)
                envelope = try RequestEnvelope.decode(bytes, registry: registry)
            } catch let rejection as RequestRejection {
                return report(
                    ClassifiedFailure(rejection.error), .machine(requestID: rejection.requestID, command: rejection.command))
            } catch {
                return report(ClassifiedFailure(error), .machine(requestID: nil, command: nil))
            }
            let presentation = Presentation.machine(requestID: envelope.requestID, command: envelope.command)
            guard envelope.registered.declaration.available else {
                let runnable = registry.commands.filter { $0.declaration.available }.compactMap(\.declaration.machineName)
                return report(
                    ClassifiedFailure(InvalidInputError(
                        "command '\(envelope.command)' is valid but not available in \(QSHVersion.string) yet; only "
                            + runnable.map { "'\($0)'" }.joined(separator: ", ") + " can be executed")),
                    presentation)
            }
            let session = Session(
                command: envelope.registered, values: envelope.values, requestID: envelope.requestID,
                signalFile: signalFile, workingDirectory: workingDirectory, showProgress: false)
            return await run(session, presentation, cancellation)
        }
    }

    /// A `--json-request` invocation that could not even be read (a missing value, a stray
    /// flag): the error response line, and its exit code.
    public func reportMachineInvocationError(_ error: any Error) -> Int32 {
        report(ClassifiedFailure(error), .machine(requestID: nil, command: nil)).exitCode
    }

    /// Runs async work from synchronous code (the shell's loops) and waits for it.
    public static func wait<T: Sendable>(_ body: @escaping @Sendable () async -> T) -> T {
        let box = ResultBox<T>()
        let done = DispatchSemaphore(value: 0)
        Task.detached {
            box.value = await body()
            done.signal()
        }
        done.wait()
        return box.value!
    }

    // MARK: The session

    /// What one session needs besides the command's values.
    struct Session {
        let command: RegisteredCommand
        let values: ParameterValues
        let requestID: String?
        let signalFile: String?
        let workingDirectory: String
        let showProgress: Bool

        var mode: String { command.declaration.machineName ?? command.declaration.name }
    }

    enum Presentation {
        case human(location: String?)
        case machine(requestID: String?, command: String?)
    }

    /// Signals that arrive during `body` cancel its session.
    private func guarded(_ body: (Cancellation) async -> SessionResult) async -> SessionResult {
        let cancellation = Cancellation()
        guard let signals else { return await body(cancellation) }
        return await signals.whileRunning(onSignal: { cancellation.cancel($0) }) { await body(cancellation) }
    }

    private func run(_ session: Session, _ presentation: Presentation, _ cancellation: Cancellation) async -> SessionResult {
        let clock: @Sendable () -> Date
        do {
            clock = try ClockSource.make(environment: environment)
        } catch {
            return report(ClassifiedFailure(error), presentation)
        }
        let mode = session.mode
        let requestID = session.requestID
        let streams = self.streams
        let writer = session.signalFile.map { path in
            SignalWriter(path: Paths.absolute(path, in: session.workingDirectory), name: path) { streams.err("warning: \($0)") }
        }
        let human: HumanEvents
        if case .human = presentation {
            // `--json` keeps stdout for the one JSON document: output lines go to stderr.
            human = HumanEvents(
                streams: streams, showProgress: session.showProgress, showLiveViews: true,
                linesOnStdout: !session.values.flag("json"))
        } else {
            human = HumanEvents(streams: streams, showProgress: false, showLiveViews: false, linesOnStdout: false)
        }
        let events = ClosureEventSink { event in
            human.handle(event)
            if let signal = event.signal {
                writer?.append(SignalEvent(
                    name: signal.name, status: signal.status, mode: mode, requestID: requestID, fields: signal.fields))
            }
        }
        let declaration = session.command.declaration
        let context = ServiceContext(
            events: events, clock: clock, cancellation: cancellation.token, environment: environment,
            workingDirectory: session.workingDirectory,
            artifactRoot: declaration.artifactRootKey.flatMap { session.values.string($0) }, command: mode,
            requestID: requestID, executablePath: executablePath, standardInput: standardInput)
        let prepared: any PreparedCommand
        do {
            try cancellation.token.check()
            prepared = try session.command.executor.prepare(session.values, context: context)
        } catch {
            return report(failure(error, cancellation.token), presentation)
        }
        writer?.append(.started(mode: mode, requestID: requestID))
        let task = Task { try await prepared.run(context: context) }
        cancellation.attach(task)
        let result = await task.result
        human.finish()
        switch result {
        case .success(let outcome) where outcome.exitCode != 0:
            // The work ended, but did not succeed (some tuning jobs failed): the contract's
            // error line and SESSION_FAILED, still carrying the paths and summary.
            let problem = outcome.problem ?? OutcomeProblem(errorType: "UnexpectedError", message: "exit code \(outcome.exitCode)")
            let failure = ClassifiedFailure(exitCode: outcome.exitCode, errorType: problem.errorType, message: problem.message)
            writer?.append(.failed(mode: mode, requestID: requestID, failure: failure, fields: outcome.completionFields))
            switch presentation {
            case .human:
                if let text = prepared.render(outcome, context: context) { streams.out(text) }
            case .machine(let requestID, _):
                streams.err("error: " + failure.message)
                streams.out(ResponseLine.error(requestID: requestID, command: mode, failure: failure, fields: outcome.responseFields))
            }
            return SessionResult(exitCode: outcome.exitCode, outcome: outcome)
        case .success(let outcome):
            writer?.append(.completed(mode: mode, requestID: requestID, fields: outcome.completionFields))
            switch presentation {
            case .human:
                if let text = prepared.render(outcome, context: context) { streams.out(text) }
            case .machine(let requestID, _):
                streams.out(ResponseLine.success(requestID: requestID, command: mode, fields: outcome.responseFields))
            }
            return SessionResult(exitCode: outcome.exitCode, outcome: outcome)
        case .failure(let error):
            let classified = failure(error, cancellation.token)
            writer?.append(.failed(mode: mode, requestID: requestID, failure: classified))
            return report(classified, presentation)
        }
    }

    /// Cancellation without a reason attached gets the token's (the signal's) reason.
    private func failure(_ error: any Error, _ token: CancellationToken) -> ClassifiedFailure {
        if let cancelled = error as? CancelledError, cancelled.reason == nil, let reason = token.reason {
            return ClassifiedFailure(CancelledError(cancelled.message, reason: reason))
        }
        if error is CancellationError {
            return ClassifiedFailure(CancelledError("cancelled", reason: token.reason))
        }
        return ClassifiedFailure(error)
    }

    /// Prints a failure the surface's way and returns it as the result.
    private func report(_ failure: ClassifiedFailure, _ presentation: Presentation, usage: [String] = []) -> SessionResult {
        switch presentation {
        case .human(let location):
            streams.err((location.map { "\($0): " } ?? "") + "error: " + failure.message)
            for line in usage { streams.err(line) }
        case .machine(let requestID, let command):
            streams.err("error: " + failure.message)
            streams.out(ResponseLine.error(requestID: requestID, command: command, failure: failure))
        }
        return SessionResult(exitCode: failure.exitCode, failure: failure)
    }
}

/// The names of the options every session command shares on the command line.
public enum SessionOptions {
    public static let signalFile = "signal_file"
    public static let requestID = "request_id"
    public static let quiet = "quiet"
}

private final class ResultBox<T: Sendable>: @unchecked Sendable {
    // Written once by the task before the semaphore is signalled, read after the wait.
    var value: T?
}
