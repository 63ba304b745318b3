import QSHCore

/// One mapping of a session file with its dotted path (`base`, `space.fast`): typed reads whose
/// errors are one line, `file:line: key: problem`.
struct SessionMap {
    typealias Entry = (key: String, line: Int?, value: SessionNode)

    let file: String
    /// Dotted path of this mapping ("" at the top).
    let path: String
    let line: Int?
    let entries: [Entry]

    init(_ node: SessionNode, file: String, path: String) throws {
        guard case .map(let entries) = node.value else {
            throw InvalidInputError(
                "\(SessionNode.place(file, node.line)): \(path.isEmpty ? "the session" : path): expected a mapping, got \(node.kindName)")
        }
        self.file = file
        self.path = path
        self.line = node.line
        self.entries = entries
    }

    func key(_ name: String) -> String { path.isEmpty ? name : path + "." + name }

    /// `file:line: key: message`, at the value's line (or the mapping's).
    func error(_ name: String, _ message: String, line: Int? = nil) -> InvalidInputError {
        let at = line ?? entries.first { $0.key == name }?.value.line ?? self.line
        return InvalidInputError("\(SessionNode.place(file, at)): \(key(name)): \(message)")
    }

    /// Every key must be one of `allowed`.
    func requireKeys(in allowed: [String]) throws {
        for entry in entries where !allowed.contains(entry.key) {
            throw InvalidInputError(
                "\(SessionNode.place(file, entry.line)): unknown key '\(key(entry.key))' (allowed: \(allowed.joined(separator: ", ")))")
        }
    }

    func node(_ name: String) -> SessionNode? {
        entries.first { $0.key == name }.flatMap { $0.value.isNull ? nil : $0.value }
    }

    func has(_ name: String) -> Bool { node(name) != nil }

    /// A scalar's text (strings, and dates and numbers written bare).
    func string(_ name: String) throws -> String? {
        guard let node = node(name) else { return nil }
        guard case .scalar(let text, let kind) = node.value, kind != .bool else {
            throw error(name, "expected a string, got \(node.kindName)")
        }
        guard !text.isEmpty else { throw error(name, "must not be empty") }
        return text
    }

    func number(_ name: String) throws -> Double? {
        guard let node = node(name) else { return nil }
        guard let value = node.number, value.isFinite else { throw error(name, "expected a number, got \(node.kindName)") }
        return value
    }

    func integer(_ name: String) throws -> Int? {
        guard let value = try number(name) else { return nil }
        guard value.rounded() == value, abs(value) < 1e15 else {
            throw error(name, "expected an integer, got \(TuneConstraint.text(value))")
        }
        return Int(value)
    }

    func list(_ name: String) throws -> [SessionNode]? {
        guard let node = node(name) else { return nil }
        guard case .list(let items) = node.value else { throw error(name, "expected a list, got \(node.kindName)") }
        return items
    }
}
