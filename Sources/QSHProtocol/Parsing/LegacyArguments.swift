/// Rewrites the reference system's flag-only command lines into subcommands, so that
/// `qsh --ticker X ...` means `qsh run --ticker X ...` and `qsh --runs-list DIR` means
/// `qsh runs list DIR` (and `qsh --paper-sessions-list DIR` means `qsh paper list DIR`).
public enum LegacyArguments {
    static let runsFlags = ["--runs-list": "list", "--runs-show": "show", "--runs-best": "best"]
    static let paperFlags = [
        "--paper-sessions-list": "list", "--paper-sessions-show": "show", "--paper-sessions-health": "health",
        "--paper-sessions-alerts": "alerts", "--paper-sessions-index": "index", "--paper-sessions-promotion": "promotion",
    ]
    static let passThrough: Set<String> = ["-h", "--help", "--version", "--generate-completion-script"]

    public static func translate(_ arguments: [String]) -> [String] {
        guard let first = arguments.first, first.hasPrefix("-"), !passThrough.contains(first) else {
            return arguments
        }
        for (index, argument) in arguments.enumerated() {
            let (flag, inlineValue) = split(argument)
            let group: String, subcommand: String
            if let runs = runsFlags[flag] {
                (group, subcommand) = ("runs", runs)
            } else if let paper = paperFlags[flag] {
                (group, subcommand) = ("paper", paper)
            } else {
                continue
            }
            var rest = arguments
            rest.remove(at: index)
            if let inlineValue {
                rest.insert(inlineValue, at: index)
            }
            return [group, subcommand] + rest
        }
        return ["run"] + arguments
    }

    /// `--flag=value` -> ("--flag", "value").
    public static func split(_ argument: String) -> (String, String?) {
        guard let equals = argument.firstIndex(of: "=") else { return (argument, nil) }
        return (String(argument[..<equals]), String(argument[argument.index(after: equals)...]))
    }
}
