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

    /// Every session in `root` (a sessions folder), sorted by session id then path; nil when
    /// `root` is not a folder. The folders are read on all cores (each is independent).
    public static func scan(root: String) -> PaperSessionsScan? {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: root), isDirectory(root) else { return nil }
        let candidates = names.filter { !$0.hasPrefix(".") }.map { (root as NSString).appendingPathComponent($0) }
        let found = ScanResults(count: candidates.count)
        let workers = max(1, min(ProcessInfo.processInfo.activeProcessorCount, candidates.count / 64))
        DispatchQueue.concurrentPerform(iterations: workers) { worker in
            var index = worker
            while index < candidates.count {
                found.set(index, read(candidates[index]))
                index += workers
            }
        }
        var sessions = found.records.compactMap { $0 }
        sessions.sort { ($0.sessionID, $0.path) < ($1.sessionID, $1.path) }
        return PaperSessionsScan(root: root, sessions: sessions)
    }

    /// The session in `path`, or nil when it is no session folder (none of the marker files is
    /// there).
    public static func read(_ path: String) -> PaperSessionRecord? {
        var problems: [RunFileProblem] = []
        var present = false
        func object(_ file: String) -> [String: JSONValue]? {
            switch SmallFile.read((path as NSString).appendingPathComponent(file)) {
            case .missing:
                return nil
            case .unreadable:
                present = true
                problems.append(RunFileProblem(file: file, reason: "is unreadable"))
                return nil
            case .bytes(let bytes):
                present = true
                switch RunFolders.parseObject(bytes, file) {
                case .success(let value): return value.objectValue
                case .failure(let problem):
                    problems.append(problem)
                    return nil
                }
            }
        }
        let metadata = object(metadataFile)
        let report = object(reportFile)
        let status = object(statusFile)
        guard present else { return nil }
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

/// One slot per candidate folder, each written by exactly one worker of `scan` before
/// `concurrentPerform` returns, through a buffer allocated once (hence unchecked).
private final class ScanResults: @unchecked Sendable {
    private let slots: UnsafeMutableBufferPointer<PaperSessionRecord?>
    init(count: Int) {
        slots = .allocate(capacity: count)
        slots.initialize(repeating: nil)
    }
    deinit { slots.deinitialize().deallocate() }
    func set(_ index: Int, _ record: PaperSessionRecord?) { slots[index] = record }
    var records: [PaperSessionRecord?] { Array(slots) }
}
