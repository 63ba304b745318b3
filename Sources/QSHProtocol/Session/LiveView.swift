import QSHArtifacts
import QSHServices
import Synchronization

/// How a session's `LiveViewEvent`s reach a person: on a terminal the view is redrawn in place
/// (the cursor goes back up over the last drawing, which is cleared); elsewhere, one compact
/// JSON line per change, so that a pipe or a log gets a record of every status change.
final class LiveView: Sendable {
    private let streams: OutputStreams
    private let drawnLines = Mutex(0)

    init(streams: OutputStreams) { self.streams = streams }

    func show(_ event: LiveViewEvent) {
        guard streams.outputIsTerminal else {
            if event.changed { streams.out(event.record.compact()) }
            return
        }
        let width = streams.outputColumns()
        // Lines are cut to the terminal's width: a wrapped line would throw the count off.
        let lines = event.lines.map { width > 1 && $0.count >= width ? String($0.prefix(width - 1)) : $0 }
        drawnLines.withLock { drawn in
            // ESC[nF: to the start of the line n lines up; ESC[J: clear from there down.
            let back = drawn > 0 ? "\u{1B}[\(drawn)F" : ""
            streams.out(back + "\u{1B}[J" + lines.joined(separator: "\n"))
            drawn = lines.count
        }
    }
}
