import Foundation
import Testing
@testable import QSHArtifacts

/// `RunsIndex.refresh` brings the index up to date by reading only folders it does not list,
/// and writes exactly what a full rebuild writes.
@Suite struct RunsIndexIncrementalTests {
    static let now = Date(timeIntervalSince1970: 1_795_499_400)

    @Test func eachRefreshReadsOnlyTheNewFolderAndWritesWhatARebuildWrites() throws {
        let folder = try TemporaryFolder()
        let maker = RunsFolderMaker(runs: folder.file("runs"))
        try maker.addRun("r000", createdAt: "2026-01-01T00:00:00+00:00")
        let first = try maker.refresh(now: Self.now)
        #expect(first.basis == .folders(because: "no index yet"))
        for step in 1...12 {
            let name = String(format: "r%03d", step)
            try maker.addRun(name, createdAt: String(format: "2026-01-01T00:%02d:00+00:00", step), sharpe: .double(Double(step) / 7))
            let now = Self.now.addingTimeInterval(Double(step))
            let update = try maker.refresh(now: now)
            #expect(update.basis == .copiedFiles, "step \(step)")
            #expect(update.editedInPlace, "a newest run is appended in place (step \(step))")
            #expect(update.foldersRead == [name])
            #expect(!update.readPreviousFiles, "the stamp's layout suffices (step \(step))")
            #expect(try RunsIndexReference.written(maker.runs) == RunsIndexReference.files(runsDir: maker.runs, now: now))
        }
        let update = try maker.refresh(now: Self.now)
        #expect(update.foldersRead.isEmpty && update.rowCount == 13)
    }

    @Test func aRunThatSortsEarlierIsInsertedInItsPlace() throws {
        let folder = try TemporaryFolder()
        let maker = RunsFolderMaker(runs: folder.file("runs"))
        for hour in [1, 3, 5] { try maker.addRun("h\(hour)", createdAt: "2026-01-01T0\(hour):00:00+00:00") }
        _ = try maker.refresh(now: Self.now)
        try maker.addRun("h2", createdAt: "2026-01-01T02:00:00+00:00")
        try maker.addRun("h0", createdAt: "2026-01-01T00:00:00+00:00")
        let update = try maker.refresh(now: Self.now)
        #expect(update.basis == .copiedFiles && !update.readPreviousFiles, "a short index is all tail")
        #expect(update.foldersRead == ["h0", "h2"])
        let json = try JSONValue.parse(folder.read("runs/runs_index.json"))
        #expect(json["runs"]?.arrayValue?.compactMap { $0["run_id"]?.stringValue } == ["h0", "h1", "h2", "h3", "h5"])
        #expect(try RunsIndexReference.written(maker.runs) == RunsIndexReference.files(runsDir: maker.runs, now: Self.now))
    }

    @Test func aFolderWrittenBehindTheIndexsBackIsPickedUp() throws {
        let folder = try TemporaryFolder()
        let maker = RunsFolderMaker(runs: folder.file("runs"))
        try maker.addRun("a", createdAt: "2026-01-01T00:00:00+00:00")
        _ = try maker.refresh(now: Self.now)
        // An older qsh (or a crash before its refresh) leaves a run the index does not list.
        try maker.addRun("b_unindexed", createdAt: "2026-01-02T00:00:00+00:00")
        try maker.addRun("c", createdAt: "2026-01-03T00:00:00+00:00")
        let update = try maker.refresh(now: Self.now)
        #expect(update.foldersRead == ["b_unindexed", "c"])
        #expect(update.rowCount == 3)
        #expect(try RunsIndexReference.written(maker.runs) == RunsIndexReference.files(runsDir: maker.runs, now: Self.now))
    }

    @Test func aDeletedFolderIsDropped() throws {
        let folder = try TemporaryFolder()
        let maker = RunsFolderMaker(runs: folder.file("runs"))
        for day in 1...4 { try maker.addRun("d\(day)", createdAt: "2026-01-0\(day)T00:00:00+00:00") }
        _ = try maker.refresh(now: Self.now)
        try maker.remove("d2")
        try maker.remove("d4")
        let update = try maker.refresh(now: Self.now)
        #expect(update.basis == .copiedFiles && !update.editedInPlace)
        #expect(update.foldersRead.isEmpty && update.rowCount == 2)
        #expect(try folder.read("runs/runs_index.csv").contains("d2") == false)
        #expect(try RunsIndexReference.written(maker.runs) == RunsIndexReference.files(runsDir: maker.runs, now: Self.now))
        // A folder replaced by a plain file of the same name is gone too.
        try maker.remove("d3")
        try folder.write("runs/d3", "not a run any more")
        _ = try maker.refresh(now: Self.now)
        #expect(try RunsIndexReference.written(maker.runs) == RunsIndexReference.files(runsDir: maker.runs, now: Self.now))
        #expect(try JSONValue.parse(folder.read("runs/runs_index.json"))["n_runs"] == 1)
    }

