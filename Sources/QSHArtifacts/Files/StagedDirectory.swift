import Foundation
import QSHCore

/// A directory assembled in a hidden staging folder beside its final place and renamed into
/// place in one step: readers see either nothing or the complete directory, and a failed or
/// interrupted build leaves only a `.staging-*` folder that `sweepStale` later removes.
///
/// Committing never replaces an existing directory: when the final name is taken the folder
/// becomes `<name>_2`, `<name>_3`, ... (see `ExclusiveRename`).
///
/// Two ways to use it:
/// - `StagedDirectory(parent:finalName:)`, `write(file:contents:)`, then `commit()`, when the
///   contents do not mention the final name;
/// - `StagedDirectory.commitUnique(parent:baseName:build:)`, which rebuilds the contents for
///   each candidate name, when they do (a run's `metadata.json` records its `run_id`).
public final class StagedDirectory {
    public let parent: String
    /// The name `commit()` tries first; nil for directories made with `init(parent:)`.
    public let finalName: String?
    public let stagingPath: String
    private var open = true
    private var folders: Set<String> = []

    /// Creates `parent/.staging-<finalName>-<pid>-<random>/` (and `parent` if needed).
    public convenience init(parent: String, finalName: String) throws {
        try StagedDirectory.checkName(finalName)
        try self.init(parent: parent, finalName: finalName as String?)
    }

    /// A staging folder without a preferred name; commit it with `commit(as:)`.
    public convenience init(parent: String) throws {
        try self.init(parent: parent, finalName: nil as String?)
    }

    private init(parent: String, finalName: String?) throws {
        self.parent = parent
        self.finalName = finalName
        try Folders.create(parent)
        let tag = finalName.map { "\($0)-" } ?? ""
        stagingPath = (parent as NSString).appendingPathComponent(
            ".staging-\(tag)\(getpid())-\(UInt64.random(in: 0...UInt64.max))")
        guard mkdir(stagingPath, 0o755) == 0 else {
            throw InvalidInputError("cannot create folder '\(stagingPath)': \(FileBytes.reason(errno))")
        }
        folders.insert(stagingPath)
    }

    deinit { if open { discard() } }

    /// Whether the directory is still being built (not yet committed or discarded).
    public var isOpen: Bool { open }

    /// Writes `contents` to `name`, a relative path inside the directory (subfolders are made).
    public func write(file name: String, contents: String) throws {
        try write(file: name, bytes: Array(contents.utf8))
    }

    public func write(file name: String, bytes: [UInt8]) throws {
        try write(file: name) { append in try bytes.withUnsafeBytes { try append($0) } }
    }

