import Foundation
import QSHCore
import Testing
@testable import QSHArtifacts

/// `StagedDirectory`: build in a hidden `.staging-*` folder, then appear complete in one rename.
@Suite struct StagedDirectoryTests {
    @Test func writeThenCommitMakesTheFolderAppearComplete() throws {
        let folder = try TemporaryFolder()
        let parent = folder.file("runs")
        let staged = try StagedDirectory(parent: parent, finalName: "run_a")
        #expect(staged.finalName == "run_a" && staged.parent == parent && staged.isOpen)
        #expect(staged.stagingPath.hasPrefix(parent + "/.staging-run_a-\(getpid())-"))
        try staged.write(file: "metadata.json", contents: "{}\n")
        try staged.write(file: "nested/deeper/trades.csv", contents: "a,b\n")
        try staged.write(file: "raw.bin", bytes: [0, 1, 2])
        try staged.write(file: "metadata.json", contents: "{\"v\": 2}\n")
        #expect(!folder.exists("runs/run_a"), "nothing under the final name before the commit")
        #expect(folder.list("runs").count == 1 && folder.list("runs")[0].hasPrefix(".staging-run_a-"))

        let committed = try staged.commit()
        #expect(committed.name == "run_a")
        #expect(committed.path == parent + "/run_a")
        #expect(folder.list("runs") == ["run_a"], "the staging folder became the run folder")
        #expect(folder.list("runs/run_a") == ["metadata.json", "nested", "raw.bin"])
        #expect(try folder.read("runs/run_a/metadata.json") == "{\"v\": 2}\n", "rewrites replace")
        #expect(try folder.read("runs/run_a/nested/deeper/trades.csv") == "a,b\n")
        #expect(FileManager.default.contents(atPath: parent + "/run_a/raw.bin").map(Array.init) == [0, 1, 2])
        #expect(!staged.isOpen)
        #expect(throws: InvalidInputError.self) { try staged.write(file: "late.txt", contents: "") }
        #expect(throws: InvalidInputError.self) { try staged.commit() }
    }

    @Test func commitAsOntoAnExistingNameReturnsFalseAndLeavesBothIntact() throws {
        let folder = try TemporaryFolder()
        try folder.write("taken/old.txt", "old")
        try folder.makeFolder("empty")
        try folder.write("file", "a file")
        let staged = try StagedDirectory(parent: folder.path, finalName: "taken")
        try staged.write(file: "new.txt", contents: "new")
        for name in ["taken", "empty", "file"] {
            #expect(try staged.commit(as: name) == false, "\(name)")
            #expect(staged.isOpen, "still ours after a refused commit")
        }
        #expect(folder.list("taken") == ["old.txt"])
        #expect(try folder.read("taken/old.txt") == "old")
        #expect(folder.list("empty").isEmpty, "an empty folder is not replaced either")
        #expect(try folder.read("file") == "a file")
        #expect(FileManager.default.fileExists(atPath: staged.stagingPath + "/new.txt"))
        #expect(try staged.commit(as: "fresh") == true)
        #expect(try folder.read("fresh/new.txt") == "new")
        #expect(folder.list() == ["empty", "file", "fresh", "taken"])
    }

    @Test func commitPicksNumberedSuffixesAndNeverOverwrites() throws {
        let folder = try TemporaryFolder()
        var names: [String] = []
        for index in 1...4 {
            let staged = try StagedDirectory(parent: folder.path, finalName: "same")
            try staged.write(file: "n.txt", contents: "\(index)")
            names.append(try staged.commit().name)
        }
        #expect(names == ["same", "same_2", "same_3", "same_4"])
        for (index, name) in names.enumerated() {
            #expect(try folder.read("\(name)/n.txt") == "\(index + 1)")
        }
    }

    @Test func withoutAFinalNameOnlyCommitAsWorks() throws {
        let folder = try TemporaryFolder()
        let staged = try StagedDirectory(parent: folder.path)
        #expect(staged.finalName == nil)
        #expect(staged.stagingPath.hasPrefix(folder.path + "/.staging-\(getpid())-"))
        #expect(throws: InvalidInputError.self) { try staged.commit() }
        #expect(try staged.commit(as: "named"))
        #expect(folder.list() == ["named"])
    }

