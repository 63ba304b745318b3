import Foundation
import QSHCore
import QSHProtocol

/// Tab completion for the prompt: given the line up to the cursor, the candidates for the
/// word under the cursor, already escaped for the shell's word rules (so a candidate can
/// replace the typed word as is). Everything about commands comes from the registry's
/// declarations: command and subcommand names, each command's flags (the chosen strategy's
/// parameters included), and what each value takes (`Completion`). Each call looks at most at
/// one directory.
///
/// What completes where:
/// - first word: commands and builtins (a word with `/` or a leading `.`/`~`: script paths);
/// - after a group (`runs`): its subcommands; a word starting with `-`: the command's flags;
/// - a flag's value, or a positional argument: by its declared completion (strategies,
///   strategy parameter names, tickers from the data folder and `SYN-` examples, intervals,
///   fixed words, run ids under `<outdir>`, metric names, files or folders);
/// - `help`: commands; `source`/`cd`: paths; anything else: paths.
struct CompletionEngine {
    let registry: CommandRegistry
    var environment: [String: String]
    /// Base for relative paths; nil means the process's working folder at call time.
    var currentDirectory: String?
    /// The last run of this shell (offered first for `runs show`).
    var lastRunID: String?

    init(
        registry: CommandRegistry = .standard, environment: [String: String], currentDirectory: String? = nil,
        lastRunID: String? = nil
    ) {
        self.registry = registry
        self.environment = environment
        self.currentDirectory = currentDirectory
        self.lastRunID = lastRunID
    }

    static let syntheticTickers = ["SYN-BTC", "SYN-ETH", "SYN-SPY"]

    func candidates(for text: String) -> [String] {
        let split = CompletionWords(text)
        let word = split.current
        return values(words: split.words, word: word)
            .filter { $0.hasPrefix(word) && !$0.isEmpty }
            .uniqued()
            .map { CompletionWords.escape($0, openQuote: split.openQuote) }
    }

    /// First words at the prompt: commands, groups and the shell's builtins, sorted.
    var commandNames: [String] { Array(Set(registry.topLevelNames + ShellSession.builtinNames)).sorted() }

    // MARK: Context

    private func values(words allWords: [String], word: String) -> [String] {
        var words = allWords
        if words.first == "qsh" { words.removeFirst() }
        guard let first = words.first else {
            if Self.looksLikePath(word) { return paths(word, directoriesOnly: false) }
            // `qsh --ticker X ...` is the QuantLab form of `run`.
            if word.hasPrefix("-") { return values(words: ["run"], word: word) }
            return commandNames
        }
        switch first {
        case "source", ".": return paths(word, directoriesOnly: false)
        case "cd": return words.count == 1 ? paths(word, directoriesOnly: true) : []
        case "help": return words.count == 1 ? commandNames : registry.children(of: Array(words.dropFirst()))
        default: break
        }
        // `qsh --ticker X ...` is the QuantLab form of `run`.
        let line = first.hasPrefix("-") ? ["run"] + words : words
        var path: [String] = []
        while path.count < line.count, registry.children(of: path).contains(line[path.count]) { path.append(line[path.count]) }
        let rest = Array(line.dropFirst(path.count))
        guard let command = registry.command(path: path) else {
            if !path.isEmpty && rest.isEmpty { return word.hasPrefix("-") ? ["--help"] : registry.children(of: path) }
            return paths(word, directoriesOnly: false)
        }
        let declaration = command.declaration
        let parameters = ArgvParser.commandLineParameters(declaration, given: ArgvParser.dynamicSource(rest, declaration))
        if let previous = rest.last, previous.hasPrefix("-"),
            let parameter = parameters.first(where: { $0.flags.contains(previous) }), parameter.takesValue
        {
            return values(for: parameter, line: rest, word: word)
        }
        if word.hasPrefix("-"), let equals = word.firstIndex(of: "=") {
            // `--flag=value`: the flag's values, each after the typed `--flag=`.
            let flag = String(word[..<equals])
            guard let parameter = parameters.first(where: { $0.flags.contains(flag) }), parameter.takesValue else { return [] }
            return values(for: parameter, line: rest, word: String(word[word.index(after: equals)...])).map { flag + "=" + $0 }
        }
        if word.hasPrefix("-") { return flags(of: declaration, rest) }
        if Self.looksLikePath(word) { return paths(word, directoriesOnly: false) }
        let slots = parameters.filter { $0.isPositional }
        let given = Self.positionalCount(rest, parameters)
        guard given < slots.count else { return paths(word, directoriesOnly: false) }
        return values(for: slots[given], line: rest, word: word)
    }

    /// The command's long flags, sorted, but for those already on `line` (in any spelling,
    /// `--flag=value` included) unless the parameter is repeatable (`--param`); an `a_b` alias
    /// is left out when `a-b` exists.
    func flags(of declaration: CommandDeclaration, _ line: [String]) -> [String] {
        let parameters = ArgvParser.commandLineParameters(declaration, given: ArgvParser.dynamicSource(line, declaration))
        let given = Set(line.filter { $0.hasPrefix("-") }.map { LegacyArguments.split($0).0 })
        let offered = parameters.filter { $0.isRepeatable || given.isDisjoint(with: $0.flags) }
        let all = Set(offered.flatMap { $0.flags } + (given.contains("--help") ? [] : ["--help"]))
        return all.filter { flag in
            !(flag.dropFirst(2).contains("_") && all.contains(flag.replacingOccurrences(of: "_", with: "-")))
        }.sorted()
    }

