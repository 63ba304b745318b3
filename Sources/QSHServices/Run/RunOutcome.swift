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
        fields["summary"] = ContractFields.completionSummary(runSummary)
        return fields
    }

    /// The response line carries the whole summary (days included).
    public var responseFields: [String: JSONValue] {
        var fields = locationFields
        fields["summary"] = runSummary
        return fields
    }

    private var locationFields: [String: JSONValue] {
        ContractFields.location(id: runID, artifactsPath: artifactsPath, reportPath: reportPath, index: index)
    }
}
