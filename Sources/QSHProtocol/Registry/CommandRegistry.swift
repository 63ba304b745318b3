/// A command and what runs it.
public struct RegisteredCommand: Sendable {
    public var declaration: CommandDeclaration
    public let executor: any CommandExecutor

    public init(_ declaration: CommandDeclaration, executor: any CommandExecutor) {
        self.declaration = declaration
        self.executor = executor
    }
}

/// Every command `qsh` has, in one place. The parser, the JSON decoder, completion, help and
/// the docs tables enumerate it; a new command is registered here and nowhere else.
public struct CommandRegistry: Sendable {
    public private(set) var commands: [RegisteredCommand]
    public let groups: [CommandGroup]

    public init(commands: [RegisteredCommand], groups: [CommandGroup]) {
        self.commands = commands
        self.groups = groups
    }

    /// Commands people can type (argv, prompt, scripts), in registration order.
    public var visibleCommands: [RegisteredCommand] { commands.filter { !$0.declaration.machineOnly } }

    public func command(path: [String]) -> RegisteredCommand? {
        visibleCommands.first { $0.declaration.path == path }
    }

    public func machineCommand(named name: String) -> RegisteredCommand? {
        commands.first { $0.declaration.machineName == name }
    }

    public var machineCommandNames: [String] { commands.compactMap(\.declaration.machineName) }

    public func group(path: [String]) -> CommandGroup? { groups.first { $0.path == path } }

    /// The words that may follow `prefix`: top-level command and group names for `[]`,
    /// subcommands for a group.
    public func children(of prefix: [String]) -> [String] {
        var names: [String] = []
        for path in visibleCommands.map(\.declaration.path) + groups.map(\.path)
        where path.count == prefix.count + 1 && Array(path.dropLast()) == prefix {
            if !names.contains(path.last!) { names.append(path.last!) }
        }
        return names
    }

    public var topLevelNames: [String] { children(of: []) }

    /// Where the leading words of a command line lead.
    public enum Resolution {
        case command(RegisteredCommand, consumed: Int)
        /// A group named without (or with an unknown) subcommand; `next` is the word that did
        /// not match, if any.
        case group(CommandGroup, consumed: Int, next: String?)
        case unknown(String)
    }

    public func resolve(_ words: [String]) -> Resolution {
        var prefix: [String] = []
        for (index, word) in words.enumerated() {
            let candidate = prefix + [word]
            if let command = command(path: candidate) {
                // A group may share a name with a command (`soak` runs a soak, `soak list`
                // inspects them): the command unless the next word names a subcommand.
                let next = index + 1 < words.count ? words[index + 1] : nil
                if next.map({ !children(of: candidate).contains($0) }) ?? true {
                    return .command(command, consumed: index + 1)
                }
            }
            if group(path: candidate) != nil {
                prefix = candidate
                continue
            }
            if let group = group(path: prefix) { return .group(group, consumed: index, next: word) }
            return .unknown(word)
        }
        if let group = group(path: prefix) { return .group(group, consumed: words.count, next: nil) }
        return .unknown(words.first ?? "")
    }

    /// The same registry with one declaration replaced (by path), e.g. to add a parameter.
    public func replacing(_ declaration: CommandDeclaration) -> CommandRegistry {
        var copy = self
        for index in copy.commands.indices where copy.commands[index].declaration.path == declaration.path {
            copy.commands[index].declaration = declaration
        }
        return copy
    }
}
