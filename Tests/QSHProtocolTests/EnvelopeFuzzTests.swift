import Foundation
import QSHArtifacts
import QSHCore
import QSHProtocol
import QSHServices
import QSHTestSupport
import Testing

/// The 10,000-envelope corpus, in-process: each envelope goes through exactly what the binary
/// does before any work starts (decode, envelope checks, params through the declaration, the
/// typed request and the service's own checks), and whatever arrives ends in either a runnable
/// request or a classified error whose response line is one line of JSON with the right code.
/// `QSH_FUZZ_ENVELOPES` and `QSH_FUZZ_SEED` change the count and the seed (the end-to-end
/// test sends a few hundred of the same corpus through the real binary).
struct EnvelopeFuzzTests {
    static let environment = ProcessInfo.processInfo.environment
    static let count = environment["QSH_FUZZ_ENVELOPES"].flatMap { Int($0) } ?? 10_000
    static let seed = environment["QSH_FUZZ_SEED"].flatMap { UInt64($0) } ?? 20_261_201

    enum Verdict: Hashable { case runnable, rejected(Int32) }

    @Test func everyEnvelopeIsAcceptedOrRejectedWithOneClassifiedLine() throws {
        let registry = CommandRegistry.standard
        var verdicts: [Verdict: Int] = [:]
        var problems: [String] = []
        for index in 0..<Self.count {
            var generator = EnvelopeGenerator(seed: Self.seed &+ UInt64(index))
            let envelope = generator.next()
            let (verdict, problem) = Self.check(envelope.bytes, registry: registry)
            verdicts[verdict, default: 0] += 1
            if let problem, problems.count < 10 {
                problems.append("#\(index) \(problem): \(String(decoding: envelope.bytes.prefix(200), as: UTF8.self).debugDescription)")
            }
        }
        #expect(problems.isEmpty, "seed \(Self.seed):\n\(problems.joined(separator: "\n"))")
        // The corpus reaches every outcome: runnable requests, envelope errors, strategy errors.
        if Self.count >= 1_000 {
            #expect(verdicts[.runnable, default: 0] > 0, "\(verdicts)")
            #expect(verdicts[.rejected(2), default: 0] > 0, "\(verdicts)")
            #expect(verdicts[.rejected(4), default: 0] > 0, "\(verdicts)")
        }
    }

    /// What the binary would do with `bytes` up to the point where work starts.
    static func check(_ bytes: [UInt8], registry: CommandRegistry) -> (Verdict, String?) {
        let context = ServiceContext(workingDirectory: "/nonexistent-fuzz", command: "run")
        var requestID: String?
        var command: String?
        let failure: ClassifiedFailure
        do {
            let envelope = try RequestEnvelope.decode(bytes, registry: registry)
            requestID = envelope.requestID
            command = envelope.command
            guard envelope.registered.declaration.available else { throw InvalidInputError("not available") }
            _ = try envelope.registered.executor.prepare(envelope.values, context: context)
            return (.runnable, nil)
        } catch let rejection as RequestRejection {
            failure = ClassifiedFailure(rejection.error)
            requestID = rejection.requestID
            command = rejection.command
        } catch {
            failure = ClassifiedFailure(error)
        }
        guard (2...4).contains(failure.exitCode) else {
            return (.rejected(failure.exitCode), "exit \(failure.exitCode) (\(failure.errorType)): \(failure.message)")
        }
        let line = ResponseLine.error(requestID: requestID, command: command, failure: failure)
        guard !line.contains("\n"), let parsed = try? JSONValue.parse(line),
            parsed["error"]?["exit_code"]?.intValue == Int64(failure.exitCode), parsed["status"] == "error"
        else {
            return (.rejected(failure.exitCode), "response line is not one JSON line with the exit code: \(line)")
        }
        guard failure.message.count <= 1_000 else {
            return (.rejected(failure.exitCode), "message of \(failure.message.count) characters")
        }
        return (.rejected(failure.exitCode), nil)
    }
}
