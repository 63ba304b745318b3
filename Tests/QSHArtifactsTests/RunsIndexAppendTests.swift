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

    static let tailLines = (0..<3).map { "2026\t\($0)\tp\($0)\tcsv 0 1 json 0 1 md 0 1\n" }.joined()

    @Test(arguments: [
        "rows 3 csv 0 1 json 0 1 md 0 1\ntail 2\n" + tailLines + "a\nb\nc\n",  // a tail that disagrees with the count
        "rows 3 csv 0 999999 json 0 1 md 0 1\ntail 3\n" + tailLines + "a\nb\nc\n",  // ranges that disagree with the files
        "rows 3 csv 0 1 json 0 1 md 0 1\ntail 3\n" + tailLines + "a\nb\nc\n",  // a tail that ends before the rows do
        "rows 3 csv 0 1 json 0 1 md 0 1\ntail 3\n2026\t0\tcsv 0 1 json 0 1 md 0 1\n",  // a short tail row
        "rows 3 csv 0 1 json 0 1 md 0 1\ntail 3\n" + tailLines + "a\nb\\q\nc\n",  // a broken escape
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

    @Test(arguments: [0.1, 0.3, 0.5, 0.7, 0.9, 0.99])
    func aStampCutShortOnlyMeansReadingTheFiles(keptFraction: Double) throws {
        let (folder, maker) = try Self.indexed((0..<80).map { "r\($0)" })
        defer { withExtendedLifetime(folder) {} }
        let stampPath = RunsIndexStamp.path(in: maker.runs)
        let stamp = try Data(contentsOf: URL(fileURLWithPath: stampPath))
        try stamp.prefix(Int(Double(stamp.count) * keptFraction)).write(to: URL(fileURLWithPath: stampPath))
        try maker.addRun("newer", createdAt: "2026-02-01T00:00:00+00:00")
        let update = try maker.refresh(now: Self.now)
        #expect(update.readPreviousFiles && update.rowCount == 81)
        #expect(try RunsIndexReference.written(maker.runs) == RunsIndexReference.files(runsDir: maker.runs, now: Self.now))
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

    @Test func runsOfOneSecondThatSortBeforeTheLastAreInsertedInTheTail() throws {
        // More rows than the tail holds, so that some rows lie before it.
        let names = (0..<(RunsIndexStamp.tailLength + 30)).map { String(format: "r%03d", $0) }
        let (folder, maker) = try Self.indexed(names)
        defer { withExtendedLifetime(folder) {} }
        // Same created_at, run ids that sort between and before the last rows (as `_10` does
        // before `_9`), a few at a time, with the tail moving on each time.
        let second = "2026-06-01T00:00:00+00:00"
        for (step, batch) in [["s5"], ["s9"], ["s1", "s7"], ["s3"], ["s0", "s2", "s8"], ["s4", "s6"]].enumerated() {
            for name in batch { try maker.addRun(name, createdAt: second) }
            let now = Self.now.addingTimeInterval(Double(step))
            let update = try maker.refresh(now: now)
            #expect(!update.readPreviousFiles && update.foldersRead == batch, "step \(step)")
            #expect(try RunsIndexReference.written(maker.runs) == RunsIndexReference.files(runsDir: maker.runs, now: now))
        }
        // Before the tail: the general path, still right.
        try maker.addRun("early", createdAt: "2025-01-01T00:00:00+00:00")
        let early = try maker.refresh(now: Self.now)
        #expect(early.readPreviousFiles && early.rowCount == names.count + 11)
        #expect(try RunsIndexReference.written(maker.runs) == RunsIndexReference.files(runsDir: maker.runs, now: Self.now))
        try maker.addRun("s10", createdAt: second)
        #expect(!(try maker.refresh(now: Self.now).readPreviousFiles), "the general path leaves a tail behind")
        #expect(try RunsIndexReference.written(maker.runs) == RunsIndexReference.files(runsDir: maker.runs, now: Self.now))
    }

    @Test func aShortIndexTakesNewRowsAnywhere() throws {
        let (folder, maker) = try Self.indexed(["h1", "h3"])
        defer { withExtendedLifetime(folder) {} }
        try maker.addRun("h0", createdAt: "2025-12-31T00:00:00+00:00")
        let earlier = try maker.refresh(now: Self.now)
        #expect(!earlier.readPreviousFiles && earlier.editedInPlace)
        #expect(try RunsIndexReference.written(maker.runs) == RunsIndexReference.files(runsDir: maker.runs, now: Self.now))
    }

    @Test func aGoneFolderLeavesTheShortcut() throws {
        let (folder, maker) = try Self.indexed(["h1", "h3"])
        defer { withExtendedLifetime(folder) {} }
        try maker.remove("h1")
        try maker.addRun("h9", createdAt: "2026-03-01T00:00:00+00:00")
        let gone = try maker.refresh(now: Self.now)
        #expect(gone.readPreviousFiles && gone.rowCount == 2)
        #expect(try RunsIndexReference.written(maker.runs) == RunsIndexReference.files(runsDir: maker.runs, now: Self.now))
    }
}
