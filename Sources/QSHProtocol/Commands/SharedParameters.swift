/// Parameters several commands declare the same way.
enum SharedParameters {
    static let outputRoot = ParameterDeclaration(
        "out_dir", .string, flags: ["--outdir", "--out-dir", "--out_dir"], jsonAliases: ["outdir"], defaultText: "outputs",
        help: "artifact root holding runs/, paper_sessions/, tuning/ and soak/", valueName: "dir", completion: .directories)

    static let json = ParameterDeclaration(
        "json", .flag, surfaces: .commandLine, help: "print machine-readable JSON instead of a table")

    /// The options of every command that runs as a session with a lifecycle.
    static let session: [ParameterDeclaration] = [
        ParameterDeclaration(
            SessionOptions.quiet, .flag, surfaces: .commandLine,
            help: "no progress line on the terminal (it only appears there, for work over about a second)"),
        ParameterDeclaration(
            SessionOptions.signalFile, .string, flags: ["--signal-file"], surfaces: .commandLine,
            help: "append lifecycle events (JSON Lines) to this file", valueName: "path", completion: .files),
        ParameterDeclaration(
            SessionOptions.requestID, .string, flags: ["--request-id"], surfaces: .commandLine,
            help: "identifier echoed in artifacts and signals", valueName: "id"),
    ]

    /// The folder positional of the `runs` commands.
    static let runsFolder = ParameterDeclaration.positional(
        "directory", help: "runs folder or artifact root (default: <outdir>/runs)", valueName: "dir", completion: .directories)
}