    @Test func discardAndDeinitLeaveNothing() throws {
        let folder = try TemporaryFolder()
        let staged = try StagedDirectory(parent: folder.path, finalName: "gone")
        try staged.write(file: "a/b.txt", contents: "x")
        staged.discard()
        staged.discard()
        #expect(folder.list().isEmpty)
        #expect(throws: InvalidInputError.self) { try staged.commit(as: "gone") }
        do {
            let dropped = try StagedDirectory(parent: folder.path, finalName: "dropped")
            try dropped.write(file: "x", contents: "x")
        }
        #expect(folder.list().isEmpty, "an uncommitted directory is discarded when released")
    }

    @Test func fileNamesMustStayInsideAndFolderNamesMustBePlain() throws {
        let folder = try TemporaryFolder()
        let staged = try StagedDirectory(parent: folder.file("p"), finalName: "d")
        for name in ["/etc/passwd", "../escape.txt", "a/../../b", "", "/", "./x", "a/./b", "..", "."] {
            #expect(throws: InvalidInputError.self, "\(name)") { try staged.write(file: name, contents: "x") }
        }
        for name in ["", ".", "..", "a/b", ".staging-x"] {
            #expect(throws: InvalidInputError.self, "\(name)") { try StagedDirectory(parent: folder.path, finalName: name) }
            #expect(throws: InvalidInputError.self, "\(name)") { try staged.commit(as: name) }
        }
        #expect(folder.list() == ["p"])
        #expect(folder.list("p").count == 1, "only the staging folder")
        staged.discard()
    }

    @Test func aParentThatIsAFileIsAnInvalidInputError() throws {
        let folder = try TemporaryFolder()
        try folder.write("blocker", "x")
        #expect(throws: InvalidInputError.self) { try StagedDirectory(parent: folder.file("blocker"), finalName: "d") }
        #expect(throws: InvalidInputError.self) { try StagedDirectory(parent: folder.file("blocker/sub"), finalName: "d") }
        #expect(folder.list() == ["blocker"])
    }

    @Test func concurrentCommitsOfOneNameAllSurvive() throws {
        let folder = try TemporaryFolder()
        let parent = folder.path
        let failures = Tally()
        DispatchQueue.concurrentPerform(iterations: 16) { index in
            do {
                let staged = try StagedDirectory(parent: parent, finalName: "race")
                try staged.write(file: "who.txt", contents: "\(index)")
                _ = try staged.commit()
            } catch {
                failures.add("\(error)")
            }
        }
        #expect(failures.value == 0, "\(failures.messages)")
        let names = folder.list()
        #expect(Set(names) == Set(["race"] + (2...16).map { "race_\($0)" }))
        let owners = try names.map { try folder.read("\($0)/who.txt") }
        #expect(Set(owners).count == 16, "every writer's directory is intact")
    }

    @Test func readersSeeNothingOrTheWholeDirectory() throws {
        let folder = try TemporaryFolder()
        let parent = folder.path
        let files = (0..<20).map { "part\($0).txt" }
        let partial = Tally()
        let failures = Tally()
        let done = Tally()
        DispatchQueue.concurrentPerform(iterations: 2) { worker in
            if worker == 0 {
                for round in 0..<30 {
                    do {
                        let staged = try StagedDirectory(parent: parent, finalName: "dir\(round)")
                        for name in files { try staged.write(file: name, contents: name) }
                        _ = try staged.commit()
                    } catch {
                        failures.add("\(error)")
                    }
                }
                done.add()
                return
            }
            while done.value == 0 {
                let names = (try? FileManager.default.contentsOfDirectory(atPath: parent)) ?? []
                for name in names where !name.hasPrefix(".") {
                    let present = (try? FileManager.default.contentsOfDirectory(atPath: parent + "/" + name)) ?? []
                    if present.count != files.count { partial.add("\(name): \(present.count) files") }
                }
            }
        }
        #expect(failures.value == 0, "\(failures.messages)")
        #expect(partial.value == 0, "\(partial.messages)")
        #expect(folder.list().count == 30)
    }
}
