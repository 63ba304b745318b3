import Foundation
import Synchronization

/// The one redrawn line of progress on a terminal's stderr: label, done/total, percentage,
/// rate and time left. Drawn only after the work has run for `delay` (short work shows nothing),
/// at most `maximumRate` times a second, and cleared when the session ends or another line is
/// printed (which is then redrawn below it).
public final class ProgressLine: Sendable {
    struct State {
        var started: Date
        var lastDraw: Date?
        var shown = false
        var label = ""
        var labelStarted: Date
        var done = 0
        var total: Int?
        var unit = ""
        var text = ""
    }

    private let state: Mutex<State>
    private let write: @Sendable (String) -> Void
    private let columns: @Sendable () -> Int
    private let clock: @Sendable () -> Date
    let delay: TimeInterval
    let interval: TimeInterval

    public init(
        write: @escaping @Sendable (String) -> Void, columns: @escaping @Sendable () -> Int,
        clock: @escaping @Sendable () -> Date = { Date() }, delay: TimeInterval = 0.5, maximumRate: Double = 10
    ) {
        self.write = write
        self.columns = columns
        self.clock = clock
        self.delay = delay
        interval = 1 / maximumRate
        let now = clock()
        state = Mutex(State(started: now, labelStarted: now))
    }

    public func update(label: String, done: Int, total: Int?, unit: String) {
        let now = clock()
        let output = state.withLock { state -> String? in
            if state.label != label {
                state.label = label
                state.labelStarted = now
            }
            state.done = done
            state.total = total
            state.unit = unit
            guard now.timeIntervalSince(state.started) >= delay else { return nil }
            if let last = state.lastDraw, now.timeIntervalSince(last) < interval { return nil }
            state.lastDraw = now
            state.text = Self.render(state, now: now, width: columns())
            state.shown = true
            return "\r\u{1B}[2K" + state.text
        }
        if let output { write(output) }
    }

    /// Prints `line` (plus newline) above the progress line, which is drawn again after it.
    public func print(_ line: String) {
        let output = state.withLock { state -> String in
            state.shown ? "\r\u{1B}[2K" + line + "\n" + state.text : line + "\n"
        }
        write(output)
    }

    /// Removes the line (the end of the session).
    public func clear() {
        let shown = state.withLock { state -> Bool in
            defer { state.shown = false }
            return state.shown
        }
        if shown { write("\r\u{1B}[2K") }
    }

    static func render(_ state: State, now: Date, width: Int) -> String {
        let elapsed = max(now.timeIntervalSince(state.labelStarted), 1e-3)
        let rate = Double(state.done) / elapsed
        var parts = [state.label]
        if let total = state.total, total > 0 {
            let fraction = min(1, Double(state.done) / Double(total))
            parts.append("\(grouped(state.done))/\(grouped(total)) \(state.unit)")
            parts.append(String(format: "%3.0f%%", fraction * 100))
            if rate > 0 { parts.append("ETA " + duration(Double(total - state.done) / rate)) }
        } else {
            parts.append("\(grouped(state.done)) \(state.unit)")
        }
        parts.insert(rateText(rate, state.unit), at: min(parts.count, 3))
        let text = parts.joined(separator: "  ")
        let limit = width > 0 ? width - 1 : 79
        return text.count > limit ? String(text.prefix(limit)) : text
    }

    static func rateText(_ rate: Double, _ unit: String) -> String {
        if rate >= 1e6 { return String(format: "%.1f M ", rate / 1e6) + "\(unit)/s" }
        if rate >= 1e3 { return String(format: "%.1f k ", rate / 1e3) + "\(unit)/s" }
        return String(format: "%.0f ", rate) + "\(unit)/s"
    }

    static func grouped(_ value: Int) -> String {
        let digits = String(value)
        var out = ""
        for (index, character) in digits.enumerated() {
            if index > 0 && (digits.count - index) % 3 == 0 { out.append(",") }
            out.append(character)
        }
        return out
    }

    static func duration(_ seconds: Double) -> String {
        guard seconds.isFinite, seconds >= 0 else { return "?" }
        if seconds < 60 { return String(format: "%.0fs", seconds.rounded(.up)) }
        let whole = Int(seconds.rounded(.up))
        return whole < 3_600 ? "\(whole / 60)m\(String(format: "%02d", whole % 60))s" : "\(whole / 3_600)h\(String(format: "%02d", whole / 60 % 60))m"
    }
}
