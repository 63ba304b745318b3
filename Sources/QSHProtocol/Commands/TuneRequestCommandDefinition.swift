import QSHArtifacts
import QSHServices

/// The JSON request `tune`: a whole tuning session (as `tune session`) from `session_file` or
/// an inline `session` object, with the run and aggregate options. Machine-only: at the prompt
/// and on argv, `qsh tune session` is the same thing.
enum TuneRequestCommandDefinition {
    static let command = RegisteredCommand(
        CommandDeclaration(
            path: ["tune"],
            summary: "A tuning session from a file or an inline session object: plan, run and rank (as `tune session`).",
            parameters: [
                ParameterDeclaration(
                    "session_file", .string, jsonAliases: ["config_path"], required: true, requiredUnless: "session",
                    help: "the tuning session file (YAML or JSON, see docs/tuning.md)", valueName: "file", completion: .files),
                ParameterDeclaration(
                    "session", .document,
                    help: "instead of session_file: the session itself, as a JSON object with the file's keys (session, base, space, constraints)"),
            ] + TuneRunCommandDefinition.options + TuneAggregateCommandDefinition.options + [SharedParameters.outputRoot],
            machineName: "tune", machineOnly: true, artifactRootKey: "out_dir"),
        executor: ServiceCommand(
            TuneSessionService(),
            request: { values in
                var request = try TuneSessionCommandDefinition.request(values)
                request.inlineSession = values.document("session")
                return request
            },
            render: { outcome, _, _ in outcome.summaryJSON.formatted() }))
}
