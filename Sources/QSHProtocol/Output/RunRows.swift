import QSHArtifacts
import QSHServices

/// How runs read back from disk are shown: table rows, JSON rows, one run in detail.
enum RunRows {
    static let summaryKeys = ["total_return", "sharpe_simple", "max_drawdown", "trades"]

    /// A run as `runs list --json` shows it; a damaged run adds `problems` (one phrase each).
    static func json(_ record: RunRecord) -> JSONValue {
        let config = record.config
        var row: [String: JSONValue] = [
            "run_id": .string(record.runID),
            "path": .string(record.path),
            "mode": record.metadata["mode"] ?? .null,
            "created_at": record.metadata["created_at"] ?? .null,
            "ticker": config?["ticker"] ?? .null,
            "strategy": config?["strategy"] ?? .null,
            "interval": config?["interval"] ?? .null,
            "data": config?["data"] ?? .null,
            "start": config?["start"] ?? .null,
            "end": config?["end"] ?? .null,
            "summary": record.metadata["summary"] ?? .null,
        ]
        let damage = record.damage
        if !damage.isEmpty { row["problems"] = .array(damage.map(JSONValue.string)) }
        return .object(row)
    }

    static func table(_ records: [RunRecord], extraMetric: String?) -> TextTable {
        var headers = [
            "run_id", "ticker", "strategy", "interval", "data", "start", "end", "total_return", "sharpe", "max_dd", "trades",
        ]
        if let extraMetric, !["total_return", "sharpe_simple", "max_drawdown", "trades"].contains(extraMetric) {
            headers.append(extraMetric)
        }
        var table = TextTable(headers, alignments: headers.indices.map { $0 < 7 ? .left : .right })
        for record in records {
            let summary = record.metadata["summary"]
            let config = record.config
            var row = [
                record.runID, config?["ticker"]?.stringValue ?? "", config?["strategy"]?.stringValue ?? "",
                config?["interval"]?.stringValue ?? "", dataName(config?["data"]),
                config?["start"]?.stringValue ?? "", config?["end"]?.stringValue ?? "",
                Format.percent(summary?["total_return"]?.doubleValue),
                Format.fixed(summary?["sharpe_simple"]?.doubleValue, 4),
                Format.percent(summary?["max_drawdown"]?.doubleValue),
                summary?["trades"]?.intValue.map { String($0) } ?? "",
            ]
            if headers.count > 11, let extraMetric {
                row.append(Format.fixed(RunRanking.value(extraMetric, of: record), 4))
            }
            table.append(row)
        }
        return table
    }

    /// The data column: the file name, or `synthetic` (empty for runs from before qsh recorded it).
    static func dataName(_ data: JSONValue?) -> String {
        guard let source = data?["source"]?.stringValue else { return "" }
        if source.hasPrefix("synthetic:") { return "synthetic" }
        return source.split(separator: "/").last.map(String.init) ?? source
    }

    static func detail(_ record: RunRecord) -> JSONValue {
        .object([
            "run_id": .string(record.runID),
            "path": .string(record.path),
            "metadata": record.metadata,
            "config": record.config ?? .null,
            "metrics": record.metrics?["metrics"] ?? .null,
        ])
    }

    static func describe(_ record: RunRecord) -> String {
        var lines = ["run \(record.runID)", "path \(record.path)", ""]
        var settings = TextTable(["config", "value"])
        for (key, value) in (record.config?.objectValue ?? [:]).sorted(by: { $0.key < $1.key }) {
            settings.append([key, value.compact()])
        }
        lines.append(settings.rendered)
        lines.append("")
        var metrics = TextTable(["metric", "value"], alignments: [.left, .right])
        for (key, value) in (record.metrics?["metrics"]?.objectValue ?? [:]).sorted(by: { $0.key < $1.key }) {
            metrics.append([key, value.compact()])
        }
        lines.append(metrics.rendered)
        return lines.joined(separator: "\n")
    }
}
