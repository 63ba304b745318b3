import CLibEdit
import Foundation
import QSHProtocol

/// `qsh` with no command on a terminal: the `qsh> ` prompt.
///
/// With stdin and stdout both terminals: libedit editing, completion, history in the history
/// file, a `...> ` prompt while a line continues (open quote, trailing backslash). Ctrl-C at
/// the prompt abandons the line; Ctrl-C while a command runs cancels it through
/// `ProcessSignals` (the command stops at its next cancellation check, exit status 130) and the
/// prompt returns. SIGTERM ends the shell with 143, after stopping the command. Ctrl-D on an
/// empty line ends the shell with 0 (at the `...> ` prompt it drops the unfinished line and
/// the `qsh> ` prompt returns); `exit [CODE]` with its code.
///
/// Otherwise (piped or redirected): plain line reading, no history, and nothing but command
/// output on stdout (the prompt goes to stderr, and only when stdin is a terminal).
enum InteractiveShell {
    static func run(session: ShellSession) -> Int32 {
        if isatty(STDIN_FILENO) == 1 && isatty(STDOUT_FILENO) == 1 {
            let historyFile = HistoryFile.defaultPath().map { HistoryFile(path: $0) }
            let registry = session.runner.registry
            let environment = session.runner.environment
            let completer: (String) -> [String] = { [unowned session] text in
                CompletionEngine(registry: registry, environment: environment, lastRunID: session.lastRunID)
                    .candidates(for: text)
            }
            if let editor = try? LineEditor(completer: completer) {
                return runEditing(session: session, editor: editor, historyFile: historyFile)
            }
        }
        return runPlain(session: session)
    }

    // MARK: Editing loop

    static func runEditing(session: ShellSession, editor: LineEditor, historyFile: HistoryFile?) -> Int32 {
        for entry in historyFile?.load() ?? [] { editor.addHistory(entry) }
        var lastSaved: String?
        var pending: String?
        while true {
            editor.prompt = pending == nil ? .primary : .continuation
            switch editor.readLine() {
            case .endOfInput:
                say("\n")
                if let unfinished = pending {
                    pending = nil
                    dropUnfinished(unfinished, in: session)
                    continue
                }
                return 0
            case .terminated:
                say("\n")
                return ExitCodes.terminated
            case .interrupted:
                // The line (and any continued lines before it) is dropped; fresh prompt.
                pending = nil
                say("^C\n")
                continue
            case .line(let text):
                let line = pending.map { $0 + "\n" + text } ?? text
                if ShellSession.needsContinuation(line) {
                    pending = line
                    continue
                }
                pending = nil
                if !line.allSatisfy(\.isWhitespace) {
                    session.history.append(line)
                    editor.addHistory(line)
                    if line != lastSaved {
                        historyFile?.append(line)
                        lastSaved = line
                    }
                }
                if let code = execute(line, in: session) { return code }
            }
        }
    }

    /// Runs one line with Ctrl-C armed; returns the exit code if the line asked to leave (or
    /// SIGTERM arrived).
    static func execute(_ line: String, in session: ShellSession) -> Int32? {
        _ = ProcessSignals.shared.takePendingInterrupt()
        qsh_flush_all()
        session.execute(line: line, location: nil)
        qsh_flush_all()
        // The terminal echoed ^C mid-output: start the prompt on a fresh line.
        if session.stoppedBySignal || ProcessSignals.shared.takePendingInterrupt() { say("\n") }
        if ProcessSignals.shared.terminationRequested { return ExitCodes.terminated }
        return session.exitRequest
    }

    // MARK: Plain loop

    static func runPlain(session: ShellSession) -> Int32 {
        let showPrompt = isatty(STDIN_FILENO) == 1
        var pending: String?
        while true {
            if showPrompt { Console.err(pending == nil ? "qsh> " : "...> ", newline: false) }
            guard let text = readLine(strippingNewline: true) else {
                if ProcessSignals.shared.terminationRequested { return ExitCodes.terminated }
                // Ctrl-C while waiting for a line (cooked mode): drop the line, ask again.
                if ProcessSignals.shared.takePendingInterrupt() {
                    qsh_clearerr_stdin()
                    pending = nil
                    if showPrompt { Console.err("") }
                    continue
                }
                // Ctrl-D at `...> ` on a terminal: the line is dropped, not the shell.
                if showPrompt, let unfinished = pending {
                    qsh_clearerr_stdin()
                    pending = nil
                    Console.err("")
                    dropUnfinished(unfinished, in: session)
                    continue
                }
                return 0
            }
            let line = pending.map { $0 + "\n" + text } ?? text
            if ShellSession.needsContinuation(line) {
                pending = line
                continue
            }
            pending = nil
            if let code = execute(line, in: session) { return code }
        }
    }

    /// Ctrl-D inside an unfinished line (an open quote, a trailing backslash) ends that line
    /// as the end of a script does, as bash does: it is not run, the error says why, `$?` is 2
    /// and the main prompt comes back.
    static func dropUnfinished(_ line: String, in session: ShellSession) {
        session.execute(line: line, location: nil)
    }

    /// Prompt decorations (`^C`, the newline after Ctrl-D) go to the terminal on stdout,
    /// after anything libedit still buffers.
    static func say(_ text: String) {
        qsh_flush_all()
        try? FileHandle.standardOutput.write(contentsOf: Data(text.utf8))
    }
}
