import Crypto
import QSHCore
import Foundation

/// Artifact identifiers: `YYYYMMDD_HHMMSS_<kind>_<h7>` (UTC), where `h7` starts the sha1 of the
/// config serialised as sorted-key JSON (Python's `json.dumps(config, sort_keys=True)`).
public enum ArtifactID {
    public static func make(kind: String, config: JSONValue, now: Date) -> (id: String, configHash: String) {
        let hash = configHash(config)
        return ("\(UTCStamp.compact(now))_\(kind)_\(hash.prefix(7))", hash)
    }

    public static func configHash(_ config: JSONValue) -> String {
        Insecure.SHA1.hash(data: Array(config.compact().utf8)).map { byte in
            let hex = String(byte, radix: 16)
            return hex.count == 1 ? "0" + hex : hex
        }.joined()
    }
}

/// UTC wall-clock stamps without Foundation's formatters (which are slow to create).
public enum UTCStamp {
    static func fields(_ date: Date) -> (year: Int64, month: Int64, day: Int64, hour: Int64, minute: Int64, second: Int64) {
        let seconds = Int64(date.timeIntervalSince1970.rounded(.down))
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let rest = seconds - days * 86_400
        let civil = Timestamp.civilFromDays(days)
        return (civil.year, civil.month, civil.day, rest / 3_600, rest % 3_600 / 60, rest % 60)
    }

    static func two(_ value: Int64) -> String { value < 10 ? "0\(value)" : "\(value)" }

    /// `20261124_055000`
    public static func compact(_ date: Date) -> String {
        let f = fields(date)
        return "\(f.year)\(two(f.month))\(two(f.day))_\(two(f.hour))\(two(f.minute))\(two(f.second))"
    }

    /// `2026-11-24T05:50:00+00:00` (ISO 8601 with offset, as the contract asks).
    public static func iso(_ date: Date) -> String {
        let f = fields(date)
        return "\(f.year)-\(two(f.month))-\(two(f.day))T\(two(f.hour)):\(two(f.minute)):\(two(f.second))+00:00"
    }
}

/// ISO 8601 timestamps for artifacts.
public enum ISOTime {
    public static func string(from date: Date) -> String { UTCStamp.iso(date) }

    /// With microseconds (`2026-11-24T05:50:00.123456+00:00`), for events that may share a second.
    public static func precise(from date: Date) -> String {
        let whole = date.timeIntervalSince1970.rounded(.down)
        let micros = min(Int((date.timeIntervalSince1970 - whole) * 1_000_000), 999_999)
        let digits = String(micros)
        let base = UTCStamp.iso(date)
        return base.dropLast(6) + "." + String(repeating: "0", count: 6 - digits.count) + digits + "+00:00"
    }
}
