import Foundation
import QSHCore

/// Tab completion for the prompt: given the line up to the cursor, the candidates for the
/// word under the cursor, already escaped for the shell's word rules (so a candidate can
/// replace the typed word as is). Pure Swift and fast: the command tree is read once; each
/// call looks at most at one directory.
///
/// What completes where:
/// - first word: commands and builtins (a word with `/` or a leading `.`/`~`: script paths);
/// - after a command with subcommands: the subcommands (`runs l` → `runs list`);
/// - a word starting with `-`: the current command's long flags;
/// - the value of `--strategy`, `--param` (`name=` of the strategy chosen earlier on the
///   line, default `rsi_ma_cross_v2`), `--ticker` (data-folder files and `SYN-` examples),
///   `--interval`, `--slippage-mode`, and paths for `--data`, `--data-dir`, `--outdir`,
///   `--signal-file`;
/// - `runs show`/`paper show`: run and session ids under `<outdir>`; `strategies`: names;
///   `help`: commands; `source`/`cd`: paths; anything else: paths.
struct CompletionEngine {
    var environment: [String: String]
    /// Base for relative paths; nil means the process's working folder at call time.
    var currentDirectory: String?
    /// The last run of this shell (offered first for `runs show`).
    var lastRunID: String?

    init(
        environment: [String: String] = ProcessInfo.processInfo.environment, currentDirectory: String? = nil,
        lastRunID: String? = nil
    ) {
        self.environment = environment
        self.currentDirectory = currentDirectory
        self.lastRunID = lastRunID
    }

    static let syntheticTickers = ["SYN-BTC", "SYN-ETH", "SYN-SPY"]
    static let intervals = ["1m", "5m", "15m", "30m", "1h", "4h", "1d", "1w"]
    static let directoryOptions: Set<String> = ["--data-dir", "--data_dir", "--outdir", "--out-dir", "--out_dir"]
    static let fileOptions: Set<String> = ["--data", "--signal-file"]
    static let outdirOptions = ["--outdir", "--out-dir", "--out_dir"]
    static let dataDirOptions = ["--data-dir", "--data_dir"]

    func candidates(for text: String) -> [String] {
        let split = CompletionWords(text)
        let word = split.current
        return values(words: split.words, word: word)
            .filter { $0.hasPrefix(word) && !$0.isEmpty }
            .uniqued()
            .map { CompletionWords.escape($0, openQuote: split.openQuote) }
    }

    // MARK: Context

    private func values(words allWords: [String], word: String) -> [String] {
        var words = allWords
        if words.first == "qsh" { words.removeFirst() }
        guard let first = words.first else {
            if Self.looksLikePath(word) { return paths(word, directoriesOnly: false) }
            if word.hasPrefix("-") { return CommandTree.shared.child("run")?.flags ?? [] }
            return CommandTree.commandNames
        }
        switch first {
        case "source", ".": return paths(word, directoriesOnly: false)
        case "cd": return words.count == 1 ? paths(word, directoriesOnly: true) : []
        case "help":
            if words.count == 1 { return CommandTree.commandNames }
            return CommandTree.shared.child(words[1])?.subcommandNames ?? []
        default: break
        }
        // `qsh --ticker X ...` is the QuantLab form of `run`.
        var node = first.hasPrefix("-") ? (CommandTree.shared.child("run") ?? CommandTree.shared) : CommandTree.shared
        var path: [String] = []
        for name in words {
            guard let child = node.child(name) else { break }
            node = child
            path.append(name)
        }
        if let previous = words.last, previous.hasPrefix("-"),
            node.valueOptions.contains(previous) || Self.directoryOptions.contains(previous)
                || Self.fileOptions.contains(previous)
        {
            return optionValues(option: previous, words: words, word: word)
        }
        if word.hasPrefix("-") { return node.flags }
        if path.count == words.count && !node.subcommands.isEmpty { return node.subcommandNames }
        if Self.looksLikePath(word) { return paths(word, directoriesOnly: false) }
        switch path {
        case ["runs", "show"]: return ids(words: words, folder: "runs", first: lastRunID)
        case ["paper", "show"]: return ids(words: words, folder: "paper_sessions", first: nil)
        case ["strategies"]: return StrategyRegistry.names
        default: return paths(word, directoriesOnly: false)
        }
    }

    private func optionValues(option: String, words: [String], word: String) -> [String] {
        if Self.directoryOptions.contains(option) { return paths(word, directoriesOnly: true) }
        if Self.fileOptions.contains(option) { return paths(word, directoriesOnly: false) }
        switch option {
        case "--strategy": return StrategyRegistry.names
        case "--param": return parameterNames(strategy: Self.value(of: ["--strategy"], in: words))
        case "--ticker": return tickers(words: words)
        case "--interval": return Self.intervals
        case "--slippage-mode", "--slippage_mode": return ["atr", "fixed"]
        default: return []
        }
    }

    /// The value after the last of `options` on the line, if any.
    static func value(of options: [String], in words: [String]) -> String? {
        guard let index = words.dropLast().lastIndex(where: { options.contains($0) }), index + 1 < words.count else {
            return nil
        }
        return words[index + 1]
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
        let directory = Self.value(of: Self.dataDirOptions, in: words) ?? environment["QSH_DATA_DIR"]
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
        let root = Self.value(of: Self.outdirOptions, in: words) ?? "outputs"
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
