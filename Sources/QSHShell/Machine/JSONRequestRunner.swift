import ArgumentParser
import Foundation
import QSHArtifacts
import QSHCore
import QSHProtocol
import QSHServices

/// `qsh --json-request ENVELOPE [--signal-file PATH]`: validate the envelope completely, run it
/// through the same command types as argv, and answer with exactly one JSON line on stdout
/// (human text goes to stderr). The exit code always equals the response's `error.exit_code`.
enum JSONRequestRunner {
    struct Outcome {
        let line: String
        let exitCode: Int32
    }

    static func run(requestArgument: String, signalFile: String?) -> Int32 {
        let outcome = respond(requestArgument: requestArgument, signalFile: signalFile)
        Console.out(outcome.line)
        return outcome.exitCode
    }

    static func respond(requestArgument: String, signalFile: String?) -> Outcome {
        let envelope: RequestEnvelope
        do {
            envelope = try RequestEnvelope.decode(try readBytes(requestArgument))
        } catch {
            return failure(error.error, requestID: error.requestID, command: error.command)
        }
        do {
            guard envelope.schema.available else {
                throw InvalidInputError(
                    "command '\(envelope.command)' is valid but not available in \(QSHVersion.string) yet; only 'run' can be executed")
            }
            let run = try parseRun(envelope)
            var request = try run.makeRequest()
            request.requestID = envelope.requestID
            let service = RunService(events: HumanEventSink(), clock: try ClockSource.fromEnvironment())
            let session = RunSession(signals: RunSession.writer(path: signalFile), requestID: envelope.requestID)
            let result = try session.execute(request, service: service)
            var extra = RunSession.completionFields(result)
            extra.removeValue(forKey: "summary")
            let line = ResponseLine.success(
                requestID: envelope.requestID, command: envelope.command, runID: result.runID,
                artifactsPath: result.artifactsPath, reportPath: result.reportPath, summary: result.summary,
                extra: extra)
            return Outcome(line: line, exitCode: ExitCodes.success)
        } catch {
            return failure(error, requestID: envelope.requestID, command: envelope.command)
        }
    }

    static func readBytes(_ argument: String) throws(RequestRejection) -> [UInt8] {
        do {
            return try RequestSource.read(argument)
        } catch {
            throw RequestRejection(error: error, requestID: nil, command: nil)
        }
    }

    /// The request as the command line it stands for, parsed by the argv command types.
    static func parseRun(_ envelope: RequestEnvelope) throws -> RunCommand {
        let arguments = RequestArguments.arguments(for: envelope)
        do {
            guard let command = try RootCommand.parseAsRoot(arguments) as? RunCommand else {
                throw InvalidInputError("command '\(envelope.command)' cannot be run from a request")
            }
            return command
        } catch let error as any ClassifiedError {
            throw error
        } catch {
            throw InvalidInputError("params: " + RootCommand.message(for: error))
        }
    }

    static func respondToUsageError(_ error: any Error) -> Int32 {
        let outcome = failure(error, requestID: nil, command: nil)
        Console.out(outcome.line)
        return outcome.exitCode
    }

    static func failure(_ error: any Error, requestID: String?, command: String?) -> Outcome {
        let classified = ClassifiedFailure(error)
        Console.err("error: \(classified.message)")
        return Outcome(
            line: ResponseLine.error(requestID: requestID, command: command, failure: classified),
            exitCode: classified.exitCode)
    }
}
