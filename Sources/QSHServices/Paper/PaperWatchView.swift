import Foundation
import QSHArtifacts
import QSHCore

/// One look at a watched session: the JSON record (its status, ages, last fills) and the
/// screen a terminal shows for it.
struct PaperWatchView {
    let record: JSONValue
    /// What a change is measured on: the status and the fills, not the ages that grow by
    /// themselves.
    let observed: JSONValue
    let lines: [String]

    init(session: PaperSessionRecord, lastFills: [JSONValue], now: Date) {
        let clock = PaperClock(now)
        var fields = session.status ?? [:]
        fields["session_id"] = .string(session.sessionID)
        fields["status"] = .string(session.state)
        fields["path"] = .string(session.path)
        fields["last_fills"] = .array(lastFills)
        if let reason = session.unreadableReason { fields["unreadable_reason"] = .string(reason) }
        observed = .object(fields)
        fields["observed_at"] = .string(ISOTime.string(from: now))
        fields["heartbeat_age_seconds"] = clock.ageSeconds(session.updatedAt).map { .int($0) } ?? .null
        record = .object(fields)
        let pace = session.metadata?["pace_seconds"]?.doubleValue ?? 0
        lines = Self.screen(fields, clock: clock, quietLimit: Int64(max(Self.quietSeconds, 3 * pace)))
    }

    /// A live session's loop writes its status at least once a second (once a bar when paced):
    /// a heartbeat older than this (or three paces) suggests the process is gone or stuck.
    static let quietSeconds = 60.0

    static func screen(_ fields: [String: JSONValue], clock: PaperClock, quietLimit: Int64) -> [String] {
        func text(_ key: String) -> String? { fields[key]?.stringValue }
        func number(_ key: String) -> Double? { fields[key]?.doubleValue }
        let state = text("status") ?? "unknown"
        let terminal = fields["terminal"]?.boolValue == true
        var lines: [String] = []
        var head = "paper session \(text("session_id") ?? "?")  \(state)"
        if let reason = text("status_reason") { head += " (\(reason))" }
        head += terminal ? "  ended \(text("finished_at") ?? "")" : "  · Ctrl-C stops watching, not the session"
        lines.append(head)
        if let done = fields["bars_processed"]?.intValue {
            var bars = "bars       \(done)"
            if let total = fields["bars_total"]?.intValue, total > 0 {
                bars += " / \(total) (" + Format.fixed(Double(done) / Double(total) * 100, 1) + "%)"
            }
            if let lastBar = text("last_bar_at") {
                bars += "  · last bar \(lastBar)"
                if let age = clock.ageSeconds(lastBar), !terminal { bars += " (\(PaperClock.describe(seconds: age)) old)" }
            }
            if fields["waiting_for_data"]?.boolValue == true && !terminal { bars += "  · waiting for data" }
            lines.append(bars)
        }
        if let equity = number("equity") {
            lines.append(
                "account    equity " + Format.fixed(equity, 2) + "  · cash " + Format.fixed(number("cash"), 2)
                    + "  · position " + Format.fixed(number("position"), 6))
        }
        var beat = "heartbeat  "
        if let age = fields["heartbeat_age_seconds"]?.intValue {
            beat += terminal ? "last at \(text("updated_at") ?? "?")" : "\(PaperClock.describe(seconds: age)) ago"
            if !terminal && age > quietLimit { beat += " (the process may be gone: check it, `qsh paper alerts`, or resume it)" }
        } else {
            beat += "none yet"
        }
        if let fills = fields["fills"]?.intValue { beat += "  · fills \(fills)" }
        if let duration = number("duration_seconds") { beat += "  · ran " + Format.fixed(duration, 1) + " s" }
        lines.append(beat)
        if let errorType = text("error_type") {
            lines.append("error      \(errorType): \(Excerpt.of(text("message") ?? "", limit: 200))")
        }
        if let reason = text("unreadable_reason") { lines.append("unreadable \(reason)") }
        let fills = fields["last_fills"]?.arrayValue ?? []
        if !fills.isEmpty {
            lines.append("last fills")
            let idWidth = fills.compactMap { $0["fill_id"]?.intValue.map { String($0).count + 2 } }.max() ?? 0
            for fill in fills {
                let id = (fill["fill_id"]?.intValue.map { "#\($0)" } ?? "").padding(toLength: idWidth, withPad: " ", startingAt: 0)
                let side = (fill["side"]?.stringValue ?? "?").padding(toLength: 4, withPad: " ", startingAt: 0)
                lines.append(
                    "  \(id)\(fill["timestamp"]?.stringValue ?? "?") \(side) exec " + Format.fixed(fill["exec_price"]?.doubleValue, 4)
                        + "  qty " + Format.fixed(fill["qty"]?.doubleValue, 6) + "  fee " + Format.fixed(fill["fee"]?.doubleValue, 4)
                        + "  equity " + Format.fixed(fill["equity_after"]?.doubleValue, 2))
            }
        }
        return lines
    }
}
