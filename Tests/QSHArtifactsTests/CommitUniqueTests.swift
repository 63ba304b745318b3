import Foundation
import QSHCore
import Testing
@testable import QSHArtifacts

/// `StagedDirectory.commitUnique`: the builder runs for the name the directory will get, so
/// contents that mention it (a run's `metadata.json` records its `run_id`) stay true.
@Suite struct CommitUniqueTests {
    @Test func repeatedCommitsGetBaseThenBase2ThenBase3() throws {
        let folder = try TemporaryFolder()
        var seen: [String] = []
        for index in 1...3 {
            let committed = try StagedDirectory.commitUnique(parent: folder.path, baseName: "base") { name, directory in
                seen.append(name)
                try directory.write(file: "metadata.json", contents: #"{"run_id": "\#(name)", "n": \#(index)}"#)
            }
            #expect(committed.path == folder.file(committed.name))
        }
        #expect(seen == ["base", "base_2", "base_3"], "the builder is told the chosen name, once per commit")
        #expect(folder.list() == ["base", "base_2", "base_3"])
        #expect(try folder.read("base/metadata.json") == #"{"run_id": "base", "n": 1}"#)
        #expect(try folder.read("base_2/metadata.json") == #"{"run_id": "base_2", "n": 2}"#)
        #expect(try folder.read("base_3/metadata.json") == #"{"run_id": "base_3", "n": 3}"#)
    }

    @Test func takenNamesAreSkippedWhateverTheyAre() throws {
        let folder = try TemporaryFolder()
        try folder.makeFolder("base")
        try folder.write("base_2", "a file")
        try folder.write("base_3/keep.txt", "occupied")
        var seen: [String] = []
        let committed = try StagedDirectory.commitUnique(parent: folder.path, baseName: "base") { name, directory in
            seen.append(name)
            try directory.write(file: "id.txt", contents: name)
        }
        #expect(committed.name == "base_4")
        #expect(seen == ["base_4"], "names known to be taken are not built")
        #expect(try folder.read("base_4/id.txt") == "base_4")
        #expect(folder.list("base").isEmpty)
        #expect(try folder.read("base_2") == "a file")
        #expect(try folder.read("base_3/keep.txt") == "occupied")
    }

    @Test func createsTheParentWhenMissing() throws {
        let folder = try TemporaryFolder()
        let committed = try StagedDirectory.commitUnique(parent: folder.file("outputs/runs"), baseName: "r") { _, directory in
            try directory.write(file: "a/b.txt", contents: "x")
        }
        #expect(committed.path == folder.file("outputs/runs/r"))
        #expect(try folder.read("outputs/runs/r/a/b.txt") == "x")
    }

    struct Boom: Error {}

    @Test func aThrowingBuilderLeavesNoFolderAndNoStagingFolder() throws {
        let folder = try TemporaryFolder()
        try folder.makeFolder("existing")
        #expect(throws: Boom.self) {
            try StagedDirectory.commitUnique(parent: folder.path, baseName: "fails") { _, directory in
                try directory.write(file: "half/written.txt", contents: "x")
                throw Boom()
            }
        }
        #expect(folder.list() == ["existing"], "no final folder, no .staging-* left behind")
        // The same after a name collision, and when the builder fails before writing anything.
        #expect(throws: Boom.self) {
            try StagedDirectory.commitUnique(parent: folder.path, baseName: "existing") { name, _ in
                #expect(name == "existing_2")
                throw Boom()
            }
        }
        #expect(folder.list() == ["existing"])
    }

    @Test func builderErrorsFromTheDirectoryPropagate() throws {
        let folder = try TemporaryFolder()
        #expect(throws: InvalidInputError.self) {
            try StagedDirectory.commitUnique(parent: folder.path, baseName: "bad") { _, directory in
                try directory.write(file: "../escape.txt", contents: "x")
            }
        }
        #expect(folder.list().isEmpty)
        #expect(!FileManager.default.fileExists(atPath: (folder.path as NSString).deletingLastPathComponent + "/escape.txt"))
    }

    @Test(arguments: ["", ".", "..", "a/b", ".staging-run"])
    func invalidBaseNamesAreRejectedBeforeBuilding(_ name: String) throws {
        let folder = try TemporaryFolder()
        let built = Tally()
        #expect(throws: InvalidInputError.self) {
            try StagedDirectory.commitUnique(parent: folder.path, baseName: name) { _, _ in built.add() }
        }
        #expect(built.value == 0)
        #expect(folder.list().isEmpty)
    }

    @Test func concurrentCallersGetDistinctNamesAndConsistentContents() throws {
        let folder = try TemporaryFolder()
        let parent = folder.path
        let failures = Tally()
        DispatchQueue.concurrentPerform(iterations: 12) { _ in
            do {
                _ = try StagedDirectory.commitUnique(parent: parent, baseName: "same") { name, directory in
                    try directory.write(file: "name.txt", contents: name)
                }
            } catch {
                failures.add("\(error)")
            }
        }
        #expect(failures.value == 0, "\(failures.messages)")
        let names = folder.list()
        #expect(Set(names) == Set(["same"] + (2...12).map { "same_\($0)" }))
        for name in names {
            #expect(try folder.read("\(name)/name.txt") == name, "contents name the folder they ended up in")
        }
    }

    @Test func staleStagingFoldersAreSweptOnTheWay() throws {
        let folder = try TemporaryFolder()
        try folder.write(".staging-crashed-1-2/metadata.json", "{}")
        try folder.setModified(".staging-crashed-1-2", Date().addingTimeInterval(-2 * 3_600))
        _ = try StagedDirectory.commitUnique(parent: folder.path, baseName: "run") { _, _ in }
        #expect(folder.list() == ["run"])
        #expect(FileManager.default.fileExists(atPath: folder.file(StagedDirectory.sweepMarker)))
        // Within the sweep interval the next commit does not list the folder again.
        try folder.write(".staging-crashed-3-4/metadata.json", "{}")
        try folder.setModified(".staging-crashed-3-4", Date().addingTimeInterval(-2 * 3_600))
        _ = try StagedDirectory.commitUnique(parent: folder.path, baseName: "run") { _, _ in }
        #expect(folder.list().contains(".staging-crashed-3-4"))
        try folder.setModified(StagedDirectory.sweepMarker, Date().addingTimeInterval(-600))
        _ = try StagedDirectory.commitUnique(parent: folder.path, baseName: "other") { _, _ in }
        #expect(folder.list() == ["other", "run", "run_2"])
    }
}
