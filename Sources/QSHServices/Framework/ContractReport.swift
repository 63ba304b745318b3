import QSHArtifacts
import QSHCore

/// A service's `report.json`: the same envelope for every service (schema_version,
/// artifact_type, status, header, config_resolved, results, artifacts, summary) around the
/// contract's `machine_contract` block, which consumers of every mode read the same way.
struct ContractReport {
    /// `quantlab.run.result`, `quantlab.paper.result`, `quantlab.tune.result`, ...
    let contractType: String
    let artifactType: String
    let command: String
    let status: String
    let requestID: String?
    let runID: String
    let mode: String
    let summary: JSONValue
    let files: [String]
    /// Fields the service adds to `machine_contract` (a paper session's `session_id`).
    var contractExtras: [String: JSONValue] = [:]
    /// Fields the service adds at the top level (a paper session's `partial`).
    var extras: [String: JSONValue] = [:]

    var machineContract: JSONValue {
        .object(contractExtras.merging([
            "schema_version": .string("1.0"),
            "contract_type": .string(contractType),
            "command": .string(command),
            "status": .string(status),
            "request_id": requestID.map { .string($0) } ?? .null,
            "run_id": .string(runID),
            "mode": .string(mode),
            "summary": summary,
            "artifacts": .array(files.map { .string($0) }),
        ]) { $1 })
    }

    func document(header: [String: JSONValue], configResolved: JSONValue, results: JSONValue) -> JSONValue {
        .object(extras.merging([
            "schema_version": .string("1.0"),
            "artifact_type": .string(artifactType),
            "status": .string(status),
            "header": .object(header),
            "config_resolved": configResolved,
            "results": results,
            "artifacts": .object(Dictionary(uniqueKeysWithValues: files.map { ($0, JSONValue.string($0)) })),
            "machine_contract": machineContract,
            "summary": summary,
        ]) { $1 })
    }
}