    @Test func runsWithUnreadableMetadataStayOutAsInAFullScanAndAreRetried() throws {
        let folder = try TemporaryFolder()
        let maker = RunsFolderMaker(runs: folder.file("runs"))
        try maker.addRun("good", createdAt: "2026-01-01T00:00:00+00:00")
        try maker.write("bad", "metadata.json", #"{"run_id": "bad", "#)
        try maker.write("list", "metadata.json", "[1]")
        try maker.write("no_metadata", "config.json", "{}")
        let first = try maker.refresh(now: Self.now)
        #expect(first.rowCount == 1)
        let scanWarnings = RunsIndex.scan(runsDir: maker.runs).warnings
        #expect(first.warnings == scanWarnings, "the same warnings as a full scan")
        #expect(first.warnings.count == 2 && first.warnings.contains { $0.contains(maker.runs + "/bad") })

        try maker.addRun("newer", createdAt: "2026-01-02T00:00:00+00:00")
        let second = try maker.refresh(now: Self.now)
        #expect(second.basis == .copiedFiles)
        #expect(second.foldersRead == ["bad", "list", "newer", "no_metadata"], "folders that are not runs are looked at again")
        #expect(second.warnings == scanWarnings)
        #expect(try RunsIndexReference.written(maker.runs) == RunsIndexReference.files(runsDir: maker.runs, now: Self.now))

        try maker.add("bad", metadata: ["run_id": "bad", "created_at": "2026-01-03T00:00:00+00:00"])
        let third = try maker.refresh(now: Self.now)
        #expect(third.rowCount == 3 && third.warnings.count == 1, "a repaired run appears")
        #expect(try RunsIndexReference.written(maker.runs) == RunsIndexReference.files(runsDir: maker.runs, now: Self.now))
    }

    @Test func emptyAndMissingFoldersGiveTheEmptyIndex() throws {
        let folder = try TemporaryFolder()
        let missing = folder.file("outputs/runs")
        try RunsIndex.rebuild(runsDir: missing, now: Self.now)
        #expect(try RunsIndexReference.written(missing) == RunsIndexReference.files(runsDir: missing, now: Self.now))
        let maker = RunsFolderMaker(runs: missing)
        #expect(try maker.refresh(now: Self.now).basis == .copiedFiles, "an empty index is an index")
        #expect(try RunsIndexReference.written(missing) == RunsIndexReference.files(runsDir: missing, now: Self.now))
        try maker.addRun("only", createdAt: "2026-01-01T00:00:00+00:00")
        #expect(try maker.refresh(now: Self.now).rowCount == 1)
        try maker.remove("only")
        let emptied = try maker.refresh(now: Self.now)
        #expect(emptied.rowCount == 0)
        #expect(try RunsIndexReference.written(missing) == RunsIndexReference.files(runsDir: missing, now: Self.now))
        #expect(try folder.read("outputs/runs/runs_index.md").contains("\n0 runs, generated "))
    }

    @Test func rebuildRereadsEveryFolder() throws {
        let folder = try TemporaryFolder()
        let maker = RunsFolderMaker(runs: folder.file("runs"))
        try maker.addRun("a", createdAt: "2026-01-01T00:00:00+00:00")
        try maker.addRun("b", createdAt: "2026-01-02T00:00:00+00:00")
        _ = try maker.refresh(now: Self.now)
        // A run folder changed in place: refresh trusts the index row, rebuild does not.
        try maker.addRun("a", createdAt: "2026-01-01T00:00:00+00:00", sharpe: 9.5)
        _ = try maker.refresh(now: Self.now)
        #expect(try folder.read("runs/runs_index.csv").contains(",0.5,"))
        let update = try RunsIndex.locked(maker.runs) { try RunsIndex.update(runsDir: maker.runs, now: Self.now, rebuild: true) }
        #expect(update.basis == .folders(because: "a rebuild was asked for") && update.foldersRead == ["a", "b"])
        #expect(try folder.read("runs/runs_index.csv").contains(",9.5,"))
        #expect(try RunsIndexReference.written(maker.runs) == RunsIndexReference.files(runsDir: maker.runs, now: Self.now))
        let paths = try RunsIndex.rebuild(runsDir: maker.runs, now: Self.now)
        #expect(paths.json == maker.runs + "/runs_index.json")
    }

    @Test func concurrentWritersEndWithEveryRunInTheIndex() throws {
        let folder = try TemporaryFolder()
        let maker = RunsFolderMaker(runs: folder.file("runs"))
        try maker.addRun("seed", createdAt: "2026-01-01T00:00:00+00:00")
        _ = try maker.refresh(now: Self.now)
        let failures = Tally()
        DispatchQueue.concurrentPerform(iterations: 4) { worker in
            for index in 0..<6 {
                do {
                    try maker.addRun("w\(worker)_\(index)", createdAt: "2026-02-0\(worker + 1)T00:00:0\(index)+00:00")
                    try RunsIndex.refresh(runsDir: maker.runs, now: Self.now)
                } catch {
                    failures.add("\(error)")
                }
            }
        }
        #expect(failures.value == 0, "\(failures.messages)")
        // The last refresh took the lock after every folder above was written.
        #expect(try RunsIndexReference.written(maker.runs) == RunsIndexReference.files(runsDir: maker.runs, now: Self.now))
        #expect(try JSONValue.parse(folder.read("runs/runs_index.json"))["n_runs"] == 25)
    }
}
