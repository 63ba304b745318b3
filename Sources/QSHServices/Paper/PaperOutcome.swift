import QSHArtifacts

/// What a finished paper session hands back: its folder and summary. Signals and the response
/// carry `session_id` (and `run_id`, the same id, for consumers of run results).
public struct PaperOutcome: ServiceOutcome {
    public let sessionID: String
    public let folder: String
    public let reportPath: String
    public let sessionSummary: JSONValue
    public let finalEquity: Double
    public let fills: Int
    public let barsProcessed: Int
    public let barsTotal: Int

    init(
        sessionID: String, folder: String, reportPath: String, summary: JSONValue, finalEquity: Double, fills: Int,
        barsProcessed: Int, barsTotal: Int
    ) {
        self.sessionID = sessionID
        self.folder = folder
        self.reportPath = reportPath
        sessionSummary = summary
        self.finalEquity = finalEquity
        self.fills = fills
        self.barsProcessed = barsProcessed
        self.barsTotal = barsTotal
    }

    public var summary: JSONValue? { sessionSummary }

    public var artifact: ArtifactReference? { ArtifactReference(id: sessionID, path: folder, reportPath: reportPath) }

    public var completionFields: [String: JSONValue] {
        var fields = locationFields
        fields["summary"] = .object(
            ["total_return", "sharpe_simple", "max_drawdown", "trades", "win_rate"].reduce(into: [:]) { $0[$1] = sessionSummary[$1] ?? .null })
        return fields
    }

    public var responseFields: [String: JSONValue] {
        var fields = locationFields
        fields["summary"] = sessionSummary
        fields["session_status_path"] = .string(folder + "/session_status.json")
        return fields
    }

    private var locationFields: [String: JSONValue] {
        [
            "run_id": .string(sessionID),
            "session_id": .string(sessionID),
            "artifacts_path": .string(folder),
            "report_path": .string(reportPath),
        ]
    }
}
