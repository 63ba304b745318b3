import QSHCore

/// `--help` text, usage lines and the root help, all from the registry's declarations.
public struct HelpRenderer: Sendable {
    public let registry: CommandRegistry

    public init(registry: CommandRegistry) { self.registry = registry }

    /// The process-level forms that are not commands.
    public static let rootForms: [(usage: String, summary: String)] = [
        ("qsh <command> [options]", "run one command"),
        ("qsh", "the interactive prompt (on a terminal; otherwise reads a script from stdin)"),
        ("qsh [--keep-going] FILE.qsh [ARG...]", "run a script; also -c 'LINE' [ARG...] and qsh < FILE"),
        ("qsh --json-request REQUEST [--signal-file PATH]", "one machine request (inline JSON, @file or -)"),
        ("qsh --check [--outdir DIR] [--data-dir DIR]", "JSON health report of this installation"),
        ("qsh --generate-completion-script bash|zsh|fish", "completion script for your shell"),
        ("qsh --version | --help | help COMMAND", "version, this help, a command's help"),
    ]

    public func root() -> String {
        var lines = [
            "qsh — QuantLab Shell: backtests, paper sessions, tuning and soak runs for systematic trading.", "",
            "Usage:",
        ]
        let width = Self.rootForms.map(\.usage.count).max() ?? 0
        lines += Self.rootForms.map { "  " + pad($0.usage, width) + "  " + $0.summary }
        lines += ["", "Commands:"]
        lines += commandList(indent: "  ")
        lines += [
            "",
            "QuantLab forms work too: `qsh --ticker ETH-USD ...` is `qsh run ...`; --runs-list DIR, --runs-show DIR",
            "and --runs-best DIR --metric NAME are `qsh runs list|show|best`.",
            "See 'qsh help COMMAND' or 'qsh COMMAND --help' for a command's options.",
        ]
        return lines.joined(separator: "\n")
    }

    public var rootUsage: [String] { ["Usage: qsh <command> [options]   (qsh --help lists the commands)"] }

    /// `name  summary` lines for every visible command.
    public func commandList(indent: String) -> [String] {
        let names = registry.visibleCommands.map(\.declaration.name)
        let width = names.map(\.count).max() ?? 0
        return registry.visibleCommands.map { indent + pad($0.declaration.name, width) + "  " + $0.declaration.summary }
    }

    /// `help WORDS...`: a command's or group's help, or the root help.
    public func topic(_ words: [String]) throws -> String {
        if words.isEmpty { return root() }
        if words == ["--markdown"] { return CommandReference(registry: registry).markdown() }
        switch registry.resolve(words) {
        case .command(let command, let consumed) where consumed == words.count:
            return self.command(command.declaration)
        case .group(let group, let consumed, nil) where consumed == words.count:
            return self.group(group)
        default:
            let topic = words.joined(separator: " ")
            let known = registry.visibleCommands.map(\.declaration.name) + registry.groups.map { $0.path.joined(separator: " ") }
            throw UsageError(
                "no command '\(Excerpt.of(topic))'" + Suggestion.hint(for: topic, among: known)
                    + "; commands: \(registry.topLevelNames.joined(separator: ", "))")
        }
    }

    public func usage(_ declaration: CommandDeclaration) -> [String] {
        ["Usage: " + usageLine(declaration), "See 'qsh \(declaration.name) --help'."]
    }

    func usageLine(_ declaration: CommandDeclaration) -> String {
        var words = ["qsh", declaration.name]
        for parameter in declaration.parameters where parameter.required && !parameter.isPositional {
            words.append("\(parameter.flags[0]) <\(parameter.valueName)>")
        }
        for parameter in declaration.parameters where parameter.isPositional {
            words.append(parameter.required ? "<\(parameter.valueName)>" : "[<\(parameter.valueName)>]")
        }
        if declaration.parameters.contains(where: { !$0.required && !$0.isPositional }) { words.append("[options]") }
        return words.joined(separator: " ")
    }

