import Foundation
import QSHCore

/// A run directory read back from disk.
public struct RunRecord: Sendable {
    public let runID: String
    public let path: String
    public let metadata: JSONValue
    public let config: JSONValue?
    public let metrics: JSONValue?
}

public struct RunsIndexPaths: Sendable, Equatable {
    public let csv: String
    public let json: String
    public let markdown: String
}

/// `runs_index.{csv,json,md}`: one row per run directory, rebuilt from the directories
/// themselves so that it can never disagree with them for long.
public enum RunsIndex {
    public static let columns = [
        "run_id", "mode", "created_at", "ticker", "start", "end", "sharpe_simple", "total_return", "max_drawdown",
        "trades", "path",
    ]

    /// Every readable run, oldest first, and a warning per unreadable one.
    public static func scan(runsDir: String) -> (records: [RunRecord], warnings: [String]) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: runsDir) else { return ([], []) }
        var records: [RunRecord] = []
        var warnings: [String] = []
        for name in names where !name.hasPrefix(".") {
            let path = (runsDir as NSString).appendingPathComponent(name)
            let metadataPath = (path as NSString).appendingPathComponent("metadata.json")
            guard FileManager.default.fileExists(atPath: metadataPath) else { continue }
            guard let metadata = readJSON(metadataPath), metadata.objectValue != nil else {
                warnings.append("skipped \(path): unreadable metadata.json")
                continue
            }
            records.append(RunRecord(
                runID: metadata["run_id"]?.stringValue ?? name, path: path, metadata: metadata,
                config: readJSON((path as NSString).appendingPathComponent("config.json")),
                metrics: readJSON((path as NSString).appendingPathComponent("metrics.json"))))
        }
        records.sort {
            let a = $0.metadata["created_at"]?.stringValue ?? "", b = $1.metadata["created_at"]?.stringValue ?? ""
            return a != b ? a < b : $0.runID < $1.runID
        }
        return (records, warnings)
    }

    static func readJSON(_ path: String) -> JSONValue? {
        guard let data = FileManager.default.contents(atPath: path) else { return nil }
        return try? JSONValue.parse(bytes: Array(data))
    }

    /// Rewrites the three index files under an advisory lock.
    @discardableResult
    public static func refresh(runsDir: String, now: Date) throws -> RunsIndexPaths {
        try Folders.create(runsDir)
        let lockPath = (runsDir as NSString).appendingPathComponent(".runs_index.lock")
        let lock = open(lockPath, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard lock >= 0 else { throw InvalidInputError("cannot lock '\(lockPath)': \(String(cString: strerror(errno)))") }
        defer { close(lock) }
        while flock(lock, LOCK_EX) != 0 && errno == EINTR {}
        let rows = scan(runsDir: runsDir).records.map(row)
        let paths = RunsIndexPaths(
            csv: (runsDir as NSString).appendingPathComponent("runs_index.csv"),
            json: (runsDir as NSString).appendingPathComponent("runs_index.json"),
            markdown: (runsDir as NSString).appendingPathComponent("runs_index.md"))
        var csv = CSVTable(header: columns)
        for row in rows {
            csv.append(columns.map { column in
                switch row[column] ?? .null {
                case .string(let value): .text(value)
                case .double(let value): .number(value)
                case .int(let value): .integer(Int(value))
                default: .empty
                }
            })
        }
        try AtomicFile.write(csv.text, to: paths.csv)
        let document: JSONValue = .object([
            "generated_at": .string(ISOTime.string(from: now)),
            "root_dir": .string(runsDir),
            "n_runs": .int(Int64(rows.count)),
            "runs": .array(rows.map { .object($0) }),
        ])
        try AtomicFile.write(document.formatted() + "\n", to: paths.json)
        try AtomicFile.write(markdown(rows, now: now), to: paths.markdown)
        return paths
    }

    static func row(_ record: RunRecord) -> [String: JSONValue] {
        let summary = record.metadata["summary"]
        return [
            "run_id": .string(record.runID),
            "mode": record.metadata["mode"] ?? .null,
            "created_at": record.metadata["created_at"] ?? .null,
            "ticker": record.config?["ticker"] ?? .null,
            "start": record.config?["start"] ?? .null,
            "end": record.config?["end"] ?? .null,
            "sharpe_simple": summary?["sharpe_simple"] ?? .null,
            "total_return": summary?["total_return"] ?? .null,
            "max_drawdown": summary?["max_drawdown"] ?? .null,
            "trades": summary?["trades"] ?? .null,
            "path": .string(record.path),
        ]
    }

    static func markdown(_ rows: [[String: JSONValue]], now: Date) -> String {
        var lines = ["# Runs", "", "\(rows.count) runs, generated \(ISOTime.string(from: now))", ""]
        lines.append("| " + columns.joined(separator: " | ") + " |")
        lines.append("|" + columns.map { _ in "---" }.joined(separator: "|") + "|")
        for row in rows {
            lines.append("| " + columns.map { column -> String in
                switch row[column] ?? .null {
                case .string(let value): value.replacingOccurrences(of: "|", with: "\\|")
                case .double(let value): column == "sharpe_simple" ? rounded(value, 4) : rounded(value * 100, 2) + "%"
                case .int(let value): String(value)
                default: ""
                }
            }.joined(separator: " | ") + " |")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func rounded(_ value: Double, _ digits: Int) -> String {
        value.isFinite ? String(format: "%.\(digits)f", value) : ""
    }
}
