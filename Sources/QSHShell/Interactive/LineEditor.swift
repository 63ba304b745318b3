import CLibEdit
import CProcessSupport
import Foundation
import QSHProtocol

/// The `qsh> ` line editor: libedit's native API through the `CLibEdit` shim (see
/// docs: libedit notes). Emacs keys, in-memory history (the caller loads and saves the
/// file), `^R` incremental search, Tab completion through `completer`, Ctrl-C as a key that
/// cancels the line (no signal at the prompt), Ctrl-D on an empty line as end of input.
///
/// The C callbacks reach their state through `EL_CLIENTDATA` and must never trap: a crash
/// inside libedit leaves the terminal raw.
final class LineEditor {
    enum Result: Equatable {
        case line(String)
        /// Ctrl-C: the line was abandoned.
        case interrupted
        /// Ctrl-D on an empty line, or the terminal went away.
        case endOfInput
        /// SIGTERM arrived while editing.
        case terminated
    }

    enum Prompt { case primary, continuation }

    struct SetupError: Error, CustomStringConvertible {
        let description: String
    }

    private let editLine: OpaquePointer
    private let history: OpaquePointer
    private let state: EditorState
    private let retainedState: Unmanaged<EditorState>
    let colour: Bool

    var prompt: Prompt = .primary {
        didSet { state.setPrompt(Self.render(prompt, colour: colour)) }
    }

    /// - Parameter completer: the line up to the cursor → replacements for the word under it.
    init(
        completer: @escaping (String) -> [String],
        environment: [String: String] = ProcessInfo.processInfo.environment
    ) throws {
        Self.configureLocale()
        colour = Self.colourAllowed(environment)
        guard let history = history_init() else { throw SetupError(description: "libedit: history_init failed") }
        guard let editLine = qsh_el_init("qsh") else {
            history_end(history)
            throw SetupError(description: "libedit: el_init failed")
        }
        self.history = history
        self.editLine = editLine
        state = EditorState(completer: completer, prompt: Self.render(.primary, colour: colour))
        retainedState = Unmanaged.passRetained(state)

        _ = qsh_el_set_clientdata(editLine, retainedState.toOpaque())
        _ = qsh_el_set_prompt_esc(editLine, { editLine in
            editLine.flatMap(EditorState.from)?.promptPointer ?? emptyPrompt
        }, 1)
        _ = qsh_el_set_editor(editLine, "emacs")
        _ = qsh_el_set_signal(editLine, 1)
        _ = qsh_hist_setsize(history, Int32(HistoryFile.defaultLimit))
        _ = qsh_hist_setunique(history, 1)
        _ = qsh_el_set_history(editLine, history)

        _ = qsh_el_addfn(editLine, "qsh-complete", "Complete the word under the cursor", { editLine, _ in
            guard let editLine, let state = EditorState.from(editLine) else { return UInt8(CC_ERROR) }
            return state.complete(editLine)
        })
        _ = qsh_el_addfn(editLine, "qsh-cancel", "Abandon the line", { editLine, _ in
            guard let editLine else { return UInt8(CC_EOF) }
            EditorState.from(editLine)?.cancelled = true
            // Show the part right of the cursor too, so the abandoned line stays readable.
            if let line = el_line(editLine), let cursor = line.pointee.cursor, let last = line.pointee.lastchar,
                last > cursor
            {
                qsh_flush_all()
                _ = write(STDOUT_FILENO, cursor, last - cursor)
            }
            return UInt8(CC_EOF)
        })
        _ = qsh_el_addfn(editLine, "qsh-suspend", "Suspend the shell", { _, _ in
            kill(getpid(), SIGTSTP)
            return UInt8(CC_REDISPLAY)
        })
        _ = qsh_el_bind(editLine, "^I", "qsh-complete")
        // Ctrl-C is a key while editing (no ISIG), a signal while a command runs.
        _ = qsh_el_setty(editLine, "-d", "-isig")
        _ = qsh_el_bind(editLine, "^C", "qsh-cancel")
        _ = qsh_el_bind(editLine, "^Z", "qsh-suspend")
        _ = qsh_el_bind(editLine, "^R", "em-inc-search-prev")
        _ = el_source(editLine, nil)
    }

