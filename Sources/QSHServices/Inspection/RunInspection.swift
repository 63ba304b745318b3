import Foundation
import QSHArtifacts
import QSHCore

/// Reads run directories back: the list, one run, and the best run by a metric.
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

    public func list() throws -> [RunRecord] {
        try requireDirectory()
        return RunsIndex.scan(runsDir: runsDirectory).records
    }

    /// A run by id, id prefix (when unique), or directory path.
    public func show(_ reference: String) throws -> RunRecord {
        let records = try list()
        if let exact = records.first(where: { $0.runID == reference || $0.path == reference }) { return exact }
        let standardized = (reference as NSString).standardizingPath
        if let byPath = records.first(where: { ($0.path as NSString).standardizingPath == standardized }) { return byPath }
        let matches = records.filter { $0.runID.hasPrefix(reference) }
        if matches.count == 1 { return matches[0] }
        if matches.isEmpty { throw InvalidInputError("no run '\(reference)' in \(runsDirectory)") }
        throw InvalidInputError(
            "run id prefix '\(reference)' is ambiguous: \(matches.prefix(5).map(\.runID).joined(separator: ", "))")
    }

    /// Runs ranked by `metric` (highest first unless `lowestFirst`); runs without it are left out.
    public func best(metric: String, lowestFirst: Bool = false, limit: Int = 1) throws -> [RankedRun] {
        let records = try list()
        let ranked = records.compactMap { record -> RankedRun? in
            guard let value = Self.metricValue(metric, of: record), value.isFinite else { return nil }
            return RankedRun(record: record, value: value)
        }
        guard !ranked.isEmpty || records.isEmpty else {
            throw InvalidInputError("--metric: no run has a metric named '\(metric)'; known: \(Self.knownMetrics(records).joined(separator: ", "))")
        }
        let sorted = ranked.sorted { lowestFirst ? $0.value < $1.value : $0.value > $1.value }
        return Array(sorted.prefix(max(limit, 1)))
    }

    public static func metricValue(_ name: String, of record: RunRecord) -> Double? {
        record.metrics?["metrics"]?[name]?.doubleValue ?? record.metadata["summary"]?[name]?.doubleValue
    }

    static func knownMetrics(_ records: [RunRecord]) -> [String] {
        guard let first = records.first else { return [] }
        let names = first.metrics?["metrics"]?.objectValue ?? first.metadata["summary"]?.objectValue ?? [:]
        return names.keys.sorted()
    }
}

/// One run and the value it was ranked by.
public struct RankedRun: Sendable {
    public let record: RunRecord
    public let value: Double
}
