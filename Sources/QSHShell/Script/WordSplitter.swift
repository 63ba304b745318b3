import QSHCore

/// Splits a line into words with POSIX-shell-like rules: whitespace separates words; single
/// quotes keep everything literally; double quotes keep spaces and allow `\"`, `\\`, `\$` and
/// expansions; a backslash outside quotes escapes the next character; backslash-newline joins
/// lines; `#` at the start of a word starts a comment. `$NAME`, `${NAME}`, `${NAME:-default}`,
/// `$1`..`$9`, `$#`, `$@` and `$?` are recorded for expansion (none inside single quotes), and
/// so is a leading `~` or `~/` (as `$HOME`).
enum WordSplitter {
    enum Piece: Equatable {
        case text(String)
        case variable(String)
        /// `${NAME:-default}`: the literal default when NAME is unset or empty.
        case variableWithDefault(String, String)
    }

    /// A word before expansion.
    struct Word: Equatable {
        var pieces: [Piece] = []

        mutating func append(_ character: Character) {
            if case .text(let existing)? = pieces.last {
                pieces[pieces.count - 1] = .text(existing + String(character))
            } else {
                pieces.append(.text(String(character)))
            }
        }
    }

    enum Result: Equatable {
        case words([Word])
        /// An open quote or a trailing backslash: the line continues on the next one.
        case incomplete
        case failure(String)
    }

    static func split(_ line: String) -> Result {
        if let problem = controlCharacter(in: line) { return .failure(problem) }
        var words: [Word] = []
        var current: Word?
        var characters = Array(line)[...]

        func finish() {
            if let word = current { words.append(word) }
            current = nil
        }

        while let character = characters.popFirst() {
            switch character {
            case " ", "\t", "\n", "\r":
                finish()
            case "#" where current == nil:
                finish()
                return .words(words)
            case "~" where current == nil && (characters.first.map { "/ \t\n".contains($0) } ?? true):
                // `~` and `~/...` at the start of a word are the home folder, as in sh
                // (`~user` and a quoted "~" stay literal).
                current = Word(pieces: [.variable("HOME")])
            case "\\":
                guard let next = characters.popFirst() else { return .incomplete }
                if next == "\n" { continue }
                current = current ?? Word()
                current!.append(next)
            case "'":
                current = current ?? Word()
                guard let end = characters.firstIndex(of: "'") else { return .incomplete }
                for literal in characters[..<end] { current!.append(literal) }
                if characters[..<end].isEmpty { current!.pieces.append(.text("")) }
                characters = characters[characters.index(after: end)...]
            case "\"":
                current = current ?? Word()
                var closed = false
                var empty = true
                while let inner = characters.popFirst() {
                    if inner == "\"" {
                        closed = true
                        break
                    }
                    empty = false
                    if inner == "\\", let escaped = characters.first, "\"\\$`\n".contains(escaped) {
                        characters.removeFirst()
                        if escaped != "\n" { current!.append(escaped) }
                    } else if inner == "$" {
                        switch variable(&characters) {
                        case .name(let name): current!.pieces.append(.variable(name))
                        case .withDefault(let name, let fallback): current!.pieces.append(.variableWithDefault(name, fallback))
                        case .literal: current!.append("$")
                        case .unterminated: return .failure("unterminated ${ in: \(Excerpt.of(line))")
                        case .bad(let text): return .failure(badSubstitution(text))
                        }
                    } else {
                        current!.append(inner)
                    }
                }
                guard closed else { return .incomplete }
                if empty { current!.pieces.append(.text("")) }
            case "$":
                current = current ?? Word()
                switch variable(&characters) {
                case .name(let name): current!.pieces.append(.variable(name))
                case .withDefault(let name, let fallback): current!.pieces.append(.variableWithDefault(name, fallback))
                case .literal: current!.append("$")
                case .unterminated: return .failure("unterminated ${ in: \(Excerpt.of(line))")
                case .bad(let text): return .failure(badSubstitution(text))
                }
            default:
                current = current ?? Word()
                current!.append(character)
            }
        }
        finish()
        return .words(words)
    }

    enum VariableReference { case name(String), withDefault(String, String), literal, unterminated, bad(String) }

    static func badSubstitution(_ text: String) -> String {
        "bad substitution ${\(Excerpt.of(text, limit: 40))}: use ${NAME}, ${NAME:-default}, ${1}..${N}, ${#}, ${@} or ${?}"
    }

    /// Reads what follows a `$`.
    static func variable(_ characters: inout ArraySlice<Character>) -> VariableReference {
        guard let first = characters.first else { return .literal }
        if first == "{" {
            guard let close = characters.firstIndex(of: "}") else { return .unterminated }
            let name = String(characters[characters.index(after: characters.startIndex)..<close])
            characters = characters[characters.index(after: close)...]
            if let marker = name.range(of: ":-") {
                let variable = String(name[..<marker.lowerBound])
                return isName(variable) || isPosition(variable)
                    ? .withDefault(variable, String(name[marker.upperBound...])) : .bad(name)
            }
            return isName(name) || ["#", "@", "?"].contains(name) || isPosition(name) ? .name(name) : .bad(name)
        }
        if first.isWholeNumber || first == "#" || first == "@" || first == "?" {
            characters.removeFirst()
            return .name(String(first))
        }
        guard first == "_" || (first.isASCII && first.isLetter) else { return .literal }
        var name = ""
        while let next = characters.first, next == "_" || (next.isASCII && (next.isLetter || next.isNumber)) {
            name.append(next)
            characters.removeFirst()
        }
        return .name(name)
    }

    /// `${10}`: positions past 9 need the braces, as in POSIX shells.
    static func isPosition(_ text: String) -> Bool {
        !text.isEmpty && text.allSatisfy { $0.isASCII && $0.isWholeNumber }
    }

    static func isName(_ text: String) -> Bool {
        guard let first = text.first, first == "_" || (first.isASCII && first.isLetter) else { return false }
        return text.allSatisfy { $0 == "_" || ($0.isASCII && ($0.isLetter || $0.isNumber)) }
    }
}
