import QSHProtocol

/// `--help` for the process-level forms that are not commands (`qsh --json-request --help`,
/// `qsh --check --help`, `qsh --generate-completion-script --help`), so that "every command
/// accepts --help" holds for them too. Printed to stdout, exit 0.
enum MachineFormHelp {
    struct Form {
        let flag: String
        let text: String
    }

    static let forms: [Form] = [
        Form(flag: "--json-request", text: """
            Usage: qsh --json-request REQUEST [--signal-file PATH]

            Run one machine request and print exactly one JSON response line on stdout; the exit
            code equals its error.exit_code (0 on success).

              REQUEST               the envelope: inline JSON, @FILE (relative to the working
                                    folder) or - (standard input); at most 1 MiB, UTF-8
              --signal-file PATH    also append lifecycle events (JSON Lines) to PATH

            Envelope: {"schema_version": "1.0", "request_id": "...", "command": "run",
            "params": {...}}. The params are the command's flags as JSON keys (see 'qsh run
            --help'). Full reference: docs/json-request.md.
            """),
        Form(flag: "--check", text: """
            Usage: qsh --check [--outdir DIR] [--data-dir DIR]

            Print a JSON health report of this installation: version, executable, whether the
            artifact root is writable, the data folders found, libedit and the build.
            Exit 0 when healthy, 2 when not.

              --outdir DIR      artifact root to check (default: outputs)
              --data-dir DIR    data folder to check (default: $QSH_DATA_DIR)
            """),
        Form(flag: "--generate-completion-script", text: """
            Usage: qsh --generate-completion-script bash|zsh|fish

            Print a completion script for your shell, generated from the command declarations.
              bash:  source <(qsh --generate-completion-script bash)
              zsh:   qsh --generate-completion-script zsh > "${fpath[1]}/_qsh"
              fish:  qsh --generate-completion-script fish > ~/.config/fish/completions/qsh.fish
            """),
    ]

    /// The form's help when `--help` (or `-h`) is asked for with a process-level flag, as an
    /// argument of its own or as the flag's value (`--json-request --help`).
    static func requested(in arguments: [String]) -> String? {
        let split = arguments.map(LegacyArguments.split)
        let words = arguments + split.compactMap(\.1)
        guard words.contains(where: { $0 == "--help" || $0 == "-h" }) else { return nil }
        let flags = split.map(\.0)
        return forms.first { flags.contains($0.flag) }?.text
    }
}