    /// Words on the line that fill positional slots (not flags, not flag values).
    static func positionalCount(_ line: [String], _ parameters: [ParameterDeclaration]) -> Int {
        var count = 0
        var index = 0
        while index < line.count {
            let word = line[index]
            index += 1
            guard word.hasPrefix("-") else {
                count += 1
                continue
            }
            let (flag, inline) = LegacyArguments.split(word)
            if inline == nil, parameters.first(where: { $0.flags.contains(flag) })?.takesValue == true { index += 1 }
        }
        return count
    }

    private func values(for parameter: ParameterDeclaration, line: [String], word: String) -> [String] {
        if let words = parameter.completion.fixedWords { return words }
        switch parameter.completion {
        case .directories: return paths(word, directoriesOnly: true)
        case .files: return paths(word, directoriesOnly: false)
        case .strategyParameters: return parameterNames(strategy: Self.value(of: ["--strategy"], in: line))
        case .tickers: return tickers(words: line)
        case .runIDs: return ids(words: line, folder: "runs", first: lastRunID)
        case .none, .strategies, .intervals, .metrics, .words: return []
        }
    }

    /// The value after the last of `options` on the line, if any.
    static func value(of options: [String], in words: [String]) -> String? {
        guard let index = words.dropLast().lastIndex(where: { options.contains($0) }), index + 1 < words.count else {
            return nil
        }
        return words[index + 1]
    }

    /// The spellings of a `run` parameter (`--data-dir`, `--data_dir`), from its declaration.
    func spellings(of key: String) -> [String] {
        registry.command(path: ["run"])?.declaration.parameter(key)?.flags ?? ["--" + key]
    }

    static func looksLikePath(_ word: String) -> Bool {
        word.contains("/") || word.hasPrefix(".") || word.hasPrefix("~")
    }

    // MARK: Sources

    func parameterNames(strategy: String?) -> [String] {
        let name = strategy ?? StrategyRegistry.defaultName
        guard let type = StrategyRegistry.all.first(where: { $0.name == name }) else { return [] }
        return type.parameters.map { $0.name + "=" }.sorted()
    }

    func tickers(words: [String]) -> [String] {
        var found: [String] = []
        let directory = Self.value(of: spellings(of: "data_dir"), in: words) ?? environment["QSH_DATA_DIR"]
        if let directory, !directory.isEmpty {
            for name in entries(of: resolve(directory)) where name.hasSuffix(".csv") && !name.hasPrefix(".") {
                found.append(Self.ticker(fromFileName: name))
            }
        }
        return found.sorted() + Self.syntheticTickers
    }

    /// `ETH-USD_1d.csv` → `ETH-USD`; `SPY.csv` → `SPY`; `my_data.csv` → `my_data`.
    static func ticker(fromFileName name: String) -> String {
        let stem = String(name.dropLast(4))
        guard let underscore = stem.lastIndex(of: "_") else { return stem }
        let suffix = String(stem[stem.index(after: underscore)...])
        guard (try? BarInterval(parsing: suffix)) != nil, underscore != stem.startIndex else { return stem }
        return String(stem[..<underscore])
    }

    func ids(words: [String], folder: String, first: String?) -> [String] {
        let root = Self.value(of: spellings(of: "out_dir"), in: words) ?? "outputs"
        let directory = (resolve(root) as NSString).appendingPathComponent(folder)
        let names = entries(of: directory).filter { name in
            !name.hasPrefix(".") && isDirectory((directory as NSString).appendingPathComponent(name))
        }.sorted()
        guard let first, names.contains(first) else { return names }
        return [first] + names.filter { $0 != first }
    }

    /// Paths completing `word`: its folder part kept as typed, directories ending in `/`,
    /// hidden entries only when the typed name starts with a dot.
    func paths(_ word: String, directoriesOnly: Bool) -> [String] {
        let folder: String
        let namePrefix: String
        if let slash = word.lastIndex(of: "/") {
            folder = String(word[...slash])
            namePrefix = String(word[word.index(after: slash)...])
        } else if word == "~" {
            return [isDirectory(resolve("~")) ? "~/" : "~"]
        } else {
            folder = ""
            namePrefix = word
        }
        let listed = resolve(folder.isEmpty ? "." : folder)
        var result: [String] = []
        for name in entries(of: listed) where name.hasPrefix(namePrefix) {
            if name.hasPrefix(".") && !namePrefix.hasPrefix(".") { continue }
            let directory = isDirectory((listed as NSString).appendingPathComponent(name))
            if directoriesOnly && !directory { continue }
            result.append(folder + name + (directory ? "/" : ""))
        }
        return result.sorted()
    }

    // MARK: File system

    /// `~` expanded, relative paths against the working folder.
    func resolve(_ path: String) -> String {
        var expanded = path
        if path == "~" || path.hasPrefix("~/") {
            let home = environment["HOME"].flatMap { $0.isEmpty ? nil : $0 } ?? NSHomeDirectory()
            expanded = home + path.dropFirst()
        }
        if expanded.hasPrefix("/") { return expanded }
        let base = currentDirectory ?? FileManager.default.currentDirectoryPath
        return (base as NSString).appendingPathComponent(expanded)
    }

    private func entries(of directory: String) -> [String] {
        (try? FileManager.default.contentsOfDirectory(atPath: directory)) ?? []
    }

    private func isDirectory(_ path: String) -> Bool {
        var status = stat()
        return stat(path, &status) == 0 && (status.st_mode & S_IFMT) == S_IFDIR
    }
}

extension Array where Element == String {
    /// Order kept, later duplicates dropped.
    fileprivate func uniqued() -> [String] {
        var seen = Set<String>()
        return filter { seen.insert($0).inserted }
    }
}
