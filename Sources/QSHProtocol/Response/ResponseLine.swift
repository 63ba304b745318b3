import QSHArtifacts

/// The single JSON line a machine request answers with on stdout, success or error.
public enum ResponseLine {
    /// The contract's success line: `fields` from the outcome, and `run_id`, `artifacts_path`,
    /// `report_path` and `summary` always present (null when the command has none).
    public static func success(requestID: String?, command: String, fields: [String: JSONValue]) -> String {
        var object = fields
        for key in ["run_id", "artifacts_path", "report_path", "summary"] where object[key] == nil { object[key] = .null }
        object["schema_version"] = .string(RequestEnvelope.schemaVersion)
        object["request_id"] = requestID.map { .string($0) } ?? .null
        object["status"] = .string("success")
        object["command"] = .string(command)
        return JSONValue.object(object).line()
    }

    /// The contract's error line; `fields` (a finished session's paths and summary, when it
    /// ended without succeeding) go beside the contract's keys, never over them.
    public static func error(
        requestID: String?, command: String?, failure: ClassifiedFailure, fields: [String: JSONValue] = [:]
    ) -> String {
        JSONValue.object(fields.merging([
            "schema_version": .string(RequestEnvelope.schemaVersion),
            "request_id": requestID.map { .string($0) } ?? .null,
            "status": .string("error"),
            "command": command.map { .string($0) } ?? .null,
            "error": .object([
                "code": .string(failure.code),
                "exit_code": .int(Int64(failure.exitCode)),
                "message": .string(failure.message),
            ]),
        ]) { $1 }).line()
    }
}
