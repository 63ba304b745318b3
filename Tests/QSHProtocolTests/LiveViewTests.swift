import Foundation
@testable import QSHProtocol
import QSHArtifacts
@testable import QSHServices
import Synchronization
import Testing

/// Live views (`paper watch`): redrawn in place on a terminal, one JSON line per change
/// elsewhere; and the watch screen of a session that went quiet.
struct LiveViewTests {
    final class Output: Sendable {
        let written = Mutex<[String]>([])
        func streams(terminal: Bool, width: Int = 40) -> OutputStreams {
            OutputStreams(
                writeOut: { text in self.written.withLock { $0.append(text) } }, writeErr: { _ in }, errorIsTerminal: false,
                outputIsTerminal: terminal, outputColumns: { width })
        }
        var lines: [String] { written.withLock { $0 } }
    }

    static func event(_ lines: [String], changed: Bool = true) -> LiveViewEvent {
        LiveViewEvent(lines: lines, record: .object(["n": .int(Int64(lines.count))]), changed: changed, signal: nil)
    }

    @Test func onATerminalEachDrawingReplacesTheLastAndLinesAreCutToTheWidth() {
        let output = Output()
        let view = LiveView(streams: output.streams(terminal: true, width: 10))
        view.show(Self.event(["one", "two", "three"]))
        view.show(Self.event(["four", "a line longer than ten"], changed: false))
        view.show(Self.event(["five"]))
        #expect(output.lines == [
            "\u{1B}[Jone\ntwo\nthree",
            "\u{1B}[3F\u{1B}[Jfour\na line lo",
            "\u{1B}[2F\u{1B}[Jfive",
        ])
    }

    @Test func offATerminalOnlyChangesArePrintedAsJSONLines() {
        let output = Output()
        let view = LiveView(streams: output.streams(terminal: false))
        view.show(Self.event(["a"]))
        view.show(Self.event(["a"], changed: false))
        view.show(Self.event(["a", "b"]))
        #expect(output.lines == [#"{"n": 1}"#, #"{"n": 2}"#])
    }

    @Test func aChangeIsASignalAndAnAgeingRedrawIsNot() {
        let signal = ServiceSignal(name: "PAPER_SESSION_STATUS", status: "running")
        #expect(LiveViewEvent(lines: [], record: .null, changed: true, signal: signal).signal == signal)
        #expect(LiveViewEvent(lines: [], record: .null, changed: false, signal: signal).signal == nil)
    }

    static func session(updatedAt: String, pace: Double?) -> PaperSessionRecord {
        PaperSessionRecord(
            sessionID: "s1", path: "/x/s1",
            status: [
                "status": .string("running"), "terminal": .bool(false), "updated_at": .string(updatedAt),
                "bars_processed": .int(5), "bars_total": .int(10), "equity": .double(1000), "cash": .double(1000),
                "position": .double(0), "fills": .int(0),
            ],
            metadata: pace.map { ["pace_seconds": .double($0)] } ?? [:], report: nil, problems: [])
    }

    @Test func aQuietHeartbeatSaysTheProcessMayBeGoneAfterAMinuteOrThreePaces() {
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        func heartbeat(_ secondsAgo: Double, pace: Double? = nil) -> String {
            let updated = ISOTime.string(from: now.addingTimeInterval(-secondsAgo))
            let view = PaperWatchView(session: Self.session(updatedAt: updated, pace: pace), lastFills: [], now: now)
            return view.lines.first { $0.hasPrefix("heartbeat") } ?? ""
        }
        #expect(heartbeat(5) == "heartbeat  5s ago  · fills 0")
        #expect(heartbeat(61).contains("1m 01s ago (the process may be gone"))
        #expect(!heartbeat(61, pace: 30).contains("may be gone"), "three 30 s paces have not passed")
        #expect(heartbeat(91, pace: 30).contains("may be gone"))
    }
}