    deinit {
        qsh_flush_all()
        el_end(editLine)
        history_end(history)
        retainedState.release()
    }

    /// Reads one line (without its newline).
    func readLine() -> Result {
        state.cancelled = false
        qsh_flush_all()
        var retries = 0
        while true {
            var count: Int32 = 0
            _ = qsh_el_prep_term(editLine, 1)
            let raw = el_gets(editLine, &count)
            if let raw, count > 0 {
                // The line is NUL-terminated UTF-8 (count is its length in older libedits only).
                let start = UnsafeRawPointer(raw).assumingMemoryBound(to: UInt8.self)
                var bytes = Array(UnsafeBufferPointer(start: start, count: strlen(raw)))
                if bytes.last == UInt8(ascii: "\n") { bytes.removeLast() }
                return .line(String(decoding: bytes, as: UTF8.self))
            }
            if state.cancelled {
                state.cancelled = false
                return .interrupted
            }
            if count < 0 && errno == EINTR && retries < 100 {
                // A signal from outside while editing: kill -INT is like Ctrl-C; SIGTERM ends the shell.
                if ProcessSignals.shared.terminationRequested { return .terminated }
                if ProcessSignals.shared.takePendingInterrupt() { return .interrupted }
                retries += 1
                continue
            }
            return .endOfInput
        }
    }

    func addHistory(_ line: String) {
        _ = qsh_hist_enter(history, line)
    }

    // MARK: Setup helpers

    /// libedit drops non-ASCII input in the C locale (Swift never calls setlocale).
    static func configureLocale() {
        _ = setlocale(LC_CTYPE, "")
        if qsh_codeset_is_utf8() == 0 { _ = setlocale(LC_CTYPE, "C.UTF-8") }
    }

    /// Colour unless `NO_COLOR` is set (non-empty) or the terminal is dumb or unknown.
    static func colourAllowed(_ environment: [String: String]) -> Bool {
        if let noColour = environment["NO_COLOR"], !noColour.isEmpty { return false }
        guard let term = environment["TERM"], !term.isEmpty, term != "dumb" else { return false }
        return true
    }

    /// `qsh> ` / `...> `; coloured with `\1` markers around the escape codes (EL_PROMPT_ESC)
    /// so libedit does not count them as columns.
    static func render(_ prompt: Prompt, colour: Bool) -> String {
        let text = prompt == .primary ? "qsh>" : "...>"
        return colour ? "\u{1}\u{1B}[32m\u{1}\(text)\u{1}\u{1B}[0m\u{1} " : "\(text) "
    }
}

/// Returned by the prompt callback if its state is ever missing.
nonisolated(unsafe) private let emptyPrompt: UnsafeMutablePointer<CChar>? = strdup("")

/// What the C callbacks need, owned by the editor and handed to libedit as client data.
private final class EditorState {
    let completer: (String) -> [String]
    private(set) var promptPointer: UnsafeMutablePointer<CChar>?
    var cancelled = false

    init(completer: @escaping (String) -> [String], prompt: String) {
        self.completer = completer
        promptPointer = strdup(prompt)
    }

    deinit { free(promptPointer) }

    func setPrompt(_ text: String) {
        free(promptPointer)
        promptPointer = strdup(text)
    }

    static func from(_ editLine: OpaquePointer) -> EditorState? {
        guard let raw = qsh_el_get_clientdata(editLine) else { return nil }
        return Unmanaged<EditorState>.fromOpaque(raw).takeUnretainedValue()
    }