    public func command(_ declaration: CommandDeclaration) -> String {
        var lines = [declaration.summary, "", "Usage: " + usageLine(declaration)]
        let positionals = declaration.parameters.filter(\.isPositional)
        if !positionals.isEmpty {
            lines += ["", "Arguments:"]
            lines += table(positionals.map { ("<\($0.valueName)>", describe($0)) })
        }
        let options = declaration.parameters.filter { !$0.isPositional }
        lines += ["", "Options:"]
        lines += table(options.map { (spelling($0), describe($0)) } + [("-h, --help", "Show this help.")])
        if let dynamic = declaration.dynamicParameters {
            lines += ["", dynamic.title + ":"]
            lines += table(dynamic.provide(nil).map { (spelling($0), describe($0)) })
        }
        if let discussion = declaration.discussion { lines += [""] + Self.wrap(discussion, width: Self.lineWidth) }
        if !declaration.examples.isEmpty {
            lines += ["", "Examples:"]
            lines += declaration.examples.map { "  " + $0 }
        }
        return lines.joined(separator: "\n")
    }

    public func group(_ group: CommandGroup) -> String {
        var lines = [group.summary, ""] + groupUsage(group) + ["", "Subcommands:"]
        let members = registry.visibleCommands.filter { Array($0.declaration.path.dropLast()) == group.path }
        let width = members.map { $0.declaration.path.last!.count }.max() ?? 0
        lines += members.map { "  " + pad($0.declaration.path.last!, width) + "  " + $0.declaration.summary }
        return lines.joined(separator: "\n")
    }

    public func groupUsage(_ group: CommandGroup) -> [String] {
        let name = group.path.joined(separator: " ")
        return ["Usage: qsh \(name) <\(registry.children(of: group.path).joined(separator: "|"))> [options]",
                "See 'qsh \(name) <subcommand> --help'."]
    }

    /// `--slippage-mode, --slippage_mode <fixed|atr>`
    func spelling(_ parameter: ParameterDeclaration) -> String {
        parameter.flags.joined(separator: ", ") + (parameter.takesValue ? " <\(parameter.valueName)>" : "")
    }

    func describe(_ parameter: ParameterDeclaration) -> String {
        var text = parameter.help
        if parameter.required { text += " (required)" }
        if let range = parameter.range { text += " (\(NumberText.show(range.lowerBound))..\(NumberText.show(range.upperBound)))" }
        if let defaultText = parameter.defaultText { text += " (default: \(defaultText))" }
        return text
    }

    /// Help lines stay readable in an 100-column terminal.
    static let lineWidth = 100

    /// Two columns; the right one wrapped under itself.
    private func table(_ rows: [(String, String)]) -> [String] {
        let width = min(rows.map(\.0.count).max() ?? 0, 44)
        let indent = String(repeating: " ", count: width + 4)
        return rows.flatMap { left, right -> [String] in
            let wrapped = Self.wrap(right, width: max(30, Self.lineWidth - width - 4))
            var lines = left.count > width ? ["  " + left, indent + wrapped[0]] : ["  " + pad(left, width) + "  " + wrapped[0]]
            lines += wrapped.dropFirst().map { indent + $0 }
            return lines
        }
    }

    /// Words of `text` in lines of at most `width` characters (a longer word gets its own line).
    static func wrap(_ text: String, width: Int) -> [String] {
        var lines: [String] = []
        var line = ""
        for word in text.split(separator: " ", omittingEmptySubsequences: true) {
            if !line.isEmpty && line.count + 1 + word.count > width {
                lines.append(line)
                line = ""
            }
            line += (line.isEmpty ? "" : " ") + word
        }
        return lines + [line]
    }

    private func pad(_ text: String, _ width: Int) -> String {
        text.count >= width ? text : text + String(repeating: " ", count: width - text.count)
    }
}
