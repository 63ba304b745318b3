import QSHCore
import QSHProtocol

/// The process-level forms that are not subcommands: `--json-request ENVELOPE
/// [--signal-file PATH]` and `--check [--outdir DIR] [--data-dir DIR]`. Each accepts only its
/// own companion flags; anything else is a usage error (exit 2).
enum MachineArguments {
    enum Mode: Equatable {
        case jsonRequest(envelope: String, signalFile: String?)
        case check(outputRoot: String, dataDir: String?)
        case completionScript(shell: String)
        case help(text: String)
    }

    /// The process-level flags, for "did you mean" on mistyped ones.
    static let forms = ["--json-request", "--signal-file", "--check", "--generate-completion-script", "--version", "--help", "--keep-going"]

    /// nil when the arguments are an ordinary command line.
    static func mode(_ arguments: [String]) throws(InvalidInputError) -> Mode? {
        if let text = MachineFormHelp.requested(in: arguments) { return .help(text: text) }
        if let first = arguments.first, LegacyArguments.split(first).0 == "--generate-completion-script" {
            let shells = CompletionScripts.shells
            let inline = LegacyArguments.split(first).1
            let values = (inline.map { [$0] } ?? []) + arguments.dropFirst()
            guard values.count == 1, let shell = values.first, shells.contains(shell) else {
                throw InvalidInputError("--generate-completion-script takes one of \(shells.joined(separator: ", "))")
            }
            return .completionScript(shell: shell)
        }
        var options: [String: String] = [:]
        var flags: [String] = []
        var index = 0
        while index < arguments.count {
            let (flag, inline) = LegacyArguments.split(arguments[index])
            switch flag {
            case "--check":
                guard inline == nil else { throw InvalidInputError("--check takes no value") }
                flags.append(flag)
            case "--json-request", "--signal-file", "--outdir", "--data-dir":
                if let inline {
                    options[flag] = inline
                } else {
                    guard index + 1 < arguments.count else { throw InvalidInputError("\(flag) needs a value") }
                    index += 1
                    options[flag] = arguments[index]
                }
            default:
                guard options["--json-request"] != nil || flags.contains("--check") || arguments.contains(where: isModeFlag) else {
                    return nil
                }
                throw InvalidInputError("unexpected argument '\(arguments[index])' with \(arguments.contains(where: { $0.hasPrefix("--check") }) ? "--check" : "--json-request")")
            }
            index += 1
        }
        if let envelope = options["--json-request"] {
            guard flags.isEmpty, options["--outdir"] == nil, options["--data-dir"] == nil else {
                throw InvalidInputError("--json-request accepts only --signal-file beside it")
            }
            return .jsonRequest(envelope: envelope, signalFile: options["--signal-file"])
        }
        if flags.contains("--check") {
            guard options["--signal-file"] == nil else { throw InvalidInputError("--check does not take --signal-file") }
            return .check(outputRoot: options["--outdir"] ?? "outputs", dataDir: options["--data-dir"])
        }
        return nil
    }

    static func isModeFlag(_ argument: String) -> Bool {
        let flag = LegacyArguments.split(argument).0
        return flag == "--json-request" || flag == "--check"
    }
}
