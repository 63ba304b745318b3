import Crypto
import Foundation
import QSHCore

/// Artifact identifiers: `YYYYMMDD_HHMMSS_<kind>_<h7>` (UTC), where `h7` starts the sha1 of the
/// config serialised as sorted-key JSON (Python's `json.dumps(config, sort_keys=True)`).
/// Two artifacts of the same kind and config made in the same second get the same id here;
/// `StagedDirectory` makes the folder name unique (`_2`, `_3`, ...).
public enum ArtifactID {
    public static func make(kind: String, config: JSONValue, now: Date) -> (id: String, configHash: String) {
        let hash = configHash(config)
        return ("\(UTCStamp.compact(now))_\(kind)_\(hash.prefix(7))", hash)
    }

    /// Full lowercase hex sha1 of `config.compact()` as UTF-8.
    public static func configHash(_ config: JSONValue) -> String {
        sha1Hex(Array(config.compact().utf8))
    }

    /// Lowercase hex sha1 of some bytes.
    public static func sha1Hex(_ bytes: [UInt8]) -> String {
        let digits = Array("0123456789abcdef".utf8)
        var out: [UInt8] = []
        out.reserveCapacity(40)
        for byte in Insecure.SHA1.hash(data: bytes) {
            out.append(digits[Int(byte >> 4)])
            out.append(digits[Int(byte & 0x0F)])
        }
        return String(decoding: out, as: UTF8.self)
    }
}

/// UTC wall-clock stamps without Foundation's formatters (which are slow to create).
public enum UTCStamp {
    typealias Fields = (year: Int64, month: Int64, day: Int64, hour: Int64, minute: Int64, second: Int64)

    static func fields(_ date: Date) -> Fields {
        fields(seconds: Int64(date.timeIntervalSince1970.rounded(.down)))
    }

    static func fields(seconds: Int64) -> Fields {
        let days = seconds >= 0 ? seconds / 86_400 : (seconds - 86_399) / 86_400
        let rest = seconds - days * 86_400
        let civil = Timestamp.civilFromDays(days)
        return (civil.year, civil.month, civil.day, rest / 3_600, rest % 3_600 / 60, rest % 60)
    }

    static func two(_ value: Int64) -> String { value < 10 ? "0\(value)" : "\(value)" }

    /// Four-digit years (0001-9999; the sign is kept for the unlikely dates outside that).
    static func year(_ value: Int64) -> String {
        let digits = String(abs(value))
        return (value < 0 ? "-" : "") + String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }

    /// `20261124_055000`
    public static func compact(_ date: Date) -> String {
        let f = fields(date)
        return "\(year(f.year))\(two(f.month))\(two(f.day))_\(two(f.hour))\(two(f.minute))\(two(f.second))"
    }

    /// `2026-11-24T05:50:00+00:00` (ISO 8601 with offset, as the contract asks).
    public static func iso(_ date: Date) -> String { iso(fields(date)) }

    static func iso(_ f: Fields, fraction: String = "") -> String {
        "\(year(f.year))-\(two(f.month))-\(two(f.day))T\(two(f.hour)):\(two(f.minute)):\(two(f.second))\(fraction)+00:00"
    }
}

/// ISO 8601 timestamps for artifacts and events, always UTC with an explicit `+00:00` offset
/// (what Python's `datetime.now(timezone.utc).isoformat(timespec="seconds")` prints).
public enum ISOTime {
    /// `2026-11-24T05:50:00+00:00` (seconds truncated).
    public static func string(from date: Date) -> String { UTCStamp.iso(date) }

    /// With microseconds (`2026-11-24T05:50:00.123456+00:00`), for events that may share a
    /// second. Rounded to the nearest microsecond, carrying into the seconds when needed.
    public static func precise(from date: Date) -> String {
        let total = (date.timeIntervalSince1970 * 1_000_000).rounded()
        guard total.magnitude < 9.0e18 else { return UTCStamp.iso(date) }
        let micros = Int64(total)
        let seconds = micros >= 0 ? micros / 1_000_000 : (micros - 999_999) / 1_000_000
        let digits = String(micros - seconds * 1_000_000)
        let fraction = "." + String(repeating: "0", count: 6 - digits.count) + digits
        return UTCStamp.iso(UTCStamp.fields(seconds: seconds), fraction: fraction)
    }
}
