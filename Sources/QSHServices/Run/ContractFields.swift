import QSHArtifacts
import QSHCore

/// Fields that runs and sweeps (folders under `runs/`) write alike: where the folder is, in the
/// response line and `SESSION_COMPLETED`, and the common part of `metadata.json`.
enum ContractFields {
    /// SESSION_COMPLETED's summary keeps exactly the contract's five keys.
    static let completionKeys = ["total_return", "sharpe_simple", "max_drawdown", "trades", "win_rate"]

    static func completionSummary(_ summary: JSONValue) -> JSONValue {
        .object(Dictionary(uniqueKeysWithValues: completionKeys.map { ($0, summary[$0] ?? .null) }))
    }

    /// run_id, artifacts_path, report_path and, when it was refreshed, the runs index's paths.
    static func location(id: String, artifactsPath: String, reportPath: String, index: RunsIndexPaths?) -> [String: JSONValue] {
        var fields: [String: JSONValue] = [
            "run_id": .string(id), "artifacts_path": .string(artifactsPath), "report_path": .string(reportPath),
        ]
        if let index {
            fields["runs_index_csv"] = .string(index.csv)
            fields["runs_index_json"] = .string(index.json)
            fields["runs_index_md"] = .string(index.markdown)
        }
        return fields
    }

    /// The `metadata.json` fields every folder under `runs/` has (the runs index reads them).
    static func metadata(
        id: String, mode: String, command: String, createdAt: String, configHash: String, configPath: String,
        requestID: String?, summary: JSONValue
    ) -> [String: JSONValue] {
        [
            "run_id": .string(id),
            "mode": .string(mode),
            "command": .string(command),
            "status": .string("success"),
            "created_at": .string(createdAt),
            "config_hash": .string(configHash),
            "config_path": .string(configPath),
            "request_id": requestID.map { .string($0) } ?? .null,
            "summary": summary,
            "tool_version": .string(QSHVersion.number),
        ]
    }
}
