import QSHArtifacts
import QSHCore

/// What a finished sweep hands back: the grid folder, the best experiment and the leaderboard.
public struct SweepOutcome: ServiceOutcome {
    public let gridID: String
    public let artifactsPath: String
    public let reportPath: String
    public let configHash: String
    let table: SweepTable
    let best: SweepTable.Row
    public let index: RunsIndexPaths?
    public let dataSource: String

    public var experiments: Int { table.rows.count }
    public var failed: Int { table.failedCount }

    /// The best experiment's summary (the contract's five keys and days).
    public var runSummary: JSONValue { best.summary.map { RunMetricsJSON.summary($0.reference) } ?? .null }

    public var summary: JSONValue? { runSummary }

    public var artifact: ArtifactReference? { ArtifactReference(id: gridID, path: artifactsPath, reportPath: reportPath) }

    /// SESSION_COMPLETED: the summary keeps exactly the contract's five keys.
    public var completionFields: [String: JSONValue] {
        var fields = locationFields
        fields["summary"] = ContractFields.completionSummary(runSummary)
        return fields
    }

    /// The response line: the best experiment's whole summary, the counts and the best parameters.
    public var responseFields: [String: JSONValue] {
        var fields = locationFields
        var summary = runSummary.objectValue ?? [:]
        summary["experiments"] = .int(Int64(experiments))
        summary["failed"] = .int(Int64(failed))
        summary["best_experiment"] = .int(Int64(best.experiment))
        summary["best_params"] = .object(best.params)
        fields["summary"] = .object(summary)
        return fields
    }

    private var locationFields: [String: JSONValue] {
        ContractFields.location(id: gridID, artifactsPath: artifactsPath, reportPath: reportPath, index: index)
    }

    /// The leaderboard's columns for people: rank, experiment, each parameter, the metrics.
    public var headers: [String] { table.displayHeaders }

    /// The top `limit` rows, formatted for people.
    public func tableRows(limit: Int) -> [[String]] {
        table.ranked.prefix(limit).enumerated().map { table.displayRow($1, rank: $0 + 1) }
    }

    public var rankedCount: Int { table.ranked.count }
}
