import Foundation
import QSHCore

/// A directory assembled in a hidden staging folder beside its final place and renamed into
/// place in one step: readers see either nothing or the complete directory, and a failed or
/// interrupted build leaves only a `.staging-*` folder that later runs sweep away.
public final class StagedDirectory {
    public let parent: String
    public let stagingPath: String
    private var open = true

    public init(parent: String) throws {
        self.parent = parent
        try Folders.create(parent)
        stagingPath = (parent as NSString).appendingPathComponent(
            ".staging-\(getpid())-\(UInt64.random(in: 0...UInt64.max))")
        guard mkdir(stagingPath, 0o755) == 0 else {
            throw InvalidInputError("cannot create folder '\(stagingPath)': \(String(cString: strerror(errno)))")
        }
    }

    deinit { if open { discard() } }

    /// Writes `contents` to `name` (a relative path; subfolders are created).
    public func write(file name: String, contents: String) throws {
        let target = (stagingPath as NSString).appendingPathComponent(name)
        let folder = (target as NSString).deletingLastPathComponent
        if folder != stagingPath { try Folders.create(folder) }
        guard FileManager.default.createFile(atPath: target, contents: Data(contents.utf8)) else {
            throw InvalidInputError("cannot write '\(target)'")
        }
    }

    /// Renames the staging folder to `parent/name`. Returns false, leaving everything as it
    /// was, when that name is already taken.
    public func commit(as name: String) throws -> Bool {
        let target = (parent as NSString).appendingPathComponent(name)
        if FileManager.default.fileExists(atPath: target) { return false }
        flushFolder(stagingPath)
        if rename(stagingPath, target) == 0 {
            open = false
            flushFolder(parent)
            return true
        }
        if errno == EEXIST || errno == ENOTEMPTY { return false }
        throw InvalidInputError("cannot create '\(target)': \(String(cString: strerror(errno)))")
    }

    public func discard() {
        open = false
        try? FileManager.default.removeItem(atPath: stagingPath)
    }

    /// Builds and commits under `baseName`, or `baseName_2`, `_3`, ... when taken. The
    /// contents are rebuilt for each candidate name because they may mention it.
    public static func commitUnique(
        parent: String, baseName: String, build: (_ name: String, _ directory: StagedDirectory) throws -> Void
    ) throws -> (name: String, path: String) {
        sweepStale(in: parent)
        for attempt in 1...10_000 {
            let name = attempt == 1 ? baseName : "\(baseName)_\(attempt)"
            if FileManager.default.fileExists(atPath: (parent as NSString).appendingPathComponent(name)) { continue }
            let directory = try StagedDirectory(parent: parent)
            do {
                try build(name, directory)
                if try directory.commit(as: name) {
                    return (name, (parent as NSString).appendingPathComponent(name))
                }
            } catch {
                directory.discard()
                throw error
            }
            directory.discard()
        }
        throw InvalidInputError("no free name for '\(baseName)' in '\(parent)'")
    }

    /// Removes staging folders left by processes that died more than an hour ago.
    public static func sweepStale(in parent: String, olderThan age: TimeInterval = 3_600) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: parent) else { return }
        let cutoff = Date().addingTimeInterval(-age)
        for name in names where name.hasPrefix(".staging-") {
            let path = (parent as NSString).appendingPathComponent(name)
            if let modified = (try? FileManager.default.attributesOfItem(atPath: path))?[.modificationDate] as? Date,
                modified < cutoff
            {
                try? FileManager.default.removeItem(atPath: path)
            }
        }
    }

    /// fsync of a folder makes a rename inside it durable.
    private func flushFolder(_ path: String) {
        let descriptor = Foundation.open(path, O_RDONLY | O_DIRECTORY)
        guard descriptor >= 0 else { return }
        fsync(descriptor)
        close(descriptor)
    }
}
