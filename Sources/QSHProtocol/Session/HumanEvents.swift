import QSHServices

/// Service events for a person: a progress line on a terminal (unless quiet), warnings and
/// markers on stderr. Stage events name the work; they are not printed on their own.
struct HumanEvents: Sendable {
    let streams: OutputStreams
    let progress: ProgressLine?
    /// Live views (`paper watch`) on stdout; nil for a JSON request, whose stdout is its
    /// response line.
    let liveView: LiveView?
    /// Output lines (soak markers) on stdout; false for a JSON request or `--json`.
    let linesOnStdout: Bool

    init(streams: OutputStreams, showProgress: Bool, showLiveViews: Bool, linesOnStdout: Bool) {
        self.linesOnStdout = linesOnStdout
        self.streams = streams
        progress = showProgress && streams.errorIsTerminal
            ? ProgressLine(write: streams.writeErr, columns: streams.columns) : nil
        liveView = showLiveViews ? LiveView(streams: streams) : nil
    }

    func handle(_ event: any ServiceEvent) {
        if let view = event as? LiveViewEvent {
            liveView?.show(view)
        } else if let line = event as? OutputLineEvent {
            // Human mode owns stdout; a JSON request's stdout is its one response line.
            if linesOnStdout {
                progress?.clear()
                streams.out(line.text)
            } else if let progress { progress.print(line.text) } else { streams.err(line.text) }
        } else if let update = event as? ProgressEvent {
            progress?.update(label: update.label, done: update.done, total: update.total, unit: update.unit)
        } else if let line = event.humanLine {
            if let progress { progress.print(line) } else { streams.err(line) }
        }
    }

    func finish() { progress?.clear() }
}
