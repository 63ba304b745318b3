import Foundation
@testable import QSHArtifacts

/// What a full rebuild must write, printed the way qsh printed the index before the
/// incremental update (every run folder scanned, rows through `CSVTable`, `JSONValue.formatted()`
/// and `String(format:)`), so that the fast paths are checked against code they do not share.
enum RunsIndexReference {
    struct Files: Equatable, CustomStringConvertible {
        let csv: String
        let json: String
        let markdown: String

        var description: String { "--- csv\n\(csv)--- json\n\(json)--- md\n\(markdown)" }
    }

    static func files(runsDir: String, now: Date) -> Files {
        let rows = RunsIndex.scan(runsDir: runsDir).records.map(RunsIndex.row)
        return Files(csv: csv(rows), json: json(rows, runsDir: runsDir, now: now), markdown: markdown(rows, now: now))
    }

    /// The three files as they are on disk.
    static func written(_ runsDir: String) throws -> Files {
        func read(_ name: String) throws -> String {
            try String(contentsOfFile: (runsDir as NSString).appendingPathComponent(name), encoding: .utf8)
        }
        return Files(csv: try read("runs_index.csv"), json: try read("runs_index.json"), markdown: try read("runs_index.md"))
    }

    static func csv(_ rows: [[String: JSONValue]]) -> String {
        var table = CSVTable(header: RunsIndex.columns)
        for row in rows {
            table.append(RunsIndex.columns.map { column in
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

    static func json(_ rows: [[String: JSONValue]], runsDir: String, now: Date) -> String {
        JSONValue.object([
            "generated_at": .string(ISOTime.string(from: now)),
            "root_dir": .string(runsDir),
            "n_runs": .int(Int64(rows.count)),
            "runs": .array(rows.map { .object($0) }),
        ]).formatted() + "\n"
    }

    static func markdown(_ rows: [[String: JSONValue]], now: Date) -> String {
        let columns = RunsIndex.columns
        var lines = ["# Runs", "", "\(rows.count) run\(rows.count == 1 ? "" : "s"), generated \(ISOTime.string(from: now))", ""]
        lines.append("| " + columns.joined(separator: " | ") + " |")
        lines.append("|" + columns.map { _ in "---" }.joined(separator: "|") + "|")
        for row in rows {
            lines.append("| " + columns.map { cell($0, row[$0] ?? .null) }.joined(separator: " | ") + " |")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func cell(_ column: String, _ value: JSONValue) -> String {
        switch column {
        case "sharpe_simple": value.doubleValue.map { fixed($0, 3) } ?? text(value)
        case "total_return", "max_drawdown": value.doubleValue.map { fixed($0 * 100, 2) + "%" } ?? text(value)
        case "trades":
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
        return text.hasPrefix("-") && text.dropFirst().allSatisfy({ $0 == "0" || $0 == "." }) ? String(text.dropFirst()) : text
    }
}

/// Run folders for index tests, written with plain Foundation.
struct RunsFolderMaker {
    let runs: String

    /// A run folder holding `metadata` (and `config`, `metrics` when given) as JSON. A new
    /// folder appears whole, as qsh commits one (written under a hidden name, then renamed), so
    /// that a concurrent refresh never indexes half of it; an existing one is changed in place.
    func add(_ name: String, metadata: JSONValue, config: JSONValue? = nil, metrics: JSONValue? = nil) throws {
        let target = (runs as NSString).appendingPathComponent(name)
        let exists = FileManager.default.fileExists(atPath: target)
        let staging = exists ? name : ".staging-test-\(name)-\(UUID().uuidString)"
        try write(staging, "metadata.json", metadata.formatted() + "\n")
        if let config { try write(staging, "config.json", config.formatted() + "\n") }
        if let metrics { try write(staging, "metrics.json", metrics.formatted() + "\n") }
        if !exists { try FileManager.default.moveItem(atPath: (runs as NSString).appendingPathComponent(staging), toPath: target) }
    }

    /// A plain run with the usual fields.
    func addRun(_ name: String, createdAt: String, sharpe: JSONValue = 0.5, ticker: JSONValue = "SYN-ETH") throws {
        try add(
            name,
            metadata: [
                "run_id": .string(name), "mode": "run", "created_at": .string(createdAt),
                "summary": ["sharpe_simple": sharpe, "total_return": 0.125, "max_drawdown": -0.25, "trades": 7],
            ],
            config: ["ticker": ticker, "start": "2022-01-01", "end": nil])
    }

    func write(_ folder: String, _ file: String, _ text: String) throws {
        let directory = (runs as NSString).appendingPathComponent(folder)
        try FileManager.default.createDirectory(atPath: directory, withIntermediateDirectories: true)
        try text.write(toFile: (directory as NSString).appendingPathComponent(file), atomically: false, encoding: .utf8)
    }

    func remove(_ folder: String) throws {
        try FileManager.default.removeItem(atPath: (runs as NSString).appendingPathComponent(folder))
    }

    var paths: RunsIndexPaths {
        RunsIndexPaths(csv: runs + "/runs_index.csv", json: runs + "/runs_index.json", markdown: runs + "/runs_index.md")
    }

    /// `RunsIndex.refresh` as the run service calls it, with what it did.
    func refresh(now: Date) throws -> RunsIndex.Update {
        try RunsIndex.locked(runs) { try RunsIndex.update(runsDir: runs, now: now, rebuild: false) }
    }
}
