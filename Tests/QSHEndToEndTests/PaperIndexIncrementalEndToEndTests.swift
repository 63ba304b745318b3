import Foundation
import Testing

/// `paper_sessions_index.{csv,json}` kept up to date incrementally by the built binary: at
/// each session's terminal transition and by `qsh paper index`, with the bytes a full rebuild
/// (no stamp to trust) writes.
struct PaperIndexIncrementalEndToEndTests {
    static let stamp = "outputs/paper_sessions/.paper_sessions_index.stamp"
    static let csv = "outputs/paper_sessions/paper_sessions_index.csv"
    static let json = "outputs/paper_sessions/paper_sessions_index.json"

    /// The index files after `qsh paper index` with no stamp: what a full rebuild writes.
    static func rebuilt(_ fixture: PaperSessionsFixture) throws -> (csv: String, json: String) {
        try FileManager.default.removeItem(atPath: fixture.scratch.path + "/" + stamp)
        let index = try fixture.qsh(["paper", "index"])
        #expect(index.status == 0, "\(index.stderr)")
        return (try fixture.scratch.read(csv), try fixture.scratch.read(json))
    }

    @Test func sessionsFinishingAtOnceAreAllIndexedAsARebuildIndexesThem() async throws {
        let fixture = try PaperSessionsFixture.make()
        let root = fixture.scratch.path
        let arguments = ["run", "--paper", "--ticker", "SYN-ETH", "--start", "2022-01-01", "--end", "2023-03-01"]
        let statuses = try await withThrowingTaskGroup(of: Int32.self) { group in
            for index in 0..<4 {
                group.addTask {
                    try QSHProcess.run(arguments + ["--param", "rsi_buy_max=\(50 + index)"], in: root).status
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(statuses == [0, 0, 0, 0])
        let lines = try fixture.scratch.read(Self.csv).split(separator: "\n")
        #expect(lines.count == 1 + 8 + 4, "the fixture's eight sessions and the four new ones: \(lines)")
        #expect(lines.filter { $0.contains(",success,") }.count == 3 + 4)
        let incremental = (try fixture.scratch.read(Self.csv), try fixture.scratch.read(Self.json))
        let rebuilt = try Self.rebuilt(fixture)
        #expect(incremental.0 == rebuilt.csv)
        let generated = /"generated_at": "[^"]*"/
        #expect(incremental.1.replacing(generated, with: "") == rebuilt.json.replacing(generated, with: ""))
    }

    @Test func paperIndexRereadsOnlyWhatChangedAndWarnsAboutEveryDamagedSession() throws {
        let fixture = try PaperSessionsFixture.make()
        let first = try fixture.qsh(["paper", "index"])
        #expect(first.status == 0 && first.stderr.contains(PaperSessionsFixture.halfWritten), "\(first.stderr)")
        #expect(fixture.scratch.list("outputs/paper_sessions").contains(".paper_sessions_index.stamp"))
        // Unchanged: the same bytes (the clock is pinned), the damaged session still reported.
        let before = (try fixture.scratch.read(Self.csv), try fixture.scratch.read(Self.json))
        let again = try fixture.qsh(["paper", "index", "--json"])
        #expect(again.status == 0 && again.stderr.contains(PaperSessionsFixture.halfWritten), "\(again.stderr)")
        #expect(try fixture.scratch.read(Self.csv) == before.0 && fixture.scratch.read(Self.json) == before.1)
        // Repaired, damaged, removed and added folders.
        let sessions = "outputs/paper_sessions/"
        let halfWritten = sessions + PaperSessionsFixture.halfWritten + "/session_status.json"
        _ = try fixture.scratch.file(halfWritten, #"{"session_id": "\#(PaperSessionsFixture.halfWritten)", "status": "failed"}"#)
        _ = try fixture.scratch.file(sessions + PaperSessionsFixture.success1 + "/report.json", "{")
        try FileManager.default.removeItem(atPath: fixture.scratch.path + "/" + sessions + PaperSessionsFixture.aborted)
        try fixture.session(
            "20261203_100000_paper_9999999", status: "success", reason: "completed", at: "2026-12-03T10:30:00+00:00", report: true)
        let changed = try fixture.qsh(["paper", "index"])
        #expect(changed.status == 0 && changed.stderr.contains(PaperSessionsFixture.success1), "\(changed.stderr)")
        #expect(!changed.stderr.contains(PaperSessionsFixture.halfWritten), "\(changed.stderr)")
        let incremental = (try fixture.scratch.read(Self.csv), try fixture.scratch.read(Self.json))
        #expect(incremental.0.contains("\(PaperSessionsFixture.halfWritten),failed,"))
        #expect(incremental.0.contains("\(PaperSessionsFixture.success1),unreadable,"))
        #expect(!incremental.0.contains(PaperSessionsFixture.aborted) && incremental.0.contains("20261203_100000_paper_9999999"))
        let rebuilt = try Self.rebuilt(fixture)
        #expect(incremental.0 == rebuilt.csv && incremental.1 == rebuilt.json)
    }
}
