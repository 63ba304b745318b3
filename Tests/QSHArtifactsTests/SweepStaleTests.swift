import Foundation
import Testing
@testable import QSHArtifacts

/// `StagedDirectory.sweepStale`: removes `.staging-*` folders left by processes that died
/// mid-build, judged by their modification date; nothing else is touched.
@Suite struct SweepStaleTests {
    static let twoHoursAgo = Date().addingTimeInterval(-7_200)

    @Test func removesOnlyOldStagingFolders() throws {
        let folder = try TemporaryFolder()
        let old = try StagedDirectory(parent: folder.path, finalName: "old")
        try old.write(file: "deep/x.txt", contents: "x")
        let fresh = try StagedDirectory(parent: folder.path, finalName: "fresh")
        try folder.write(".staging-manual/file.txt", "x")
        try folder.write("kept/file.txt", "x")
        try folder.write("staging-no-dot/file.txt", "x")
        try folder.write(".hidden-other/file.txt", "x")
        try folder.write(".staging-file-not-folder", "x")
        for name in [(old.stagingPath as NSString).lastPathComponent, ".staging-manual", "kept", "staging-no-dot",
                     ".hidden-other", ".staging-file-not-folder"] {
            try folder.setModified(name, Self.twoHoursAgo)
        }

        let removed = StagedDirectory.sweepStale(in: folder.path)
        #expect(removed == [folder.file(".staging-manual"), old.stagingPath].sorted())
        #expect(FileManager.default.fileExists(atPath: fresh.stagingPath), "recent: maybe still being built")
        #expect(folder.list() == [
            ".hidden-other", ".staging-file-not-folder", (fresh.stagingPath as NSString).lastPathComponent, "kept",
            "staging-no-dot",
        ])
        #expect(StagedDirectory.sweepStale(in: folder.path).isEmpty, "nothing more to do")
        fresh.discard()
        old.discard()
    }

    @Test func ageAndClockAreParameters() throws {
        let folder = try TemporaryFolder()
        try folder.makeFolder(".staging-a")
        try folder.setModified(".staging-a", Date().addingTimeInterval(-600))
        #expect(StagedDirectory.sweepStale(in: folder.path).isEmpty, "ten minutes is not an hour")
        #expect(StagedDirectory.sweepStale(in: folder.path, olderThan: 3_600, now: Date().addingTimeInterval(3_600))
            == [folder.file(".staging-a")])
        try folder.makeFolder(".staging-b")
        try folder.setModified(".staging-b", Date().addingTimeInterval(-600))
        #expect(StagedDirectory.sweepStale(in: folder.path, olderThan: 300) == [folder.file(".staging-b")])
        #expect(folder.list().isEmpty)
    }

    @Test func aSymlinkNamedLikeAStagingFolderIsNotFollowed() throws {
        let folder = try TemporaryFolder()
        let outside = try TemporaryFolder()
        try outside.write("target/precious.txt", "keep")
        try outside.setModified("target", Self.twoHoursAgo)
        try FileManager.default.createSymbolicLink(atPath: folder.file(".staging-link"), withDestinationPath: outside.file("target"))
        #expect(StagedDirectory.sweepStale(in: folder.path).isEmpty)
        #expect(try outside.read("target/precious.txt") == "keep")
    }

    @Test func aMissingOrUnreadableParentIsNothingToDo() throws {
        let folder = try TemporaryFolder()
        #expect(StagedDirectory.sweepStale(in: folder.file("missing")).isEmpty)
        try folder.write("plain", "x")
        #expect(StagedDirectory.sweepStale(in: folder.file("plain")).isEmpty)
    }
}
