import Foundation
import QSHCore
import QSHProtocol

/// The shell's own commands. Each takes the session, its arguments and the line's location,
/// and returns a status; errors thrown are reported like command errors.
enum ShellBuiltins {
    typealias Builtin = (ShellSession, [String], String?) throws -> Int32

    static let help: [(name: String, usage: String, summary: String)] = [
        ("help", "help [command]", "this list, or a command's options"),
        ("set", "set NAME VALUE... | set -e | set +e", "set a variable; in scripts: stop at the first error (-e) or keep going (+e)"),
        ("unset", "unset NAME...", "remove variables"),
        ("vars", "vars", "list the shell's variables"),
        ("echo", "echo WORD...", "print the words"),
        ("source", "source FILE [ARG...]", "run a script's lines in this shell"),
        ("cd", "cd [DIR]", "change the working folder (default: home)"),
        ("pwd", "pwd", "print the working folder"),
        ("history", "history", "lines entered in this session"),
        ("last", "last", "id and folder of the last run ($LAST_RUN, $LAST_RUN_PATH, $LAST_RUN_TRADES_FROM)"),
        ("exit", "exit [CODE]", "leave the shell (default: the last status)"),
    ]

    static let names = help.map(\.name)

    static func lookup(_ name: String) -> Builtin? {
        switch name {
        case "help": helpBuiltin
        case "set": set
        case "unset": unset
        case "vars": vars
        case "echo": echo
        case "source", ".": source
        case "cd": cd
        case "pwd": pwd
        case "history": history
        case "last": last
        case "exit": exit
        default: nil
        }
    }

    static func helpBuiltin(_ session: ShellSession, _ arguments: [String], _ location: String?) throws -> Int32 {
        if let name = arguments.first, arguments.count == 1, let entry = help.first(where: { $0.name == name }) {
            Console.out("usage: \(entry.usage)\n  \(entry.summary)")
            return 0
        }
        let renderer = HelpRenderer(registry: session.runner.registry)
        if !arguments.isEmpty {
            Console.out(try renderer.topic(arguments))
            return 0
        }
        var lines = ["commands:"]
        lines += renderer.commandList(indent: "  ")
        lines.append("builtins:")
        for entry in help {
            lines.append("  " + entry.usage.padding(toLength: 38, withPad: " ", startingAt: 0) + entry.summary)
        }
        lines.append("Type 'help COMMAND' or 'COMMAND --help' for a command's options.")
        Console.out(lines.joined(separator: "\n"))
        return 0
    }

    static func set(_ session: ShellSession, _ arguments: [String], _ location: String?) throws -> Int32 {
        guard let first = arguments.first else { return try vars(session, [], location) }
        switch first {
        case "-e":
            // At the prompt, stopping at the first error would end the shell: -e is for scripts
            // (and files sourced at the prompt, until their end).
            guard session.mode == .script || session.sourceDepth > 0 else {
                throw InvalidInputError(
                    "set -e applies to scripts (stop at the first failing line); at the prompt a failing line never "
                        + "ends the shell. Put it in a script (qsh job.qsh), or in a file you source")
            }
            session.stopOnError = true
        case "+e":
            session.stopOnError = false
        default:
            guard WordSplitter.isName(first) else {
                throw InvalidInputError("set: '\(first)' is not a variable name (letters, digits and _, not starting with a digit)")
            }
            session.variables[first] = arguments.dropFirst().joined(separator: " ")
        }
        return 0
    }

    static func unset(_ session: ShellSession, _ arguments: [String], _ location: String?) throws -> Int32 {
        guard !arguments.isEmpty else { throw InvalidInputError("unset: give the names of the variables to remove") }
        for name in arguments { session.variables.removeValue(forKey: name) }
        return 0
    }

    static func vars(_ session: ShellSession, _ arguments: [String], _ location: String?) throws -> Int32 {
        for (name, value) in session.variables.sorted(by: { $0.key < $1.key }) { Console.out("\(name)=\(value)") }
        return 0
    }

    static func echo(_ session: ShellSession, _ arguments: [String], _ location: String?) throws -> Int32 {
        Console.out(arguments.joined(separator: " "))
        return 0
    }

    static func source(_ session: ShellSession, _ arguments: [String], _ location: String?) throws -> Int32 {
        guard let path = arguments.first else { throw InvalidInputError("source: give a script file") }
        guard session.sourceDepth < 32 else { throw InvalidInputError("source: nested more than 32 levels deep (a loop?)") }
        let saved = session.positional
        let savedStopOnError = session.stopOnError
        if arguments.count > 1 { session.positional = Array(arguments.dropFirst()) }
        session.sourceDepth += 1
        defer {
            session.sourceDepth -= 1
            session.positional = saved
            // At the prompt, a sourced file's `set -e` ends with it.
            if session.mode == .interactive { session.stopOnError = savedStopOnError }
        }
        return try ScriptRunner.runLines(of: path, in: session)
    }

    static func cd(_ session: ShellSession, _ arguments: [String], _ location: String?) throws -> Int32 {
        let target = arguments.first ?? ProcessInfo.processInfo.environment["HOME"] ?? "/"
        var isDirectory: ObjCBool = false
        guard FileManager.default.fileExists(atPath: target, isDirectory: &isDirectory), isDirectory.boolValue,
            FileManager.default.changeCurrentDirectoryPath(target)
        else {
            throw InvalidInputError("cd: no such folder '\(target)'")
        }
        return 0
    }

    static func pwd(_ session: ShellSession, _ arguments: [String], _ location: String?) throws -> Int32 {
        Console.out(FileManager.default.currentDirectoryPath)
        return 0
    }

    static func history(_ session: ShellSession, _ arguments: [String], _ location: String?) throws -> Int32 {
        for (index, line) in session.history.enumerated() {
            Console.out(String(index + 1).leftPadded(to: 5) + "  " + line)
        }
        return 0
    }

    static func last(_ session: ShellSession, _ arguments: [String], _ location: String?) throws -> Int32 {
        guard let id = session.lastRunID, let path = session.lastRunPath else {
            throw InvalidInputError("last: no run has finished in this session yet")
        }
        Console.out("\(id)  \(path)")
        return 0
    }

    static func exit(_ session: ShellSession, _ arguments: [String], _ location: String?) throws -> Int32 {
        guard arguments.count <= 1 else { throw InvalidInputError("exit: takes at most one status code") }
        let code: Int32
        if let text = arguments.first {
            guard let parsed = Int32(text), (0...255).contains(parsed) else {
                throw InvalidInputError("exit: '\(Excerpt.of(text, limit: 40))' is not a status code (0-255)")
            }
            code = parsed
        } else {
            code = session.lastStatus
        }
        session.requestExit(code)
        return code
    }
}

extension String {
    func leftPadded(to width: Int) -> String {
        count >= width ? self : String(repeating: " ", count: width - count) + self
    }
}