    /// Tab: a single candidate replaces the word (plus a space unless it ends in `/` or `=`);
    /// several extend the word to their common prefix, or are listed when that adds nothing.
    func complete(_ editLine: OpaquePointer) -> UInt8 {
        guard let line = el_line(editLine), let buffer = line.pointee.buffer, let cursor = line.pointee.cursor,
            cursor >= buffer
        else { return UInt8(CC_ERROR) }
        let bytes = UnsafeBufferPointer(
            start: UnsafeRawPointer(buffer).assumingMemoryBound(to: UInt8.self), count: cursor - buffer)
        let text = String(decoding: bytes, as: UTF8.self)
        let start = min(CompletionWords.wordStart(bytes), bytes.count)
        let word = String(decoding: UnsafeBufferPointer(rebasing: bytes[start...]), as: UTF8.self)
        let candidates = completer(text)
        guard let first = candidates.first else { return UInt8(CC_REFRESH_BEEP) }
        if candidates.count == 1 {
            let ending = first.hasSuffix("/") || first.hasSuffix("=") ? "" : " "
            replace(word, with: first + ending, in: editLine)
            return UInt8(CC_REFRESH)
        }
        let prefix = Self.commonPrefix(candidates)
        if prefix.unicodeScalars.count > word.unicodeScalars.count {
            replace(word, with: prefix, in: editLine)
            return UInt8(CC_REFRESH)
        }
        Self.list(candidates)
        return UInt8(CC_REDISPLAY)
    }

    private func replace(_ word: String, with replacement: String, in editLine: OpaquePointer) {
        let typed = Array(word.unicodeScalars)
        let wanted = Array(replacement.unicodeScalars)
        if wanted.starts(with: typed) {
            var rest = String.UnicodeScalarView()
            rest.append(contentsOf: wanted.dropFirst(typed.count))
            if !rest.isEmpty { _ = el_insertstr(editLine, String(rest)) }
            return
        }
        if !typed.isEmpty { el_deletestr(editLine, Int32(clamping: typed.count)) }
        _ = el_insertstr(editLine, replacement)
    }

    static func commonPrefix(_ values: [String]) -> String {
        guard var prefix = values.first.map({ Array($0.unicodeScalars) }) else { return "" }
        for value in values.dropFirst() {
            let scalars = Array(value.unicodeScalars)
            var length = 0
            while length < prefix.count && length < scalars.count && prefix[length] == scalars[length] { length += 1 }
            prefix.removeLast(prefix.count - length)
        }
        var view = String.UnicodeScalarView()
        view.append(contentsOf: prefix)
        return String(view)
    }

    /// Prints the candidates in columns (paths by their last component) below the line.
    static func list(_ candidates: [String]) {
        let limit = 200
        let names = candidates.prefix(limit).map(displayName)
        let width = (names.map(\.count).max() ?? 0) + 2
        let terminal = Int(qsh_terminal_columns(STDOUT_FILENO))
        let columns = max(1, (terminal > 0 ? terminal : 80) / max(width, 1))
        let rows = (names.count + columns - 1) / columns
        var output = "\r\n"
        for row in 0..<rows {
            var text = ""
            for column in 0..<columns {
                let index = column * rows + row
                guard index < names.count else { break }
                let name = names[index]
                let isLast = (column + 1) * rows + row >= names.count
                text += isLast ? name : name + String(repeating: " ", count: max(0, width - name.count))
            }
            output += text + "\r\n"
        }
        if candidates.count > limit { output += "... and \(candidates.count - limit) more\r\n" }
        qsh_flush_all()
        let bytes = Array(output.utf8)
        var offset = 0
        while offset < bytes.count {
            let written = bytes.withUnsafeBytes { buffer in
                write(STDOUT_FILENO, buffer.baseAddress.map { $0 + offset }, buffer.count - offset)
            }
            if written <= 0 {
                if written < 0 && errno == EINTR { continue }
                return
            }
            offset += written
        }
    }

    /// `data/prices.csv` → `prices.csv`, `data/sub/` → `sub/`; other words as they are.
    static func displayName(_ candidate: String) -> String {
        let trimmed = candidate.hasSuffix("/") ? String(candidate.dropLast()) : candidate
        guard let slash = trimmed.lastIndex(of: "/") else { return candidate }
        return String(trimmed[trimmed.index(after: slash)...]) + (candidate.hasSuffix("/") ? "/" : "")
    }
}
