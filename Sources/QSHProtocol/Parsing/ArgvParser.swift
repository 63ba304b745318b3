import QSHCore

/// What a command line asked for.
public enum ParsedLine: Sendable {
    case command(RegisteredCommand, ParameterValues)
    /// Help or the version: text for stdout, exit 0.
    case text(String)
}

/// Parses command lines (argv, a prompt line, a script line) against the registry's
/// declarations. swift-argument-parser is not used: its options are Swift properties, so it
/// cannot read the one declaration that JSON requests, completion, help and docs also read.
///
/// Rules: `--flag value` and `--flag=value`; a value may be a negative number (`--fee -0.1`);
/// `--` ends the options; the last of a repeated option wins, except `KEY=VALUE` lists, which
/// collect. Unknown commands and flags are reported before anything else, with a suggestion.
public struct ArgvParser: Sendable {
    public let registry: CommandRegistry
    /// Process-level forms (`--json-request`, `--check`, ...) suggested for near misses.
    public let rootForms: [String]

    public init(registry: CommandRegistry, rootForms: [String] = []) {
        self.registry = registry
        self.rootForms = rootForms
    }

    var help: HelpRenderer { HelpRenderer(registry: registry) }

    public func parse(_ arguments: [String]) throws -> ParsedLine {
        let words = LegacyArguments.translate(arguments)
        let translated = words != arguments
        guard let first = words.first else { return .text(help.root()) }
        switch first {
        case "--help", "-h": return .text(help.root())
        case "--version": return .text(QSHVersion.string)
        case "help": return .text(try help.topic(Array(words.dropFirst())))
        default: break
        }
        switch registry.resolve(words) {
        case .unknown(let word):
            if word.hasPrefix("-") {
                throw UsageError(
                    "unknown option '\(Excerpt.of(word))'" + Suggestion.hint(for: word, among: rootForms),
                    usage: help.rootUsage)
            }
            throw UsageError(
                "unknown command '\(Excerpt.of(word))'" + Suggestion.hint(for: word, among: registry.topLevelNames)
                    + "; commands: \(registry.topLevelNames.joined(separator: ", "))")
        case .group(let group, _, let next):
            let subcommands = registry.children(of: group.path)
            let name = group.path.joined(separator: " ")
            guard let next else {
                throw UsageError("'\(name)' needs a subcommand: \(subcommands.joined(separator: ", "))", usage: help.groupUsage(group))
            }
            if next == "--help" || next == "-h" { return .text(help.group(group)) }
            throw UsageError(
                "unknown subcommand '\(Excerpt.of(next))' for '\(name)'" + Suggestion.hint(for: next, among: subcommands)
                    + "; subcommands: \(subcommands.joined(separator: ", "))",
                usage: help.groupUsage(group))
        case .command(let command, let consumed):
            let rest = Array(words.dropFirst(consumed))
            let options = rest.prefix { $0 != "--" }
            if options.contains("--help") || options.contains("-h") { return .text(help.command(command.declaration)) }
            let values = try parameters(
                rest, for: command.declaration, extraSuggestions: translated ? rootForms : [], legacyForm: translated)
            return .command(command, values)
        }
    }

    /// The parameters of one command from the words after its name.
    public func parameters(
        _ words: [String], for declaration: CommandDeclaration, extraSuggestions: [String] = [],
        legacyForm: Bool = false
    ) throws -> ParameterValues {
        let declarations = Self.commandLineParameters(declaration, given: Self.dynamicSource(words, declaration))
        var byFlag: [String: ParameterDeclaration] = [:]
        for parameter in declarations {
            for flag in parameter.flags where byFlag[flag] == nil { byFlag[flag] = parameter }
        }
        let usage = help.usage(declaration)

        // Pass 1: split into options and positionals; an unknown flag is the first error.
        var options: [(ParameterDeclaration, String?)] = []
        var positionals: [String] = []
        var deferred: UsageError?
        var index = 0
        var optionsEnded = false
        while index < words.count {
            let word = words[index]
            index += 1
            if optionsEnded || !word.hasPrefix("-") || word == "-" || DecimalText.looksNegative(word) {
                positionals.append(word)
                continue
            }
            if word == "--" {
                optionsEnded = true
                continue
            }
            let (flag, inline) = LegacyArguments.split(word)
            guard let parameter = byFlag[flag] else {
                let known = Array(byFlag.keys).sorted() + extraSuggestions
                // `qsh --verison` is read as the QuantLab form of `qsh run`; the user typed no
                // command, so the message must not name one.
                let place = legacyForm ? "" : " for 'qsh \(declaration.name)'"
                throw UsageError(
                    "unknown option '\(Excerpt.of(flag))'\(place)" + Suggestion.hint(for: flag, among: known),
                    usage: usage)
            }
            guard parameter.takesValue else {
                if inline != nil, deferred == nil { deferred = UsageError("\(flag) takes no value", usage: usage) }
                options.append((parameter, nil))
                continue
            }
            if let inline {
                options.append((parameter, inline))
            } else if index < words.count, !words[index].hasPrefix("-") || DecimalText.looksNegative(words[index]) || words[index] == "-" {
                options.append((parameter, words[index]))
                index += 1
            } else if deferred == nil {
                deferred = UsageError("\(flag) needs a value (\(flag) <\(parameter.valueName)>)", usage: usage)
            }
        }
        if let deferred { throw deferred }

        // Pass 2: the values, read by the same rules as JSON values.
        var values = ParameterValues()
        for (parameter, text) in options {
            let value = try ParameterValueReader.read(text: text ?? "", for: parameter)
            if case .keyNumbers(let pairs) = value {
                values.append(pairs, to: parameter.key)
            } else {
                values[parameter.key] = value
            }
        }
        let slots = declarations.filter(\.isPositional)
        for (position, text) in positionals.enumerated() {
            guard position < slots.count else {
                throw UsageError("unexpected argument '\(Excerpt.of(text))' for 'qsh \(declaration.name)'", usage: usage)
            }
            values[slots[position].key] = try ParameterValueReader.read(text: text, for: slots[position])
        }
        for parameter in declarations where parameter.isMissing(from: values) {
            throw UsageError("missing \(parameter.displayName): \(parameter.help)", usage: usage)
        }
        return values
    }

    /// Every parameter a command line may carry: the declared ones and the dynamic ones for
    /// `source` (a dynamic one never shadows a declared flag).
    public static func commandLineParameters(_ declaration: CommandDeclaration, given source: String?) -> [ParameterDeclaration] {
        let declared = Set(declaration.parameters.flatMap(\.flags))
        let dynamic = (declaration.dynamicParameters?.provide(source) ?? []).filter { parameter in
            parameter.flags.allSatisfy { !declared.contains($0) }
        }
        return declaration.parameters + dynamic
    }

    /// The value of the dynamic parameters' source flag on the line (the last one), if any.
    public static func dynamicSource(_ words: [String], _ declaration: CommandDeclaration) -> String? {
        guard let dynamic = declaration.dynamicParameters, let source = declaration.parameter(dynamic.sourceKey) else {
            return nil
        }
        var found: String?
        var index = 0
        while index < words.count, words[index] != "--" {
            let (flag, inline) = LegacyArguments.split(words[index])
            if source.flags.contains(flag) {
                if let inline {
                    found = inline
                } else if index + 1 < words.count {
                    found = words[index + 1]
                }
            }
            index += 1
        }
        return found
    }
}
