import QSHArtifacts

/// What a finished soak hands back: its folder, report and summary, and with `--kpi-gate` a
/// failed final KPI verdict as exit code 1 (the soak ran to its end; its files are complete).
public struct SoakOutcome: ServiceOutcome {
    public let soakID: String
    public let folder: String
    public let reportPath: String
    public let soakSummary: JSONValue
    public let kpiGate: Bool
    /// The final verdict's failed metrics; nil when there was no verdict.
    public let kpiFailed: [String]?

    public var summary: JSONValue? { soakSummary }

    public var artifact: ArtifactReference? { ArtifactReference(id: soakID, path: folder, reportPath: reportPath) }

    public var completionFields: [String: JSONValue] {
        var fields = locationFields
        fields["summary"] = soakSummary
        return fields
    }

    public var responseFields: [String: JSONValue] {
        var fields = locationFields
        fields["summary"] = soakSummary
        fields["soak_status_path"] = .string(folder + "/" + SoakLayout.status)
        return fields
    }

    var gateFailed: Bool { kpiGate && (kpiFailed.map { !$0.isEmpty } ?? true) }

    public var exitCode: Int32 { gateFailed ? 1 : 0 }

    public var problem: OutcomeProblem? {
        guard gateFailed else { return nil }
        let failed = kpiFailed.map { $0.joined(separator: ", ") } ?? "no iteration completed"
        return OutcomeProblem(errorType: OutcomeProblem.kpiGateFailed, message: "KPI gate failed: \(failed) (report: \(reportPath))")
    }

    private var locationFields: [String: JSONValue] {
        [
            "soak_id": .string(soakID),
            "run_id": .string(soakID),
            "artifacts_path": .string(folder),
            "report_path": .string(reportPath),
        ]
    }
}
