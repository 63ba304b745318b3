import QSHServices

/// Service events for a person at a terminal: warnings always, progress only when asked.
struct HumanEventSink: ServiceEventSink {
    var verbose = false

    func emit(_ event: ServiceEvent) {
        switch event {
        case .warning(let message): Console.err("warning: \(message)")
        case .stage(let message): if verbose { Console.err("… \(message)") }
        }
    }
}
