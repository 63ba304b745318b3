/// Machine commands the contract names but this version does not run yet: requests for them
/// are validated completely and then answered with exit 2. Each later service replaces its
/// declaration here with a real command.
enum PlannedCommands {
    static func planned(_ name: String, summary: String, configHelp: String, aliases: [String]) -> RegisteredCommand {
        RegisteredCommand(
            CommandDeclaration(
                path: [name], summary: summary,
                parameters: [
                    ParameterDeclaration("config_path", .string, required: true, help: configHelp, valueName: "file"),
                    ParameterDeclaration(
                        "out_dir", .string, jsonAliases: aliases, defaultText: "outputs", help: "artifact root", valueName: "dir"),
                ],
                machineName: name, available: false, machineOnly: true, artifactRootKey: "out_dir"),
            executor: UnavailableCommand())
    }

    static let all = [
        planned("soak", summary: "long market-making simulation with guarded auto-tuning", configHelp: "soak profile file",
                aliases: ["outdir"]),
    ]
}
