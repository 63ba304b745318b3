import Foundation
import Testing
@testable import QSHArtifacts

/// The shortcut of `RunsIndexAppend`: appending a newer run from the stamp's layout alone, and
/// falling back to reading the files whenever the stamp cannot be trusted.
@Suite struct RunsIndexAppendTests {
    static let now = Date(timeIntervalSince1970: 1_795_499_400)

    static func indexed(_ names: [String]) throws -> (TemporaryFolder, RunsFolderMaker) {
        let folder = try TemporaryFolder()
        let maker = RunsFolderMaker(runs: folder.file("runs"))
        for (hour, name) in names.enumerated() {
            try maker.addRun(name, createdAt: String(format: "2026-01-01T%02d:00:00+00:00", hour))
        }
        _ = try maker.refresh(now: now)
        return (folder, maker)
    }

    @Test func namesThatNeedEscapingSurviveTheStamp() throws {
        let odd = ["back\\slash", "tab\there", "line\nbreak", "ünïcode", "comma,quote\""]
        let (folder, maker) = try Self.indexed(odd)
        defer { withExtendedLifetime(folder) {} }
        let stamp = try #require(RunsIndexStamp.matching(maker.paths, runsDir: maker.runs))
        let layout = try #require(stamp.layout)
        #expect(layout.names.decoded.map(Set.init) == Set(odd))
        try maker.addRun("newer", createdAt: "2026-02-01T00:00:00+00:00")
        let update = try maker.refresh(now: Self.now)
        #expect(!update.readPreviousFiles && update.editedInPlace && update.foldersRead == ["newer"])
        #expect(try RunsIndexReference.written(maker.runs) == RunsIndexReference.files(runsDir: maker.runs, now: Self.now))
    }

    @Test(arguments: [
        "rows 2 csv 0 1 json 0 1 md 0 1\nlast\ta\tb\tc\nx\n",  // a count that disagrees with the names
        "rows 1 csv 0 999999 json 0 1 md 0 1\nlast\ta\tb\tc\nx\n",  // ranges that disagree with the files
        "rows 1 csv 0 1 json 0 1 md 0 1\nlast\ta\tb\nx\n",  // a short order line
        "rows one\n",
        "",
    ])
    func aGarbledLayoutOnlyMeansReadingTheFiles(layout: String) throws {
        let (folder, maker) = try Self.indexed(["a", "b", "c"])
        let stampPath = RunsIndexStamp.path(in: maker.runs)
        let stamp = try folder.read("runs/" + RunsIndexStamp.fileName)
        let identities = stamp.split(separator: "\n", omittingEmptySubsequences: false).prefix(4).joined(separator: "\n") + "\n"
        try (identities + layout).write(toFile: stampPath, atomically: false, encoding: .utf8)
        try maker.addRun("d", createdAt: "2026-02-01T00:00:00+00:00")
        let update = try maker.refresh(now: Self.now)
        #expect(update.readPreviousFiles && update.basis == .copiedFiles && update.rowCount == 4)
        #expect(try RunsIndexReference.written(maker.runs) == RunsIndexReference.files(runsDir: maker.runs, now: Self.now))
        // The stamp is whole again: the next run takes the shortcut.
        try maker.addRun("e", createdAt: "2026-02-02T00:00:00+00:00")
        #expect(!(try maker.refresh(now: Self.now).readPreviousFiles))
    }

    @Test func anIndexFileEditedByHandIsReadAgain() throws {
        let (folder, maker) = try Self.indexed(["a", "b"])
        let csv = try folder.read("runs/runs_index.csv")
        try (csv + "forged,row\n").write(toFile: maker.paths.csv, atomically: false, encoding: .utf8)
        try maker.addRun("c", createdAt: "2026-02-01T00:00:00+00:00")
        let update = try maker.refresh(now: Self.now)
        #expect(update.basis == .parsedJSON && update.rowCount == 3)
        #expect(try RunsIndexReference.written(maker.runs) == RunsIndexReference.files(runsDir: maker.runs, now: Self.now))
    }

    @Test func aRunThatSortsEarlierOrAGoneFolderLeavesTheShortcut() throws {
        let (folder, maker) = try Self.indexed(["h1", "h3"])
        defer { withExtendedLifetime(folder) {} }
        try maker.addRun("h0", createdAt: "2025-12-31T00:00:00+00:00")
        let earlier = try maker.refresh(now: Self.now)
        #expect(earlier.readPreviousFiles && !earlier.editedInPlace)
        #expect(try RunsIndexReference.written(maker.runs) == RunsIndexReference.files(runsDir: maker.runs, now: Self.now))
        try maker.remove("h1")
        try maker.addRun("h9", createdAt: "2026-03-01T00:00:00+00:00")
        let gone = try maker.refresh(now: Self.now)
        #expect(gone.readPreviousFiles && gone.rowCount == 3)
        #expect(try RunsIndexReference.written(maker.runs) == RunsIndexReference.files(runsDir: maker.runs, now: Self.now))
    }
}
