import QSHArtifacts
import QSHCore

/// What a finished run hands back to the surface that started it.
public struct RunOutcome: ServiceOutcome {
    public let runID: String
    /// The run directory.
    public let artifactsPath: String
    public let reportPath: String
    public let configHash: String
    public let runSummary: JSONValue
    public let config: JSONValue
    public let reference: ReferenceMetrics
    public let extended: ExtendedMetrics
    public let files: [String]
    /// What `equity.csv` holds; `.omitted` when it was not written (and `files` omits it).
    public let equityTable: EquityTable
    public let index: RunsIndexPaths?
    public let dataSource: String
    /// The bars loaded, the warm-up and the traded frame.
    public let window: RunWindow

    public var summary: JSONValue? { runSummary }

    public var artifact: ArtifactReference? {
        ArtifactReference(id: runID, path: artifactsPath, reportPath: reportPath)
    }

    /// The contract's SESSION_COMPLETED fields: the summary keeps exactly its five keys.
    public var completionFields: [String: JSONValue] {
        var fields = locationFields
        fields["summary"] = .object([
            "total_return": runSummary["total_return"] ?? .null,
            "sharpe_simple": runSummary["sharpe_simple"] ?? .null,
            "max_drawdown": runSummary["max_drawdown"] ?? .null,
            "trades": runSummary["trades"] ?? .null,
            "win_rate": runSummary["win_rate"] ?? .null,
        ])
        return fields
    }

    /// The response line carries the whole summary (days included).
    public var responseFields: [String: JSONValue] {
        var fields = locationFields
        fields["summary"] = runSummary
        return fields
    }

    private var locationFields: [String: JSONValue] {
        var fields: [String: JSONValue] = [
            "run_id": .string(runID),
            "artifacts_path": .string(artifactsPath),
            "report_path": .string(reportPath),
        ]
        if let index {
            fields["runs_index_csv"] = .string(index.csv)
            fields["runs_index_json"] = .string(index.json)
            fields["runs_index_md"] = .string(index.markdown)
        }
        return fields
    }
}
