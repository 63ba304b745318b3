import Foundation
@testable import QSHArtifacts
import Testing

/// `PaperSessionsIndex.refresh(root:now:)`, as `paper index` calls it.
struct PaperSessionsIndexTests {
    func write(_ text: String, _ path: String) throws {
        try FileManager.default.createDirectory(
            atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try text.write(toFile: path, atomically: true, encoding: .utf8)
    }

    @Test func indexesEverySessionFolderWithTheContractColumns() throws {
        let folder = try TemporaryFolder()
        try write(
            #"{"session_id": "s2", "status": "failed", "terminal": true, "error_type": "DataError", "updated_at": "2026-12-01T00:00:00+00:00"}"#,
            folder.file("b/session_status.json"))
        try write(#"{"session_id": "s1", "created_at": "2026-11-30T00:00:00+00:00"}"#, folder.file("a/session_metadata.json"))
        try write(#"{"machine_contract": {"contract_type": "quantlab.paper.result"}}"#, folder.file("a/report.json"))
        try write(#"{"status": "run"#, folder.file("c/session_status.json"))
        try write("x", folder.file("not-a-session/readme.txt"))
        let written = try PaperSessionsIndex.refresh(root: folder.path, now: Date(timeIntervalSince1970: 1_796_295_600))
        #expect(written.sessions == 3 && written.warnings.count == 1)
        let lines = try folder.read(PaperSessionsIndex.csvName).split(separator: "\n").map(String.init)
        #expect(lines[0] == PaperSessionsIndex.columns.joined(separator: ","))
        #expect(lines[1].hasPrefix("c,unreadable,"))
        #expect(lines[2] == "s1,unknown,2026-11-30T00:00:00+00:00,,,,,,,,,quantlab.paper.result,\(folder.file("a"))")
        #expect(lines[3].hasPrefix("s2,failed,,,2026-12-01T00:00:00+00:00,,true,,,,DataError,,"))
        let json = try JSONValue.parse(bytes: Array(try folder.read(PaperSessionsIndex.jsonName).utf8))
        #expect(json["n_sessions"]?.intValue == 3 && json["generated_at"]?.stringValue == "2026-12-03T11:00:00+00:00")
        // Hidden: only the lock and the stamp, no temporary file.
        #expect(folder.list().filter { $0.hasPrefix(".") } == [PaperSessionsIndex.lockName, PaperSessionsIndexStamp.fileName])
    }

    @Test func aMissingFolderIsAnError() {
        #expect(throws: (any Error).self) {
            try PaperSessionsIndex.refresh(root: "/nonexistent/paper_sessions", now: Date())
        }
    }
}
