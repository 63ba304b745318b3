import Foundation
import QSHCore

/// A run directory read back from disk.
public struct RunRecord: Sendable, Equatable {
    public let runID: String
    public let path: String
    public let metadata: JSONValue
    public let config: JSONValue?
    public let metrics: JSONValue?

    public init(runID: String, path: String, metadata: JSONValue, config: JSONValue?, metrics: JSONValue?) {
        self.runID = runID
        self.path = path
        self.metadata = metadata
        self.config = config
        self.metrics = metrics
    }
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

    /// Every run directory (an immediate subfolder not starting with `.` that holds a
    /// `metadata.json`), sorted by `created_at` then run id, and one warning per file that
    /// could not be read or parsed. A run whose `metadata.json` is unreadable, or not a JSON
    /// object, is left out; an unreadable `config.json` or `metrics.json` leaves that field nil.
    /// A missing runs folder is an empty list.
    public static func scan(runsDir: String) -> (records: [RunRecord], warnings: [String]) {
        guard let names = try? FileManager.default.contentsOfDirectory(atPath: runsDir) else { return ([], []) }
        var records: [RunRecord] = []
        var warnings: [String] = []
        for name in names.sorted() where !name.hasPrefix(".") {
            let path = (runsDir as NSString).appendingPathComponent(name)
            var isDirectory: ObjCBool = false
            guard FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory), isDirectory.boolValue else {
                continue
            }
            let metadataPath = (path as NSString).appendingPathComponent("metadata.json")
            guard FileManager.default.fileExists(atPath: metadataPath) else { continue }
            let metadata: JSONValue
            switch readJSON(metadataPath) {
            case .success(let value) where value.objectValue != nil:
                metadata = value
            case .success(let value):
                warnings.append("skipped \(path): metadata.json holds \(value.typeName), not an object")
                continue
            case .failure(let problem):
                warnings.append("skipped \(path): metadata.json \(problem)")
                continue
            }
            func optional(_ file: String) -> JSONValue? {
                let filePath = (path as NSString).appendingPathComponent(file)
                guard FileManager.default.fileExists(atPath: filePath) else { return nil }
                switch readJSON(filePath) {
                case .success(let value): return value
                case .failure(let problem):
                    warnings.append("\(path): \(file) \(problem)")
                    return nil
                }
            }
            records.append(RunRecord(
                runID: metadata["run_id"]?.stringValue ?? name, path: path, metadata: metadata,
                config: optional("config.json"), metrics: optional("metrics.json")))
        }
        records.sort {
            let a = $0.metadata["created_at"]?.stringValue ?? "", b = $1.metadata["created_at"]?.stringValue ?? ""
            return a != b ? a < b : $0.runID < $1.runID
        }
        return (records, warnings)
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