    /// Writes `name` in pieces: `fill` hands each chunk to `append`, which writes it to the
    /// file at once (a table of millions of rows is never held whole in memory). The file is
    /// flushed to disk when `fill` returns; whatever `fill` or `append` throws is rethrown.
    public func write(file name: String, filling fill: (_ append: FileAppender) throws -> Void) throws {
        guard open else { throw InvalidInputError("cannot write '\(name)': the staged directory is closed") }
        let components = name.split(separator: "/", omittingEmptySubsequences: true)
        guard !name.hasPrefix("/"), !components.isEmpty, !components.contains(where: { $0 == ".." || $0 == "." })
        else {
            throw InvalidInputError("cannot write '\(name)': expected a relative file name inside the directory")
        }
        var folder = stagingPath
        for component in components.dropLast() {
            folder = (folder as NSString).appendingPathComponent(String(component))
            if !folders.contains(folder) {
                try Folders.create(folder)
                folders.insert(folder)
            }
        }
        let target = (folder as NSString).appendingPathComponent(String(components.last!))
        let descriptor = Foundation.open(target, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { throw InvalidInputError("cannot write '\(target)': \(FileBytes.reason(errno))") }
        func failed(_ code: Int32) -> InvalidInputError {
            InvalidInputError("cannot write '\(target)': \(FileBytes.reason(code))")
        }
        // The first chunk is written here; from the second on (files over a chunk) the writes
        // run on their own thread beside the production of the next chunk.
        var writeback = EarlyWriteback(descriptor: descriptor)
        var writer: ChunkWriterThread?
        do {
            try fill { chunk in
                if writer == nil && writeback.isUnused {
                    let failure = FileBytes.writeAll(chunk, to: descriptor)
                    if failure != 0 { throw failed(failure) }
                    return writeback.wrote(chunk.count)
                }
                let thread = writer ?? ChunkWriterThread(descriptor: descriptor, writeback: writeback)
                writer = thread
                let failure = thread.enqueue(chunk)
                if failure != 0 { throw failed(failure) }
            }
        } catch {
            _ = writer?.finish(discarding: true)
            close(descriptor)
            throw error
        }
        var failure = writer?.finish() ?? 0
        if failure == 0 && fsync(descriptor) != 0 { failure = errno }
        if close(descriptor) != 0 && failure == 0 { failure = errno }
        if failure != 0 { throw failed(failure) }
    }

    /// Renames the staging folder to `parent/<finalName>`, or `<finalName>_2`, `_3`, ... when
    /// the name is taken. Returns the name used and the full path.
    public func commit() throws -> (name: String, path: String) {
        guard let finalName else {
            throw InvalidInputError("cannot commit '\(stagingPath)': no final name (use commit(as:))")
        }
        for attempt in 1...StagedDirectory.maximumAttempts {
            let name = attempt == 1 ? finalName : "\(finalName)_\(attempt)"
            if try commit(as: name) { return (name, (parent as NSString).appendingPathComponent(name)) }
        }
        throw InvalidInputError("no free name for '\(finalName)' in '\(parent)'")
    }

    /// Renames the staging folder to `parent/name`. Returns false, leaving everything as it
    /// was, when that name is already taken.
    public func commit(as name: String) throws -> Bool {
        guard open else { throw InvalidInputError("cannot commit '\(stagingPath)': already committed or discarded") }
        try StagedDirectory.checkName(name)
        let target = (parent as NSString).appendingPathComponent(name)
        for folder in folders { FileBytes.flushFolder(folder) }
        switch ExclusiveRename.rename(stagingPath, to: target) {
        case .renamed:
            open = false
            FileBytes.flushFolder(parent)
            return true
        case .taken:
            return false
        case .failed(let code):
            throw InvalidInputError("cannot create '\(target)': \(FileBytes.reason(code))")
        }
    }

    /// Removes the staging folder and everything in it.
    public func discard() {
        guard open else { return }
        open = false
        try? FileManager.default.removeItem(atPath: stagingPath)
    }

    static let maximumAttempts = 10_000

    static func checkName(_ name: String) throws {
        guard !name.isEmpty, name != ".", name != "..", !name.contains("/"), !name.hasPrefix(".staging-") else {
            throw InvalidInputError("invalid directory name '\(name)'")
        }
    }

    /// Builds and commits under `baseName`, or `baseName_2`, `_3`, ... when taken. The
    /// contents are rebuilt for each candidate name because they may mention it.
    public static func commitUnique(
        parent: String, baseName: String, build: (_ name: String, _ directory: StagedDirectory) throws -> Void
    ) throws -> (name: String, path: String) {
        try checkName(baseName)
        sweepStaleOccasionally(in: parent)
        for attempt in 1...maximumAttempts {
            let name = attempt == 1 ? baseName : "\(baseName)_\(attempt)"
            if FileManager.default.fileExists(atPath: (parent as NSString).appendingPathComponent(name)) { continue }
            let directory = try StagedDirectory(parent: parent, finalName: name)
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

    /// The file in a parent folder whose modification time is that of its last sweep.
    public static let sweepMarker = ".last-staging-sweep"
    /// How often `commitUnique` sweeps a folder.
    static let sweepInterval: TimeInterval = 300

    /// `sweepStale`, at most once per `sweepInterval` in a folder: a left-over folder is stale
    /// only after an hour, and listing a runs folder of 5,000 runs cost 1.5 ms of every run
    /// there (measured; a stat of the marker costs microseconds).
    static func sweepStaleOccasionally(in parent: String, now: Date = Date()) {
        let marker = (parent as NSString).appendingPathComponent(sweepMarker)
        var info = stat()
        #if canImport(Darwin)
            let modified = { (info: stat) in info.st_mtimespec.tv_sec }
        #else
            let modified = { (info: stat) in info.st_mtim.tv_sec }
        #endif
        if stat(marker, &info) == 0, now.timeIntervalSince1970 - Double(modified(info)) < sweepInterval { return }
        sweepStale(in: parent, now: now)
        let descriptor = Foundation.open(marker, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        if descriptor >= 0 { Foundation.close(descriptor) }
    }

    /// Removes `.staging-*` folders in `parent` last modified more than `age` seconds before
    /// `now` (left by processes that died mid-build). Returns the paths removed.
    @discardableResult
    public static func sweepStale(in parent: String, olderThan age: TimeInterval = 3_600, now: Date = Date()) -> [String] {
        // Runs once per run, in a folder that may hold thousands of runs: only the staging
        // names are made into Strings.
        let staging = DirectoryListing.entries(of: parent) { DirectoryListing.name($0, startsWith: ".staging-") } ?? []
        let cutoff = now.addingTimeInterval(-age)
        var removed: [String] = []
        for entry in staging.sorted(by: { $0.name < $1.name }) where !entry.isPlainFile {
            let path = (parent as NSString).appendingPathComponent(entry.name)
            guard let attributes = try? FileManager.default.attributesOfItem(atPath: path),
                attributes[.type] as? FileAttributeType == .typeDirectory,
                let modified = attributes[.modificationDate] as? Date, modified < cutoff
            else { continue }
            if (try? FileManager.default.removeItem(atPath: path)) != nil { removed.append(path) }
        }
        return removed
    }
}
