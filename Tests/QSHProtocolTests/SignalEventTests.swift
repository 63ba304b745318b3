import Foundation
import QSHArtifacts
import QSHProtocol
import Testing

/// The common fields every signal line carries, whatever its kind.
struct SignalEventTests {
    @Test(arguments: SignalEvent.Kind.allCases)
    func everyEventCarriesTheCommonFields(_ kind: SignalEvent.Kind) throws {
        let event = SignalEvent(kind: kind, mode: "run", requestID: "r-1", fields: ["run_id": "x"])
        let line = event.json(at: Date(timeIntervalSince1970: 1_767_225_600.25)).line()
        #expect(!line.contains("\n"))
        let parsed = try JSONValue.parse(line)
        #expect(parsed["schema_version"] == "1.0")
        #expect(parsed["event"] == .string(kind.rawValue))
        #expect(parsed["status"] == .string(kind.status))
        #expect(parsed["timestamp"] == "2026-01-01T00:00:00.250000+00:00")
        #expect(parsed["mode"] == "run")
        #expect(parsed["request_id"] == "r-1")
        #expect(parsed["run_id"] == "x")
    }
}
