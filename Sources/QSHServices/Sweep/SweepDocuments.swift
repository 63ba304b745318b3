import QSHArtifacts
import QSHCore
import QSHData

/// The JSON documents of a grid folder: the sweep's resolved config, the best experiment's
/// config, metadata, metrics and the contract's report (`quantlab.sweep.result`).
struct SweepDocuments {
    let session: TuningSession
    let loaded: LoadedData
    let timeStyle: BarTimeStyle
    let table: SweepTable
    let best: SweepTable.Row
    let command: String
    let requestID: String?

    static let files = [
        "metadata.json", "config.json", "metrics.json", "report.json", "experiments.csv", "leaderboard.csv",
        "best_config.json", "run_report.md",
    ]

    var dataIdentity: JSONValue { DataIdentity(loaded: loaded, series: loaded.series).json }

    /// A run's config (ticker, window, strategy, costs, the fixed parameters) with the data's
    /// interval and identity, plus the space searched: what the grid id hashes.
    var config: JSONValue {
        var config = RunDocuments.requestedConfig(best.validated)
        let resolved = session.resolved
        config["interval"] = .string(loaded.interval.text)
        config["data"] = dataIdentity
        config["params"] = resolved["base"]?["params"] ?? .object([:])
        config["session"] = .string(session.name)
        config["space"] = resolved["space"] ?? .null
        config["sampling"] = resolved["sampling"] ?? .null
        config["constraints"] = resolved["constraints"] ?? .null
        config["experiments"] = .int(Int64(table.rows.count))
        return .object(config)
    }

    /// The best experiment as a run's resolved config.
    var bestConfig: JSONValue {
        var config = RunDocuments.requestedConfig(best.validated)
        config["interval"] = .string(loaded.interval.text)
        config["data"] = dataIdentity
        return .object(config)
    }

    var summary: JSONValue { best.summary.map { RunMetricsJSON.summary($0.reference) } ?? .null }

    var bestResult: JSONValue {
        guard let result = best.summary else { return .null }
        var fields = RunMetricsJSON.metrics(result.reference, result.extended).objectValue ?? [:]
        fields["experiment"] = .int(Int64(best.experiment))
        fields["ticker"] = .string(best.validated.request.ticker)
        fields["strategy"] = .string(session.base.strategy)
        fields["params"] = .object(best.params)
        return .object(fields)
    }

    var counts: [String: JSONValue] {
        ["experiments": .int(Int64(table.rows.count)), "ranked": .int(Int64(table.ranked.count)),
         "failed": .int(Int64(table.failedCount))]
    }

    func metadata(gridID: String, createdAt: String, configHash: String, configPath: String) -> JSONValue {
        let common = ContractFields.metadata(
            id: gridID, mode: "sweep", command: command, createdAt: createdAt, configHash: configHash, configPath: configPath,
            requestID: requestID, summary: summary)
        return .object(counts.merging(common) { $1 }.merging([
            "data_source": .string(loaded.sourceDescription),
            "bars_loaded": .int(Int64(loaded.series.count)),
            "best_experiment": .int(Int64(best.experiment)),
        ]) { $1 })
    }

    var metricsDocument: JSONValue {
        .object(counts.merging([
            "mode": .string("sweep"),
            "command": .string(command),
            "status": .string("success"),
            "summary": summary,
            "best_result": bestResult,
            "leaderboard_size": .int(Int64(table.ranked.count)),
            // The best experiment's metrics, where a run keeps its own: `runs show` and `runs
            // best` read a grid folder as its best run.
            "metrics": best.summary.map { RunMetricsJSON.metrics($0.reference, $0.extended) } ?? .null,
            "sort_by": .array(SweepTable.sortKeys.map { .string($0) }),
        ]) { $1 })
    }

    func report(gridID: String, createdAt: String) -> JSONValue {
        let top = table.ranked.prefix(10).enumerated().map { index, row -> JSONValue in
            var fields = row.summary.map { RunMetricsJSON.summary($0.reference).objectValue ?? [:] } ?? [:]
            fields["rank"] = .int(Int64(index + 1))
            fields["experiment"] = .int(Int64(row.experiment))
            fields["params"] = .object(row.params)
            return .object(fields)
        }
        return ContractReport(
            contractType: "quantlab.sweep.result", artifactType: "sweep_report", command: command, status: "success",
            requestID: requestID, runID: gridID, mode: "sweep", summary: summary, files: Self.files
        ).document(
            header: [
                "run_id": .string(gridID),
                "created_at": .string(createdAt),
                "tool_version": .string(QSHVersion.number),
                "ticker": .string(best.validated.request.ticker),
                "strategy": .string(session.base.strategy),
                "interval": .string(loaded.interval.text),
                "data_source": .string(loaded.sourceDescription),
                "experiments": .int(Int64(table.rows.count)),
            ],
            configResolved: config,
            results: .object(counts.merging(["best_result": bestResult, "leaderboard_top": .array(top)]) { $1 }))
    }

    /// The first and last bar loaded.
    var span: (String, String) {
        let times = loaded.series.timestamps
        return (timeStyle.format(times[0]), timeStyle.format(times[times.count - 1]))
    }
}
