import Foundation

/// How `qsh` was asked to read commands: a terminal prompt, a script file, `-c`, standard
/// input, or a single command line.
enum ScriptInvocation: Equatable {
    case interactive
    case standardInput(keepGoing: Bool)
    case file(path: String, arguments: [String], keepGoing: Bool)
    case commandString(String, arguments: [String], keepGoing: Bool)
    case command
    case usageError(String)

    /// `commandNames`: the first words that are commands, never script paths.
    static func parse(
        _ arguments: [String], commandNames: [String], stdinIsTerminal: Bool = isatty(STDIN_FILENO) == 1
    ) -> ScriptInvocation {
        var rest = arguments[...]
        var keepGoing = false
        if rest.first == "--keep-going" {
            keepGoing = true
            rest = rest.dropFirst()
        }
        guard let first = rest.first else {
            if keepGoing && stdinIsTerminal { return .usageError("--keep-going needs a script (a file, -c LINE or standard input)") }
            return stdinIsTerminal ? .interactive : .standardInput(keepGoing: keepGoing)
        }
        if first == "-c" {
            guard rest.count >= 2 else { return .usageError("-c needs a command line, e.g. qsh -c 'run --ticker SYN-ETH'") }
            let text = rest[rest.index(after: rest.startIndex)]
            return .commandString(text, arguments: Array(rest.dropFirst(2)), keepGoing: keepGoing)
        }
        if isScriptPath(first, commandNames: commandNames) {
            return .file(path: first, arguments: Array(rest.dropFirst()), keepGoing: keepGoing)
        }
        if keepGoing { return .usageError("--keep-going applies to scripts: qsh --keep-going job.qsh") }
        return .command
    }

    /// A `.qsh` file name, or any existing regular file that is not a command name.
    static func isScriptPath(_ argument: String, commandNames: [String]) -> Bool {
        guard !argument.hasPrefix("-") else { return false }
        if argument.hasSuffix(".qsh") { return true }
        var isDirectory: ObjCBool = false
        return !(commandNames + ["help"]).contains(argument) && argument.contains("/")
            && FileManager.default.fileExists(atPath: argument, isDirectory: &isDirectory) && !isDirectory.boolValue
    }
}
