import QSHServices

/// Service events for a person: a progress line on a terminal (unless quiet), warnings and
/// markers on stderr. Stage events name the work; they are not printed on their own.
struct HumanEvents: Sendable {
    let streams: OutputStreams
    let progress: ProgressLine?

    init(streams: OutputStreams, showProgress: Bool) {
        self.streams = streams
        progress = showProgress && streams.errorIsTerminal
            ? ProgressLine(write: streams.writeErr, columns: streams.columns) : nil
    }

    func handle(_ event: any ServiceEvent) {
        if let update = event as? ProgressEvent {
            progress?.update(label: update.label, done: update.done, total: update.total, unit: update.unit)
        } else if let line = event.humanLine {
            if let progress { progress.print(line) } else { streams.err(line) }
        }
    }

    func finish() { progress?.clear() }
}
