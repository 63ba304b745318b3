import Foundation
import QSHProtocol
import Synchronization
import Testing

/// The redrawn progress line: silent for short work, throttled, cleared at the end.
struct ProgressLineTests {
    final class Terminal: Sendable {
        let written = Mutex<[String]>([])
        let now = Mutex(Date(timeIntervalSince1970: 1_000))
        func advance(_ seconds: TimeInterval) { now.withLock { $0 = $0.addingTimeInterval(seconds) } }

        func line(delay: TimeInterval = 0.5) -> ProgressLine {
            ProgressLine(
                write: { text in self.written.withLock { $0.append(text) } }, columns: { 60 },
                clock: { self.now.withLock { $0 } }, delay: delay)
        }
    }

    @Test func shortWorkShowsNothing() {
        let terminal = Terminal()
        let progress = terminal.line()
        progress.update(label: "writing", done: 10, total: 100, unit: "rows")
        terminal.advance(0.3)
        progress.update(label: "writing", done: 50, total: 100, unit: "rows")
        progress.clear()
        #expect(terminal.written.withLock { $0 }.isEmpty)
    }

    @Test func longWorkIsDrawnAtMostTenTimesASecondAndCleared() {
        let terminal = Terminal()
        let progress = terminal.line()
        terminal.advance(1)
        for step in 1...100 {
            progress.update(label: "writing equity.csv", done: step * 1_000, total: 100_000, unit: "rows")
            terminal.advance(0.01)
        }
        let draws = terminal.written.withLock { $0 }
        #expect(draws.count == 10, "\(draws.count) draws in one second")
        #expect(draws.allSatisfy { $0.hasPrefix("\r\u{1B}[2K") && $0.count <= 60 + 4 })
        #expect(draws[0].contains("writing equity.csv") && draws[0].contains("/100,000 rows"))
        progress.print("warning: x")
        #expect(terminal.written.withLock { $0 }.last!.contains("warning: x\n"))
        progress.clear()
        #expect(terminal.written.withLock { $0 }.last == "\r\u{1B}[2K")
    }
}
