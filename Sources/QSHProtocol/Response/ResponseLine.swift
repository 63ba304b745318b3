import QSHArtifacts

/// The single JSON line a machine request answers with on stdout, success or error.
public enum ResponseLine {
    public static func success(
        requestID: String?, command: String, runID: String?, artifactsPath: String?, reportPath: String?,
        summary: JSONValue, extra: [String: JSONValue] = [:]
    ) -> String {
        var object = extra
        object["schema_version"] = .string(RequestEnvelope.schemaVersion)
        object["request_id"] = requestID.map { .string($0) } ?? .null
        object["status"] = .string("success")
        object["command"] = .string(command)
        object["run_id"] = runID.map { .string($0) } ?? .null
        object["artifacts_path"] = artifactsPath.map { .string($0) } ?? .null
        object["report_path"] = reportPath.map { .string($0) } ?? .null
        object["summary"] = summary
        return JSONValue.object(object).line()
    }

    public static func error(requestID: String?, command: String?, failure: ClassifiedFailure) -> String {
        JSONValue.object([
            "schema_version": .string(RequestEnvelope.schemaVersion),
            "request_id": requestID.map { .string($0) } ?? .null,
            "status": .string("error"),
            "command": command.map { .string($0) } ?? .null,
            "error": .object([
                "code": .string(failure.code),
                "exit_code": .int(Int64(failure.exitCode)),
                "message": .string(failure.message),
            ]),
        ]).line()
    }
}