    /// Rewrites the three index files, each atomically, while holding an exclusive advisory
    /// lock on `runsDir/.runs_index.lock`, so that concurrent refreshes never interleave and
    /// the last one to finish saw every run committed before it started.
    @discardableResult
    public static func refresh(runsDir: String, now: Date) throws -> RunsIndexPaths {
        try Folders.create(runsDir)
        let lockPath = (runsDir as NSString).appendingPathComponent(".runs_index.lock")
        let lock = open(lockPath, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard lock >= 0 else { throw InvalidInputError("cannot lock '\(lockPath)': \(FileBytes.reason(errno))") }
        defer { close(lock) }
        while flock(lock, LOCK_EX) != 0 {
            guard errno == EINTR else { throw InvalidInputError("cannot lock '\(lockPath)': \(FileBytes.reason(errno))") }
        }
        defer { flock(lock, LOCK_UN) }
        let rows = scan(runsDir: runsDir).records.map(row)
        let paths = RunsIndexPaths(
            csv: (runsDir as NSString).appendingPathComponent("runs_index.csv"),
            json: (runsDir as NSString).appendingPathComponent("runs_index.json"),
            markdown: (runsDir as NSString).appendingPathComponent("runs_index.md"))
        try AtomicFile.write(csv(rows), to: paths.csv)
        try AtomicFile.write(json(rows, runsDir: runsDir, now: now).formatted() + "\n", to: paths.json)
        try AtomicFile.write(markdown(rows, now: now), to: paths.markdown)
        return paths
    }

    /// One index row: every column, `.null` where the run does not say.
    public static func row(_ record: RunRecord) -> [String: JSONValue] {
        let summary = record.metadata["summary"]
        func scalar(_ value: JSONValue?) -> JSONValue {
            switch value {
            case .string, .int, .double, .bool: value!
            default: .null
            }
        }
        return [
            "run_id": .string(record.runID),
            "mode": scalar(record.metadata["mode"]),
            "created_at": scalar(record.metadata["created_at"]),
            "ticker": scalar(record.config?["ticker"]),
            "start": scalar(record.config?["start"]),
            "end": scalar(record.config?["end"]),
            "sharpe_simple": scalar(summary?["sharpe_simple"]),
            "total_return": scalar(summary?["total_return"]),
            "max_drawdown": scalar(summary?["max_drawdown"]),
            "trades": scalar(summary?["trades"]),
            "path": .string(record.path),
        ]
    }

    static func csv(_ rows: [[String: JSONValue]]) -> String {
        var table = CSVTable(header: columns)
        for row in rows {
            table.append(columns.map { column in
                switch row[column] ?? .null {
                case .string(let value): .text(value)
                case .double(let value): .number(value)
                case .int(let value): .text(String(value))
                case .bool(let value): .text(value ? "true" : "false")
                default: .empty
                }
            })
        }
        return table.text
    }

    static func json(_ rows: [[String: JSONValue]], runsDir: String, now: Date) -> JSONValue {
        .object([
            "generated_at": .string(ISOTime.string(from: now)),
            "root_dir": .string(runsDir),
            "n_runs": .int(Int64(rows.count)),
            "runs": .array(rows.map { .object($0) }),
        ])
    }

    /// A table for people: Sharpe with 3 decimals, returns and drawdowns as percentages with 2,
    /// trades as a whole number; `|` and line breaks in text are escaped.
    static func markdown(_ rows: [[String: JSONValue]], now: Date) -> String {
        var lines = ["# Runs", "", "\(rows.count) run\(rows.count == 1 ? "" : "s"), generated \(ISOTime.string(from: now))", ""]
        lines.append("| " + columns.joined(separator: " | ") + " |")
        lines.append("|" + columns.map { _ in "---" }.joined(separator: "|") + "|")
        for row in rows {
            lines.append("| " + columns.map { column in cell(column, row[column] ?? .null) }.joined(separator: " | ") + " |")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func cell(_ column: String, _ value: JSONValue) -> String {
        switch (column, value) {
        case ("sharpe_simple", _): value.doubleValue.map { fixed($0, 3) } ?? text(value)
        case ("total_return", _), ("max_drawdown", _): value.doubleValue.map { fixed($0 * 100, 2) + "%" } ?? text(value)
        case ("trades", _):
            if let number = value.doubleValue, number.isFinite, number.rounded() == number, number.magnitude < 1e15 {
                String(Int64(number))
            } else {
                text(value)
            }
        default: text(value)
        }
    }

    static func text(_ value: JSONValue) -> String {
        switch value {
        case .string(let string):
            var out = ""
            for scalar in string.unicodeScalars {
                switch scalar {
                case "|": out += "\\|"
                case "\n", "\r": out += " "
                default: out.unicodeScalars.append(scalar)
                }
            }
            return out
        case .int(let number): return String(number)
        case .double(let number): return number.isFinite ? PythonFloat.repr(number) : ""
        case .bool(let flag): return flag ? "true" : "false"
        default: return ""
        }
    }

    static func fixed(_ value: Double, _ digits: Int) -> String {
        guard value.isFinite else { return "" }
        let text = String(format: "%.\(digits)f", value)
        // "-0.00" reads as a sign error; a value that rounds to zero prints without it.
        return text.hasPrefix("-") && text.dropFirst().allSatisfy({ $0 == "0" || $0 == "." }) ? String(text.dropFirst()) : text
    }
}
