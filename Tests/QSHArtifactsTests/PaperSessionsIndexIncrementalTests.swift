import Foundation
import Testing
@testable import QSHArtifacts

/// A sessions folder made with plain Foundation, and the index as the first, non-incremental
/// version printed it (every folder scanned, the whole document through `JSONValue.formatted`).
struct PaperSessionsTree {
    let folder: TemporaryFolder
    var root: String { folder.path }
    static let now = Date(timeIntervalSince1970: 1_796_295_600)

    init() throws { folder = try TemporaryFolder("qshpaper") }

    /// A session folder `name` with status, metadata and (when `report`) report files, aged an
    /// hour so that its identity is trusted (see `PaperSessionIdentity.racy`).
    func session(
        _ name: String, id: String? = nil, status: String = "success", updated: String = "2026-12-01T10:00:00+00:00",
        report: Bool = true, error: String? = nil
    ) throws {
        let id = id ?? name
        var fields: [String: JSONValue] = [
            "session_id": .string(id), "status": .string(status), "updated_at": .string(updated),
            "terminal": .bool(status != "running"), "status_reason": .string(status == "running" ? "active" : "completed"),
            "started_at": .string("2026-12-01T09:00:00+00:00"), "request_id": .string("req-\(name)"),
        ]
        if status != "running" {
            fields["finished_at"] = .string(updated)
            fields["duration_seconds"] = .double(3600.5)
        }
        if let error { fields["error_type"] = .string(error) }
        try folder.write("\(name)/session_status.json", JSONValue.object(fields).formatted() + "\n")
        try folder.write(
            "\(name)/session_metadata.json",
            #"{"session_id": "\#(id)", "mode": "paper", "created_at": "2026-12-01T09:00:00+00:00"}"# + "\n")
        if report {
            try folder.write("\(name)/report.json", #"{"machine_contract": {"contract_type": "quantlab.paper.result"}}"# + "\n")
        }
        try age(name)
    }

    /// Sets the markers' modification time an hour back.
    func age(_ name: String) throws {
        for marker in ["session_status.json", "session_metadata.json", "report.json"] where folder.exists("\(name)/\(marker)") {
            try folder.setModified("\(name)/\(marker)", Date().addingTimeInterval(-3600))
        }
    }

    func csv() throws -> String { try folder.read(PaperSessionsIndex.csvName) }
    func json() throws -> String { try folder.read(PaperSessionsIndex.jsonName) }

    /// The index files as the first version wrote them for the folders as they are now.
    func reference(now: Date = Self.now) -> (csv: String, json: String) {
        let scan = PaperSessionFolders.scan(root: root)!
        let rows = scan.sessions.map(PaperSessionsIndex.row)
        var table = CSVTable(header: PaperSessionsIndex.columns)
        for row in rows { table.append(PaperSessionsIndex.columns.map { PaperSessionsIndex.csvField(row[$0] ?? .null) }) }
        let json: JSONValue = .object([
            "generated_at": .string(ISOTime.string(from: now)), "root_dir": .string(root), "n_sessions": .int(Int64(rows.count)),
            "columns": .array(PaperSessionsIndex.columns.map { .string($0) }), "sessions": .array(rows.map { .object($0) }),
        ])
        return (table.text, json.formatted() + "\n")
    }

    /// An incremental update; then checks that its files are those of a full rebuild and of
    /// the first version, for the same folders and clock.
    @discardableResult
    func update(reread: String? = nil, now: Date = Self.now, sourceLocation: SourceLocation = #_sourceLocation) throws
        -> PaperSessionsIndex.Update
    {
        let update = try PaperSessionsIndex.locked(root) {
            try PaperSessionsIndex.update(root: root, now: now, rebuild: false, reread: reread)
        }
        let (csv, json) = (try self.csv(), try self.json())
        let expected = reference(now: now)
        #expect(csv == expected.csv, sourceLocation: sourceLocation)
        #expect(json == expected.json, sourceLocation: sourceLocation)
        let stamp = try folder.read(PaperSessionsIndexStamp.fileName)
        let rebuilt = try PaperSessionsIndex.rebuild(root: root, now: now)
        #expect(try self.csv() == csv && self.json() == json, "a rebuild writes other bytes", sourceLocation: sourceLocation)
        #expect(rebuilt.warnings == update.written.warnings, sourceLocation: sourceLocation)
        // The stamp said what the rebuild says, identities apart (aged folders are trusted alike).
        #expect(
            try folder.read(PaperSessionsIndexStamp.fileName).split(separator: "\n").count == stamp.split(separator: "\n").count,
            sourceLocation: sourceLocation)
        return update
    }
}

/// `paper_sessions_index.{csv,json}` kept up to date incrementally: only folders changed since
/// the stamp are read, and the files are those of a full rebuild.
@Suite struct PaperSessionsIndexIncrementalTests {
    @Test func incrementalUpdatesWriteWhatAFullRebuildWritesAsFoldersComeChangeBreakAndGo() throws {
        let tree = try PaperSessionsTree()
        try tree.session("s3")
        try tree.session("s1", status: "failed", report: false, error: "DataError")
        try tree.session("s5", status: "running")
        var update = try tree.update()
        #expect(update.basis == .folders(because: "no index yet"))
        #expect(update.foldersRead == ["s1", "s3", "s5"] && update.written.sessions == 3)

        update = try tree.update()
        #expect(update.basis == .stamp && update.foldersRead.isEmpty, "nothing changed: nothing read")

        // Added, in the middle of the order and at its end.
        try tree.session("s2")
        try tree.session("s9", id: "s0-first", status: "aborted")
        update = try tree.update()
        #expect(update.basis == .stamp && update.foldersRead == ["s2", "s9"])

        // Changed: a running session beats (rename, as AtomicFile writes), then finishes in place.
        try tree.session("s5", status: "running", updated: "2026-12-01T10:05:00+00:00")
        update = try tree.update()
        #expect(update.foldersRead == ["s5"])
        try tree.folder.write(
            "s5/session_status.json",
            #"{"session_id": "s5", "status": "success", "terminal": true, "updated_at": "2026-12-01T11:00:00+00:00"}"#)
        try tree.age("s5")
        update = try tree.update()
        #expect(update.foldersRead == ["s5"] && !update.written.warnings.contains { $0.contains("s5") })

        // Damaged: half written; listed unreadable with its reason, and still on the next update.
        try tree.folder.write("s3/session_status.json", #"{"session_id": "s3", "sta"#)
        try tree.age("s3")
        update = try tree.update()
        #expect(update.foldersRead == ["s3"] && update.written.warnings.count == 1)
        #expect(try tree.csv().split(separator: "\n").contains { $0.hasPrefix("s3,unreadable,") })
        update = try tree.update()
        #expect(update.foldersRead.isEmpty && update.written.warnings == [
            "cannot read paper session \(tree.folder.file("s3")): session_status.json is not valid JSON (\(Self.parseError(#"{"session_id": "s3", "sta"#)))"
        ])

        // Deleted, and a folder that stops being a session; a stray file and an empty folder.
        try FileManager.default.removeItem(atPath: tree.folder.file("s2"))
        try FileManager.default.removeItem(atPath: tree.folder.file("s1/session_status.json"))
        try FileManager.default.removeItem(atPath: tree.folder.file("s1/session_metadata.json"))
        try tree.folder.write("notes.txt", "x")
        try tree.folder.makeFolder("empty")
        update = try tree.update()
        #expect(update.basis == .stamp && update.foldersRead.isEmpty && update.written.sessions == 3, "s1 has no marker left")
        #expect(update.written.warnings.count == 1)

        // Repaired, replaced by a new folder of the same name, then everything gone.
        try tree.session("s3")
        try FileManager.default.removeItem(atPath: tree.folder.file("s9"))
        try tree.session("s9", status: "failed")
        update = try tree.update()
        #expect(Set(update.foldersRead) == ["s3", "s9"] && update.written.warnings.isEmpty)
        for name in ["s1", "s3", "s5", "s9"] { try FileManager.default.removeItem(atPath: tree.folder.file(name)) }
        update = try tree.update()
        #expect(update.basis == .stamp && update.written.sessions == 0)
        try tree.session("s4")
        update = try tree.update()
        #expect(update.basis == .stamp && update.foldersRead == ["s4"] && update.written.sessions == 1)
    }

    static func parseError(_ text: String) -> String {
        do {
            _ = try JSONValue.parse(bytes: Array(text.utf8))
            return ""
        } catch {
            return "\(error)"
        }
    }

    @Test func upsertRereadsTheFinishingSessionAndKeepsSessionIDOrder() throws {
        let tree = try PaperSessionsTree()
        for name in ["b", "d", "f"] { try tree.session(name) }
        try tree.update()
        try tree.session("c", status: "running")
        let inserted = try PaperSessionsIndex.upsert(session: tree.folder.file("c"), now: PaperSessionsTree.now)
        #expect(inserted.sessions == 4)
        #expect(try tree.csv().split(separator: "\n").dropFirst().map { $0.prefix(1) } == ["b", "c", "d", "f"])
        #expect(try tree.csv() == tree.reference().csv && tree.json() == tree.reference().json)
        // Replaced: read again even though its identity says it did not change.
        let update = try tree.update(reread: "d")
        #expect(update.foldersRead == ["d"], "d is asked for; the others did not change")
        // A session id that sorts elsewhere than its folder name, with text that needs quoting.
        try tree.session("a", id: "e, \"quoted\"\nnewline é")
        try PaperSessionsIndex.upsert(session: tree.folder.file("a"), now: PaperSessionsTree.now)
        #expect(try tree.csv() == tree.reference().csv && tree.json() == tree.reference().json)
        #expect(try tree.csv().split(separator: "\n").dropFirst().map { $0.prefix(1) } == ["b", "c", "d", "\"", "n", "f"])
    }

    @Test func fallsBackToAFullRebuildWhenTheIndexOrItsStampCannotBeTrusted() throws {
        let tree = try PaperSessionsTree()
        for name in ["s1", "s2", "s3"] { try tree.session(name) }
        try tree.update()
        let stamp = tree.folder.file(PaperSessionsIndexStamp.fileName)
        func expectRebuild(_ reason: String, sourceLocation: SourceLocation = #_sourceLocation) throws {
            let update = try tree.update(sourceLocation: sourceLocation)
            #expect(update.basis == .folders(because: reason), sourceLocation: sourceLocation)
            #expect(update.foldersRead == ["s1", "s2", "s3"], sourceLocation: sourceLocation)
            #expect(try tree.update(sourceLocation: sourceLocation).basis == .stamp, sourceLocation: sourceLocation)
        }
        try FileManager.default.removeItem(atPath: stamp)
        try expectRebuild("no stamp")
        try FileManager.default.removeItem(atPath: tree.folder.file(PaperSessionsIndex.csvName))
        try FileManager.default.removeItem(atPath: tree.folder.file(PaperSessionsIndex.jsonName))
        try expectRebuild("no index yet")
        try tree.folder.write(PaperSessionsIndex.csvName, try tree.csv().replacingOccurrences(of: "success", with: "failed"))
        try expectRebuild("the index files changed since the stamp")
        try FileManager.default.removeItem(atPath: tree.folder.file(PaperSessionsIndex.jsonName))
        try expectRebuild("the index files changed since the stamp")
        let text = try tree.folder.read(PaperSessionsIndexStamp.fileName)
        try tree.folder.write(PaperSessionsIndexStamp.fileName, String(text.dropLast(5)))
        try expectRebuild("the stamp does not read")
        try tree.folder.write(PaperSessionsIndexStamp.fileName, "garbage\n")
        try expectRebuild("the stamp does not read")
        // Ranges that do not fit the files (the identities still match).
        let lines = try tree.folder.read(PaperSessionsIndexStamp.fileName).split(separator: "\n", omittingEmptySubsequences: false)
        var shifted = lines.map(String.init)
        shifted[5] = shifted[5].replacingOccurrences(of: "\t\(PaperSessionsIndexRenderer.csvHeader.count) ", with: "\t1 ")
        try tree.folder.write(PaperSessionsIndexStamp.fileName, shifted.joined(separator: "\n"))
        try expectRebuild("the stamp does not line up with the index files")
        // The same stamp for the folder under another spelling.
        let other = try PaperSessionsIndex.locked(tree.root + "/") {
            try PaperSessionsIndex.update(root: tree.root + "/", now: PaperSessionsTree.now, rebuild: false)
        }
        #expect(other.basis == .folders(because: "the stamp describes another folder"))
        try expectRebuild("the stamp describes another folder")
    }

    @Test func aFolderWrittenJustBeforeAnUpdateIsReadAgainByTheNext() throws {
        let tree = try PaperSessionsTree()
        try tree.session("s1")
        try tree.session("s2")
        try tree.update()
        // Two writes in place of the same size, quicker than file times tick: the second may
        // leave the identity as it was, so the folder written just before an update is not
        // trusted by the next one.
        let status = #"{"session_id": "s1", "status": "running", "updated_at": "2026-12-01T10:00:0X+00:00"}"#
        try tree.folder.write("s1/session_status.json", status.replacingOccurrences(of: "X", with: "1"))
        #expect(try tree.update().foldersRead == ["s1"])
        try tree.folder.write("s1/session_status.json", status.replacingOccurrences(of: "X", with: "2"))
        #expect(try tree.update().foldersRead == ["s1"])
        #expect(try tree.csv().contains("2026-12-01T10:00:02+00:00"))
        try tree.age("s1")
        #expect(try tree.update().foldersRead == ["s1"])
        #expect(try tree.update().foldersRead.isEmpty)
    }

    @Test func theStampReadsBackWhatItWrote() {
        let stamp = PaperSessionsIndexStamp(
            root: "/tmp/a\tb", csvIdentity: "1 2 3 4.5 6.7", jsonIdentity: "1 3 3 4.5 6.7",
            rows: [
                .init(name: "x\ny", identity: 0, sessionID: "id\\1", csv: 10..<20, json: 30..<40, unreadableReason: nil),
                .init(name: "z", identity: .max, sessionID: "", csv: 20..<25, json: 46..<50, unreadableReason: "a.json is\tbad"),
            ])
        #expect(PaperSessionsIndexStamp(stamp.bytes) == stamp)
        #expect(PaperSessionsIndexStamp(Array(stamp.bytes.dropLast())) == nil)
    }

    @Test func damagedFoldersAreIndexedUnreadableWithTheirReason() throws {
        let tree = try PaperSessionsTree()
        try tree.session("good")
        try tree.folder.write("bad/session_metadata.json", "[1, 2]")
        try tree.folder.write("bad/session_status.json", #"{"session_id": "bad", "status": "running"}"#)
        try tree.age("bad")
        let update = try tree.update()
        #expect(update.written.warnings == ["cannot read paper session \(tree.folder.file("bad")): session_metadata.json holds array, not an object"])
        let json = try JSONValue.parse(bytes: Array(try tree.json().utf8))
        let bad = json["sessions"]?.arrayValue?.first
        #expect(bad?["status"]?.stringValue == "unreadable")
        #expect(bad?["unreadable_reason"]?.stringValue == "session_metadata.json holds array, not an object")
        let again = try tree.update()
        #expect(again.foldersRead.isEmpty && again.written.warnings == update.written.warnings)
    }

    @Test func sessionsFinishingAtOnceKeepEveryRow() throws {
        let tree = try PaperSessionsTree()
        for index in 0..<20 { try tree.session(String(format: "old%02d", index)) }
        try tree.update()
        let failures = Tally()
        let root = tree.root
        DispatchQueue.concurrentPerform(iterations: 8) { worker in
            for round in 0..<4 {
                let name = "new\(worker)_\(round)"
                do {
                    let folder = (root as NSString).appendingPathComponent(name)
                    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
                    try AtomicFile.write(
                        #"{"session_id": "\#(name)", "status": "success", "terminal": true}"# + "\n",
                        to: folder + "/session_status.json")
                    try PaperSessionsIndex.upsert(session: folder, now: PaperSessionsTree.now)
                } catch {
                    failures.add("\(error)")
                }
            }
        }
        #expect(failures.value == 0, "\(failures.messages)")
        let rows = try tree.csv().split(separator: "\n").dropFirst()
        #expect(rows.count == 52 && rows.filter { $0.hasPrefix("new") }.count == 32)
        #expect(try tree.csv() == tree.reference().csv && tree.json() == tree.reference().json)
        #expect(!tree.folder.list().contains { $0.contains(".tmp-") })
    }
}
