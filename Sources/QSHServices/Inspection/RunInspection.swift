import Foundation
import QSHArtifacts
import QSHCore

/// Reads run directories back: every run (and the folders that cannot be read), or one run.
public struct RunInspection: Sendable {
    public let runsDirectory: String

    /// `path` (absolute) may be the runs folder itself or an output root that holds `runs/`.
    public init(path: String) {
        let nested = RunLayout.runsDirectory(root: path)
        var isDirectory: ObjCBool = false
        if FileManager.default.fileExists(atPath: nested, isDirectory: &isDirectory), isDirectory.boolValue {
            runsDirectory = nested
        } else {
            runsDirectory = path
        }
    }

    /// The folder a request names (resolved against the context), else `<artifact root>/runs`.
    public init(directory: String?, context: ServiceContext) {
        self.init(path: directory.map(context.resolve) ?? context.artifactRoot)
    }

    public func requireDirectory() throws {
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: runsDirectory, isDirectory: &isDirectory), isDirectory.boolValue else {
            throw InvalidInputError("no runs folder at '\(runsDirectory)' (run `qsh run ...` first or pass --outdir)")
        }
    }

    /// Every run of the folder, and the run folders that could not be read.
    public func scan() throws -> RunsScan {
        try requireDirectory()
        return RunsIndex.scan(runsDir: runsDirectory)
    }

    public func list() throws -> [RunRecord] { try scan().records }

    /// A run by id, id prefix (when unique), or directory path. A damaged run, or a run folder
    /// that cannot be read, is a data error naming what is wrong.
    public func show(_ reference: String) throws -> RunRecord {
        let scan = try scan()
        guard let record = try Self.match(reference, in: scan.records, id: \.runID, path: \.path) else {
            // A folder that is no run because it cannot be read is named as such.
            if let folder = try? Self.match(reference, in: scan.unreadable, id: \.name, path: \.path) {
                throw DataError(RunDamage.unreadable(folder))
            }
            throw InvalidInputError("no run '\(reference)' in \(runsDirectory)")
        }
        guard record.damage.isEmpty else { throw DataError("\(RunDamage.damaged(record)) (\(record.path))") }
        return record
    }

    /// The item with id or path `reference`, else the one whose id it prefixes; nil when none
    /// does, an error when several do.
    static func match<Item>(
        _ reference: String, in items: [Item], id: KeyPath<Item, String>, path: KeyPath<Item, String>
    ) throws -> Item? {
        if let exact = items.first(where: { $0[keyPath: id] == reference || $0[keyPath: path] == reference }) {
            return exact
        }
        let standardized = (reference as NSString).standardizingPath
        if let byPath = items.first(where: { ($0[keyPath: path] as NSString).standardizingPath == standardized }) {
            return byPath
        }
        let matches = items.filter { $0[keyPath: id].hasPrefix(reference) }
        guard matches.count > 1 else { return matches.first }
        throw InvalidInputError(
            "run id prefix '\(reference)' is ambiguous: \(matches.prefix(5).map { $0[keyPath: id] }.joined(separator: ", "))")
    }
}
