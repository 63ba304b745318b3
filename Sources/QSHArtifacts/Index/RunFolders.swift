import Foundation

/// The entries of a runs folder and what one run folder holds. A full scan and an incremental
/// update both read through here, so that they agree on what is a run and how its path is spelt.
struct RunFolders {
    let runsDir: String
    /// `runsDir` as `appendingPathComponent` joins it (a trailing `/` is not doubled), so that
    /// each run's path is one concatenation instead of one NSString call per folder.
    let childPrefix: String

    init(_ runsDir: String) {
        self.runsDir = runsDir
        childPrefix = String((runsDir as NSString).appendingPathComponent("x").dropLast())
    }

    func path(of name: String) -> String { childPrefix + name }

    /// The folder name a run path stands for, if the path is `path(of: name)` for a name that
    /// could be a run folder (not empty, not hidden, no `/`). Compares bytes: this runs once
    /// per indexed run, and Foundation's `contains` took 10 µs a call.
    func name(ofPath path: String) -> String? {
        var prefix = childPrefix, path = path
        return prefix.withUTF8 { prefix in
            path.withUTF8 { path -> String? in
                guard path.count > prefix.count, prefix.isEmpty || memcmp(path.baseAddress!, prefix.baseAddress!, prefix.count) == 0
                else {
                    return nil
                }
                let name = UnsafeBufferPointer(rebasing: path[prefix.count...])
                guard name[0] != UInt8(ascii: "."), memchr(name.baseAddress!, 0x2F, name.count) == nil else { return nil }
                return String(decoding: name, as: UTF8.self)
            }
        }
    }

    typealias Entry = DirectoryListing.Entry

    /// The non-hidden entries of the runs folder, in listing order; nil when it cannot be
    /// listed (missing, or not a folder).
    func entries() -> [Entry]? {
        DirectoryListing.entries(of: runsDir) { name in name.first != UInt8(ascii: ".") }
    }

    /// What one entry of the runs folder holds.
    enum Read: Equatable {
        /// Not a directory, or no `metadata.json`.
        case notARun
        /// A run; an unreadable or missing `config.json` or `metrics.json` leaves that field
        /// nil and is one of its `problems`.
        case run(RunRecord)
        /// `metadata.json` is there but unreadable, or not a JSON object.
        case unreadable(UnreadableRunFolder)

        /// What the runs index warns about: the folders left out, and the files that are there
        /// but could not be read.
        var warnings: [String] {
            switch self {
            case .notARun: []
            case .run(let record): record.problems.filter { !$0.isMissing }.map { "\(record.path): \($0)" }
            case .unreadable(let folder): ["skipped \(folder.path): \(folder.problem)"]
            }
        }
    }

    /// The run in one entry (see `Read`).
    func read(_ entry: Entry) -> Read {
        guard !entry.isPlainFile else { return .notARun }
        let path = path(of: entry.name)
        if !entry.isDirectory {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else {
                return .notARun
            }
        }
        let metadataPath = path + "/metadata.json"
        guard FileManager.default.fileExists(atPath: metadataPath) else { return .notARun }
        let metadata: JSONValue
        switch Self.readObject(metadataPath, "metadata.json") {
        case .success(let value): metadata = value
        case .failure(let problem): return .unreadable(UnreadableRunFolder(name: entry.name, path: path, problem: problem))
        }
        var problems: [RunFileProblem] = []
        func optional(_ file: String) -> JSONValue? {
            let filePath = path + "/" + file
            guard FileManager.default.fileExists(atPath: filePath) else {
                problems.append(.missing(file))
                return nil
            }
            switch Self.readObject(filePath, file) {
            case .success(let value): return value
            case .failure(let problem):
                problems.append(problem)
                return nil
            }
        }
        let config = optional("config.json")
        let metrics = optional("metrics.json")
        return .run(RunRecord(
            runID: metadata["run_id"]?.stringValue ?? entry.name, path: path, metadata: metadata, config: config,
            metrics: metrics, problems: problems))
    }

    /// The run in one entry, or nil (then with the index's warnings, see `Read.warnings`).
    func read(_ entry: Entry, warnings: inout [String]) -> RunRecord? {
        let read = read(entry)
        warnings += read.warnings
        if case .run(let record) = read { return record }
        return nil
    }

    /// The JSON object in `path`, or what is wrong with the file (`file` names it).
    static func readObject(_ path: String, _ file: String) -> Result<JSONValue, RunFileProblem> {
        guard case .bytes(let bytes) = SmallFile.read(path) else {
            return .failure(RunFileProblem(file: file, reason: "is unreadable"))
        }
        return parseObject(bytes, file)
    }

    /// A file's bytes as a JSON object, or what is wrong with them.
    static func parseObject(_ bytes: [UInt8], _ file: String) -> Result<JSONValue, RunFileProblem> {
        let value: JSONValue
        do {
            value = try JSONValue.parse(bytes: bytes)
        } catch {
            return .failure(RunFileProblem(file: file, reason: "is not valid JSON (\(error))"))
        }
        guard value.objectValue != nil else {
            return .failure(RunFileProblem(file: file, reason: "holds \(value.typeName), not an object"))
        }
        return .success(value)
    }
}
