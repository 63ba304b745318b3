import ArgumentParser
import QSHArtifacts

/// The command tree as completion needs it: names, subcommands, long flags and which flags
/// take a value. Read once, in-process, from ArgumentParser's help dump (the same JSON as
/// `qsh --experimental-dump-help`), so new commands and flags complete without edits here.
struct CommandTree: Sendable {
    let name: String
    let subcommands: [CommandTree]
    /// Long flags, `--name`, sorted; an `a_b` alias is left out when `a-b` exists.
    let flags: [String]
    /// Flags that take a value (`--ticker X`), every alias included.
    let valueOptions: Set<String>

    var subcommandNames: [String] { subcommands.map(\.name) }

    func child(_ name: String) -> CommandTree? { subcommands.first { $0.name == name } }

    /// The root (`qsh`), built on first use.
    static let shared: CommandTree = load()

    /// First words at the prompt: commands and the shell's builtins, sorted.
    static let commandNames: [String] = Array(Set(shared.subcommandNames + ShellSession.builtinNames)).sorted()

    static func load() -> CommandTree {
        var dump: String?
        do {
            _ = try RootCommand.parseAsRoot(["--experimental-dump-help"])
        } catch {
            dump = RootCommand.fullMessage(for: error)
        }
        if let dump, let json = try? JSONValue.parse(dump), let command = json["command"], let tree = make(command) {
            return tree
        }
        return fallback(RootCommand.self)
    }

    /// One node of the dump: `commandName`, `arguments[]` (`kind`, `names[]`), `subcommands[]`.
    static func make(_ json: JSONValue) -> CommandTree? {
        guard let name = json["commandName"]?.stringValue else { return nil }
        var longNames: [String] = []
        var valueOptions = Set<String>()
        for argument in json["arguments"]?.arrayValue ?? [] {
            if argument["shouldDisplay"]?.boolValue == false { continue }
            let names = (argument["names"]?.arrayValue ?? []).compactMap { entry -> String? in
                guard entry["kind"]?.stringValue != "short", let name = entry["name"]?.stringValue else { return nil }
                return "--" + name
            }
            longNames += names
            if argument["kind"]?.stringValue == "option" { valueOptions.formUnion(names) }
        }
        let unique = Set(longNames)
        let flags = unique.filter { flag in
            !(flag.dropFirst(2).contains("_") && unique.contains(flag.replacingOccurrences(of: "_", with: "-")))
        }.sorted()
        let children = (json["subcommands"]?.arrayValue ?? []).compactMap(make)
        return CommandTree(name: name, subcommands: children, flags: flags, valueOptions: valueOptions)
    }

    /// Names only, if the dump is ever unavailable.
    static func fallback(_ command: any ParsableCommand.Type) -> CommandTree {
        CommandTree(
            name: command.configuration.commandName ?? "",
            subcommands: command.configuration.subcommands.map(fallback), flags: ["--help"], valueOptions: [])
    }
}
