import Foundation
import QSHCore

/// Reads paper session folders. A session folder is one holding `session_metadata.json`,
/// `session_status.json` or `report.json` (the contract's rule); anything else in the sessions
/// folder (the index files, hidden entries, other folders) is not a session.
public enum PaperSessionFolders {
    public static let statusFile = "session_status.json"
    public static let metadataFile = "session_metadata.json"
    public static let reportFile = "report.json"
    static let markers = [metadataFile, statusFile, reportFile]

    /// `<root>/paper_sessions`.
    public static func sessionsDirectory(root: String) -> String {
        (root as NSString).appendingPathComponent("paper_sessions")
    }

    public static func isDirectory(_ path: String) -> Bool {
        var isDirectory: ObjCBool = false
        return FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
    }

    public static func isSession(_ path: String) -> Bool {
        isDirectory(path) && markers.contains { FileManager.default.fileExists(atPath: (path as NSString).appendingPathComponent($0)) }
    }

    /// Every session in `root` (a sessions folder), sorted by session id then path; nil when
    /// `root` is not a folder.
    public static func scan(root: String) -> PaperSessionsScan? {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: root), isDirectory(root) else { return nil }
        var sessions: [PaperSessionRecord] = []
        for name in names where !name.hasPrefix(".") {
            let path = (root as NSString).appendingPathComponent(name)
            if let record = read(path) { sessions.append(record) }
        }
        sessions.sort { ($0.sessionID, $0.path) < ($1.sessionID, $1.path) }
        return PaperSessionsScan(root: root, sessions: sessions)
    }

    /// The session in `path`, or nil when it is no session folder.
    public static func read(_ path: String) -> PaperSessionRecord? {
        guard isSession(path) else { return nil }
        var problems: [RunFileProblem] = []
        func object(_ file: String) -> [String: JSONValue]? {
            let filePath = (path as NSString).appendingPathComponent(file)
            guard FileManager.default.fileExists(atPath: filePath) else { return nil }
            switch RunFolders.readObject(filePath, file) {
            case .success(let value): return value.objectValue
            case .failure(let problem):
                problems.append(problem)
                return nil
            }
        }
        let metadata = object(metadataFile)
        let report = object(reportFile)
        let status = object(statusFile)
        problems.sort { $0.file < $1.file }
        let name = (path as NSString).lastPathComponent
        let id = status?["session_id"]?.stringValue ?? metadata?["session_id"]?.stringValue ?? name
        return PaperSessionRecord(
            sessionID: id, path: path, status: status, metadata: metadata, report: report, problems: problems)
    }

    /// The JSON object in `path`, or what is wrong with the file (`file` names it).
    public static func readObject(_ path: String, _ file: String) -> Result<JSONValue, RunFileProblem> {
        RunFolders.readObject(path, file)
    }
}
