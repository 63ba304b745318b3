import Foundation
import QSHArtifacts
import QSHCore

/// `run --paper --resume SESSION_DIR`: the session's own request, rebuilt from its
/// `config.json`, for a session that did not finish (aborted, or `running` with a dead
/// process). The session then replays its bars from the first (the signals are a function of
/// the data), appends only the fills `trades.csv` does not hold yet, and goes on from there:
/// no fill lost, none repeated, and the results equal an uninterrupted session's.
enum PaperResume {
    static func request(resuming given: RunRequest, context: ServiceContext) throws -> RunRequest {
        guard let raw = given.resumeFolder else { return given }
        let folder = context.resolve(raw)
        let status = try document(folder, "session_status.json")
        let state = status["status"]?.stringValue ?? "?"
        guard state == "aborted" || state == "running" else {
            throw InvalidInputError(
                "--resume: session '\(Excerpt.of(raw, limit: 60))' already ended (status \(state)); only aborted or stale sessions resume")
        }
        let config = try document(folder, "config.json")
        _ = try completeFills(in: (folder as NSString).appendingPathComponent("trades.csv"), repair: false)
        var request = RunRequest(config: config)
        request.paper = true
        request.paceSeconds = given.paceSeconds
        request.follow = given.follow
        request.idleTimeoutSeconds = given.idleTimeoutSeconds
        request.resumeFolder = folder
        return request
    }

    static func document(_ folder: String, _ name: String) throws -> JSONValue {
        let path = (folder as NSString).appendingPathComponent(name)
        guard let data = FileManager.default.contents(atPath: path) else {
            throw InvalidInputError("--resume: '\(Excerpt.of(path, limit: 120))' cannot be read: is it a paper session folder?")
        }
        do {
            return try JSONValue.parse(bytes: [UInt8](data))
        } catch {
            throw InvalidInputError("--resume: \(name) of the session is damaged (\(error))")
        }
    }

    /// The fills `trades.csv` holds in whole rows; a half-written last row (the process died
    /// mid-write) is cut off so the next append starts on a fresh line.
    /// `repair: false` only checks (the request is validated before the session starts).
    static func completeFills(in path: String, repair: Bool = true) throws -> Int {
        guard let data = FileManager.default.contents(atPath: path) else { return 0 }
        let bytes = [UInt8](data)
        let complete = bytes.lastIndex(of: 0x0A).map { $0 + 1 } ?? 0
        if repair, complete < bytes.count, truncate(path, off_t(complete)) != 0 {
            throw InvalidInputError("--resume: cannot repair '\(path)': \(String(cString: strerror(errno)))")
        }
        let rows = bytes[..<complete].reduce(0) { $0 + ($1 == 0x0A ? 1 : 0) }
        let fills = max(rows - 1, 0)  // the header
        // The last row's fill_id must be its ordinal: anything else means the file was edited
        // or belongs to another session, and resuming would repeat or skip fills.
        if fills > 0 {
            let end = complete - 1
            let lastRow = bytes[(bytes[..<end].lastIndex(of: 0x0A).map { $0 + 1 } ?? 0)..<end]
            let id = lastRow.split(separator: UInt8(ascii: ","), omittingEmptySubsequences: false).last
                .flatMap { Int(String(decoding: $0, as: UTF8.self)) }
            guard id == fills else {
                throw InvalidInputError(
                    "--resume: '\(Excerpt.of(path, limit: 120))' is inconsistent: its last row has fill_id "
                        + "\(id.map(String.init) ?? "none") but it holds \(fills) fill\(fills == 1 ? "" : "s")")
            }
        }
        return fills
    }
}
