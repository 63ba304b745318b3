import QSHArtifacts
import QSHCore

/// Builds the JSON documents of a run directory from a finished backtest.
struct RunDocuments {
    let validated: ValidatedRunRequest
    let series: BarSeries
    let result: BacktestResult
    let adjusted: Bool
    let dataSource: String
    let dataIdentity: DataIdentity
    /// The public command and the caller's id, recorded in the documents.
    let command: String
    let requestID: String?
    /// Dates, or date-times when the bars are intraday or not at UTC midnight.
    let timeStyle: BarTimeStyle
    /// Called every few thousand rows while the per-bar tables are built (millions of rows for
    /// minute bars): reports progress and throws `CancelledError` when the run should stop.
    var checkpoint: @Sendable (_ label: String, _ done: Int, _ total: Int) throws -> Void = { _, _, _ in }

    var request: RunRequest { validated.request }

    var window: RunWindow {
        RunWindow(strategy: validated.strategy, series: series, frameStart: result.frameStart, timeStyle: timeStyle)
    }

    /// What `equity.csv` holds (or that there is none), as asked or by the frame's size.
    var equityTable: EquityTable { EquityTable.resolved(request.equity, frameBars: result.days) }

    var config: JSONValue {
        var config = Self.requestedConfig(validated)
        config["interval"] = .string(validated.interval.text)
        config["adjusted"] = .bool(adjusted)
        config["data"] = dataIdentity.json
        return .object(config)
    }

    /// The config as far as the request alone says it, before any data is read: what the
    /// resolved config adds is the data's interval, adjustment and identity.
    static func requestedConfig(_ validated: ValidatedRunRequest) -> [String: JSONValue] {
        let request = validated.request
        var parameters: [String: JSONValue] = [:]
        for entry in validated.strategy.parameters.entries {
            parameters[entry.name] = entry.kind == .integer ? .int(Int64(entry.value)) : .double(entry.value)
        }
        let costs = request.costs
        return [
            "ticker": .string(request.ticker),
            "start": request.start.map { .string($0) } ?? .null,
            "end": request.end.map { .string($0) } ?? .null,
            "interval": request.interval.map { .string($0) } ?? .null,
            "strategy": .string(type(of: validated.strategy).name),
            "params": .object(parameters),
            "fee": .double(costs.fee),
            "slippage_bps": .double(costs.slippageBps),
            "slippage_mode": .string(costs.slippageMode.rawValue),
            "k_atr": .double(costs.kATR),
            "initial_cash": .double(request.initialCash),
            "paper": .bool(request.paper),
        ]
    }

    var summary: JSONValue { RunMetricsJSON.summary(result.reference) }

    /// Every metric, reference and extended, flat and snake_cased.
    var metrics: JSONValue { RunMetricsJSON.metrics(result.reference, result.extended) }

    func metadata(runID: String, createdAt: String, configHash: String, configPath: String) -> JSONValue {
        let common = ContractFields.metadata(
            id: runID, mode: "run", command: command, createdAt: createdAt, configHash: configHash, configPath: configPath,
            requestID: requestID, summary: summary)
        return .object(common.merging([
            "data_source": .string(dataSource),
            "bars_loaded": .int(Int64(series.count)),
            "frame_start": .string(timestamp(row: result.frameStart)),
            "frame_end": .string(timestamp(row: series.count - 1)),
            "equity_table": .string(equityTable.rawValue),
        ]) { $1 })
    }

    var metricsDocument: JSONValue {
        var best = metrics.objectValue ?? [:]
        best["ticker"] = .string(request.ticker)
        best["strategy"] = .string(type(of: validated.strategy).name)
        best["params"] = config["params"] ?? .null
        return .object([
            "mode": .string("run"),
            "command": .string(command),
            "status": .string("success"),
            "summary": summary,
            "best_result": .object(best),
            "leaderboard_size": .int(1),
            "metrics": metrics,
        ])
    }

    func report(runID: String, createdAt: String, files: [String]) -> JSONValue {
        ContractReport(
            contractType: "quantlab.run.result", artifactType: "run_report", command: command, status: "success",
            requestID: requestID, runID: runID, mode: "run", summary: summary, files: files
        ).document(
            header: [
                "run_id": .string(runID),
                "created_at": .string(createdAt),
                "tool_version": .string(QSHVersion.number),
                "ticker": .string(request.ticker),
                "strategy": .string(type(of: validated.strategy).name),
                "interval": .string(validated.interval.text),
                "frame_start": .string(timestamp(row: result.frameStart)),
                "frame_end": .string(timestamp(row: series.count - 1)),
                "data_source": .string(dataSource),
                "equity_table": .string(equityTable.rawValue),
            ],
            configResolved: config, results: .object(["metrics": metrics]))
    }

    func timestamp(row: Int) -> String {
        timeStyle.format(series.timestamps[row])
    }
}
