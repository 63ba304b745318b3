import Foundation
import QSHArtifacts
import QSHCore

/// The sessions folder an operator command reads: the folder a request names (a sessions
/// folder, or an artifact root holding `paper_sessions/`), else `<artifact root>/paper_sessions`.
public struct PaperSessionsInspection: Sendable {
    public let root: String

    public init(directory: String?, context: ServiceContext) {
        guard let directory else {
            root = PaperSessionFolders.sessionsDirectory(root: context.artifactRoot)
            return
        }
        let path = context.resolve(directory)
        let nested = PaperSessionFolders.sessionsDirectory(root: path)
        root = PaperSessionFolders.isDirectory(nested) ? nested : path
    }

    /// A missing sessions folder is invalid input (exit 2).
    public func requireDirectory() throws {
        guard PaperSessionFolders.isDirectory(root) else {
            throw InvalidInputError("no paper sessions folder at '\(root)' (run `qsh run --paper ...` first or pass --outdir)")
        }
    }

    /// Every session, after checking the folder; warns about each damaged one.
    public func scan(context: ServiceContext) throws -> PaperSessionsScan {
        try requireDirectory()
        guard let scan = PaperSessionFolders.scan(root: root) else {
            throw InvalidInputError("cannot list the paper sessions folder '\(root)'")
        }
        for warning in scan.warnings { context.emit(WarningEvent(warning)) }
        return scan
    }

    /// A session by folder path, else by id or unique id prefix in this sessions folder.
    public func session(_ reference: String, context: ServiceContext) throws -> PaperSessionRecord {
        let path = context.resolve(reference)
        if PaperSessionFolders.isDirectory(path) {
            guard let record = PaperSessionFolders.read(path) else {
                throw InvalidInputError(
                    "'\(path)' is no paper session folder (it holds none of session_status.json, session_metadata.json, report.json)")
            }
            return record
        }
        guard PaperSessionFolders.isDirectory(root), let scan = PaperSessionFolders.scan(root: root) else {
            throw InvalidInputError("no paper session folder at '\(path)'")
        }
        if let exact = scan.sessions.first(where: { $0.sessionID == reference }) { return exact }
        let matches = scan.sessions.filter { $0.sessionID.hasPrefix(reference) }
        guard matches.count == 1 else {
            if matches.isEmpty { throw InvalidInputError("no paper session folder at '\(path)' and no session '\(reference)' in \(root)") }
            throw InvalidInputError(
                "session id prefix '\(reference)' is ambiguous: \(matches.prefix(5).map(\.sessionID).joined(separator: ", "))")
        }
        return matches[0]
    }
}

/// Ages of sessions as of one instant.
public struct PaperClock: Sendable {
    public let nowMillis: Int64

    public init(_ now: Date) { nowMillis = Int64((now.timeIntervalSince1970 * 1000).rounded(.down)) }

    /// Minutes from `timestamp` to now, rounded to 0.01; nil when it is no timestamp.
    public func ageMinutes(_ timestamp: String?) -> Double? {
        guard let timestamp, let millis = Timestamp.parse(timestamp) else { return nil }
        return (Double(nowMillis - millis) / 600).rounded() / 100
    }

    /// Seconds from `timestamp` to now (whole seconds); nil when it is no timestamp.
    public func ageSeconds(_ timestamp: String?) -> Int64? {
        guard let timestamp, let millis = Timestamp.parse(timestamp) else { return nil }
        return (nowMillis - millis) / 1000
    }

    /// `3h 05m`, `12m 30s`, `45s` (negative ages, from clocks ahead of this one, say `in the future`).
    public static func describe(seconds: Int64) -> String {
        guard seconds >= 0 else { return "\(describe(seconds: -seconds)) in the future" }
        let days = seconds / 86_400, hours = seconds / 3600 % 24, minutes = seconds / 60 % 60, rest = seconds % 60
        func two(_ value: Int64) -> String { value < 10 ? "0\(value)" : "\(value)" }
        if days > 0 { return "\(days)d \(two(hours))h" }
        if hours > 0 { return "\(hours)h \(two(minutes))m" }
        if minutes > 0 { return "\(minutes)m \(two(rest))s" }
        return "\(rest)s"
    }
}
