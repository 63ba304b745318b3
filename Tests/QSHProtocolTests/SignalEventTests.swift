import Foundation
import QSHArtifacts
import QSHCore
import QSHProtocol
import Testing

/// The common fields every signal line carries, whatever its kind.
struct SignalEventTests {
    static let events: [SignalEvent] = [
        .started(mode: "run", requestID: "r-1"),
        .completed(mode: "run", requestID: "r-1", fields: ["run_id": "x"]),
        .failed(mode: "run", requestID: "r-1", failure: ClassifiedFailure(exitCode: 3, errorType: "DataError", message: "m")),
        // A service's own event kind travels the same way.
        SignalEvent(name: "TUNE_JOB_COMPLETED", status: "running", mode: "tune", requestID: "r-1", fields: ["job_id": "j"]),
    ]

    @Test(arguments: events)
    func everyEventCarriesTheCommonFields(_ event: SignalEvent) throws {
        let line = event.json(at: Date(timeIntervalSince1970: 1_767_225_600.25)).line()
        #expect(!line.contains("\n"))
        let parsed = try JSONValue.parse(line)
        #expect(parsed["schema_version"] == "1.0")
        #expect(parsed["event"] == .string(event.name))
        #expect(parsed["status"] == .string(event.status))
        #expect(parsed["timestamp"] == "2026-01-01T00:00:00.250000+00:00")
        #expect(parsed["mode"] == .string(event.mode))
        #expect(parsed["request_id"] == "r-1")
        for (key, value) in event.fields { #expect(parsed[key] == value) }
    }

    @Test func eventFieldsCannotOverrideTheCommonOnes() throws {
        let event = SignalEvent(name: "X", status: "running", mode: "run", requestID: nil, fields: ["event": "forged", "mode": "m"])
        let parsed = try JSONValue.parse(event.json(at: Date(timeIntervalSince1970: 0)).line())
        #expect(parsed["event"] == "X")
        #expect(parsed["mode"] == "run")
    }
}

@Suite struct FailureMessageCapTests {
    struct Loud: Error, CustomStringConvertible {
        var description: String { "boom\n" + String(repeating: "x", count: 5_000) }
    }

    @Test func anyMessageIsOneLineAndCut() {
        let failure = ClassifiedFailure(Loud())
        #expect(!failure.message.contains("\n"))
        #expect(failure.message.hasPrefix("boom xxx"))
        #expect(failure.message.count < 1_100)
        #expect(failure.message.hasSuffix("... (message cut at 1000 characters)"))
        #expect(ClassifiedFailure(InvalidInputError("short")).message == "short")
    }
}
