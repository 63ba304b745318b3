import Foundation
import QSHCore
import Testing
@testable import QSHArtifacts

/// `AtomicFile.write`: whole-file replacement through a temporary file in the same folder.
@Suite struct AtomicFileTests {
    @Test func createsMissingParentFolders() throws {
        let folder = try TemporaryFolder()
        try AtomicFile.write("first\n", to: folder.file("a/b/c/result.json"))
        #expect(try folder.read("a/b/c/result.json") == "first\n")
        #expect(folder.isDirectory("a/b"))
        #expect(folder.list("a/b/c") == ["result.json"])
    }

    @Test func replacesExistingContentCompletely() throws {
        let folder = try TemporaryFolder()
        let target = folder.file("out.txt")
        try AtomicFile.write(String(repeating: "long line\n", count: 1_000), to: target)
        try AtomicFile.write(Array("short\n".utf8), to: target)
        #expect(try folder.read("out.txt") == "short\n", "no tail of the longer old content")
        try AtomicFile.write("", to: target)
        #expect(try folder.read("out.txt") == "")
        let bytes: [UInt8] = [0, 0xFF, 0x0A, 0xC3, 0xA9]
        try AtomicFile.write(bytes, to: target)
        #expect(FileManager.default.contents(atPath: target).map(Array.init) == bytes)
        #expect(folder.list() == ["out.txt"], "no temporary files remain")
    }

    @Test func writesNonASCIITextAsUTF8() throws {
        let folder = try TemporaryFolder()
        try AtomicFile.write("\u{E9}\u{1F600}\n", to: folder.file("u.txt"))
        #expect(FileManager.default.contents(atPath: folder.file("u.txt")).map(Array.init)
            == [0xC3, 0xA9, 0xF0, 0x9F, 0x98, 0x80, 0x0A])
    }

    @Test func manyWritesLeaveNoTemporaryFiles() throws {
        let folder = try TemporaryFolder()
        for index in 0..<50 {
            try AtomicFile.write("\(index)", to: folder.file("n\(index % 5).txt"))
        }
        #expect(folder.list() == ["n0.txt", "n1.txt", "n2.txt", "n3.txt", "n4.txt"])
        #expect(try folder.read("n4.txt") == "49")
    }

    @Test func dotComponentsInThePathAreFine() throws {
        let folder = try TemporaryFolder()
        try AtomicFile.write("x", to: folder.path + "/./sub/../plain.txt")
        #expect(try folder.read("plain.txt") == "x")
        #expect(folder.list() == ["plain.txt", "sub"])
    }

    @Test(arguments: ["blocker/child.json", "blocker/deeper/child.json", "blocker/a/b/c.json"])
    func aRegularFileInTheParentPathIsAnInvalidInputError(_ relative: String) throws {
        let folder = try TemporaryFolder()
        try folder.write("blocker", "a file, not a folder")
        let target = folder.file(relative)
        do {
            try AtomicFile.write("x", to: target)
            Issue.record("expected an error")
        } catch let error as InvalidInputError {
            // The message names the folder that could not be made, which is a prefix of the target.
            let named = (target as NSString).deletingLastPathComponent
            #expect(error.message.contains("'\(named)'"), "\(error.message)")
            #expect(!error.message.contains("\n"))
        }
        #expect(try folder.read("blocker") == "a file, not a folder", "untouched")
        #expect(folder.list() == ["blocker"], "no temporary files remain")
    }

    /// `Folders.reason` looks for the POSIX cause with `userInfo[NSUnderlyingErrorKey] as? NSError`;
    /// on Linux that value is a Swift `POSIXError`, the cast fails, and the message ends with
    /// "The operation could not be completed. (NSCocoaErrorDomain error 512.)".
    @Test(.disabled("bug: on Linux Folders.reason loses the POSIX cause (ENOTDIR) of a failed createDirectory"))
    func folderErrorsGiveThePOSIXReason() throws {
        let folder = try TemporaryFolder()
        try folder.write("blocker", "a file")
        do {
            try AtomicFile.write("x", to: folder.file("blocker/a/b/c.json"))
            Issue.record("expected an error")
        } catch let error as InvalidInputError {
            #expect(error.message.hasSuffix("Not a directory"), "\(error.message)")
            #expect(!error.message.contains("NSCocoaErrorDomain"), "\(error.message)")
        }
    }

    @Test func anExistingFolderAtTheTargetIsAnInvalidInputErrorNamingIt() throws {
        let folder = try TemporaryFolder()
        try folder.write("taken/inside.txt", "keep")
        do {
            try AtomicFile.write("x", to: folder.file("taken"))
            Issue.record("expected an error")
        } catch let error as InvalidInputError {
            #expect(error.message.contains("'\(folder.file("taken"))'"), "\(error.message)")
        }
        #expect(folder.list() == ["taken"], "the temporary file was removed")
        #expect(try folder.read("taken/inside.txt") == "keep")
    }

    @Test(arguments: ["", "/", "dir/", ".", ".."])
    func pathsThatAreNotFilesAreRejected(_ suffix: String) throws {
        let folder = try TemporaryFolder()
        let path = suffix.isEmpty ? "" : folder.path + "/" + suffix
        #expect(throws: InvalidInputError.self) { try AtomicFile.write("x", to: path) }
        #expect(folder.list().isEmpty)
    }

    @Test func readersNeverSeeAPartialFile() throws {
        let folder = try TemporaryFolder()
        let target = folder.file("shared.txt")
        let small = String(repeating: "a", count: 10)
        let large = String(repeating: "b", count: 300_000)
        try AtomicFile.write(small, to: target)
        let torn = Tally()
        let failed = Tally()
        DispatchQueue.concurrentPerform(iterations: 3) { worker in
            for round in 0..<150 {
                if worker == 0 {
                    do { try AtomicFile.write(round % 2 == 0 ? large : small, to: target) } catch { failed.add("\(error)") }
                } else if let text = try? String(contentsOfFile: target, encoding: .utf8), text != small, text != large {
                    torn.add()
                }
            }
        }
        #expect(failed.value == 0, "\(failed.messages)")
        #expect(torn.value == 0)
        #expect(folder.list() == ["shared.txt"])
    }

    @Test func concurrentWritersToOneFileLeaveOneWholeVersion() throws {
        let folder = try TemporaryFolder()
        let target = folder.file("race.json")
        let failed = Tally()
        let versions = (0..<8).map { String(repeating: "\($0)", count: 10_000 + $0) }
        DispatchQueue.concurrentPerform(iterations: 8) { index in
            for _ in 0..<20 {
                do { try AtomicFile.write(versions[index], to: target) } catch { failed.add("\(error)") }
            }
        }
        #expect(failed.value == 0, "\(failed.messages)")
        #expect(versions.contains(try folder.read("race.json")))
        #expect(folder.list() == ["race.json"])
    }
}
