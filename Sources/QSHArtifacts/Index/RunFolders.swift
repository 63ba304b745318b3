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

    /// The run in one entry, or nil when the entry is not a run folder (not a directory, no
    /// `metadata.json`) or its `metadata.json` is unreadable or not a JSON object (then with a
    /// warning). An unreadable `config.json` or `metrics.json` leaves that field nil, with a warning.
    func read(_ entry: Entry, warnings: inout [String]) -> RunRecord? {
        guard !entry.isPlainFile else { return nil }
        let path = path(of: entry.name)
        if !entry.isDirectory {
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else {
                return nil
            }
        }
        let metadataPath = path + "/metadata.json"
        guard FileManager.default.fileExists(atPath: metadataPath) else { return nil }
        let metadata: JSONValue
        switch Self.readJSON(metadataPath) {
        case .success(let value) where value.objectValue != nil:
            metadata = value
        case .success(let value):
            warnings.append("skipped \(path): metadata.json holds \(value.typeName), not an object")
            return nil
        case .failure(let problem):
            warnings.append("skipped \(path): metadata.json \(problem)")
            return nil
        }
        func optional(_ file: String) -> JSONValue? {
            let filePath = path + "/" + file
            guard FileManager.default.fileExists(atPath: filePath) else { return nil }
            switch Self.readJSON(filePath) {
            case .success(let value): return value
            case .failure(let problem):
                warnings.append("\(path): \(file) \(problem)")
                return nil
            }
        }
        return RunRecord(
            runID: metadata["run_id"]?.stringValue ?? entry.name, path: path, metadata: metadata,
            config: optional("config.json"), metrics: optional("metrics.json"))
    }

    struct ReadProblem: Error, CustomStringConvertible {
        let description: String
    }

    static func readJSON(_ path: String) -> Result<JSONValue, ReadProblem> {
        guard let data = FileManager.default.contents(atPath: path) else {
            return .failure(ReadProblem(description: "is unreadable"))
        }
        do {
            return .success(try JSONValue.parse(bytes: Array(data)))
        } catch {
            return .failure(ReadProblem(description: "is not valid JSON (\(error))"))
        }
    }
}
