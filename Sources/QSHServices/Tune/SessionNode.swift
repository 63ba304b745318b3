import QSHCore
import Yams

/// A session file's YAML (or JSON) as a small Sendable tree that remembers the line of every
/// value, so each error can name `file:line`. Built once from Yams' `Node`; the session reader
/// only walks this.
struct SessionNode: Sendable {
    enum ScalarKind: Sendable { case string, integer, number, bool, null }

    enum Value: Sendable {
        /// The scalar's text as written, and what YAML resolves it to.
        case scalar(String, ScalarKind)
        case list([SessionNode])
        /// Keys in file order (duplicates are a YAML error).
        case map([(key: String, line: Int?, value: SessionNode)])
    }

    let value: Value
    /// 1-based line, when the parser gave one.
    let line: Int?

    /// Parses `text`; a syntax error names `file:line`. `what` names the kind of file in errors.
    static func parse(_ text: String, file: String, what: String = "session file") throws -> SessionNode {
        let root: Node?
        do {
            root = try Yams.compose(yaml: text)
        } catch let error as YamlError {
            throw InvalidInputError(syntaxMessage(error, file: file))
        } catch {
            throw InvalidInputError("\(file): not a YAML or JSON \(what) (\(error))")
        }
        guard let root else { throw InvalidInputError("\(file): empty \(what)") }
        return try SessionNode(root, file: file)
    }

    init(value: Value, line: Int?) {
        self.value = value
        self.line = line
    }

    init(_ node: Node, file: String) throws {
        line = node.mark?.line
        switch node {
        case .scalar(let scalar):
            let kind: ScalarKind
            switch Tag.Name(rawValue: node.tag.rawValue) {
            case .int: kind = .integer
            case .float: kind = .number
            case .bool: kind = .bool
            case .null: kind = .null
            default: kind = .string
            }
            value = .scalar(scalar.string, kind)
        case .sequence(let sequence):
            value = .list(try sequence.map { try SessionNode($0, file: file) })
        case .mapping(let mapping):
            var pairs: [(key: String, line: Int?, value: SessionNode)] = []
            for (key, item) in mapping {
                guard case .scalar(let scalar) = key else {
                    throw InvalidInputError("\(Self.place(file, key.mark?.line)): keys must be plain names")
                }
                pairs.append((scalar.string, key.mark?.line, try SessionNode(item, file: file)))
            }
            value = .map(pairs)
        case .alias:
            throw InvalidInputError("\(Self.place(file, node.mark?.line)): YAML aliases are not supported")
        }
    }

    /// `file:line`, or `file` when no line is known.
    static func place(_ file: String, _ line: Int?) -> String {
        line.map { "\(file):\($0)" } ?? file
    }

    /// What a type error calls this value.
    var kindName: String {
        switch value {
        case .scalar(_, let kind):
            switch kind {
            case .string: "a string"
            case .integer: "an integer"
            case .number: "a number"
            case .bool: "a boolean"
            case .null: "null"
            }
        case .list: "a list"
        case .map: "a mapping"
        }
    }

    var isNull: Bool {
        if case .scalar(_, .null) = value { return true }
        return false
    }

    /// The number an integer or float scalar stands for.
    var number: Double? {
        guard case .scalar(let text, let kind) = value, kind == .integer || kind == .number else { return nil }
        if kind == .integer, let int = Int64(text.replacingOccurrences(of: "_", with: "")) { return Double(int) }
        return Double(text.replacingOccurrences(of: "_", with: ""))
    }

    /// Digits after the decimal point as written (`0.25` -> 2, `5` -> 0).
    var decimals: Int {
        guard case .scalar(let text, _) = value, let dot = text.firstIndex(of: ".") else { return 0 }
        return text[text.index(after: dot)...].prefix { $0.isNumber }.count
    }

    private static func syntaxMessage(_ error: YamlError, file: String) -> String {
        switch error {
        case .scanner(_, let problem, let mark, _), .parser(_, let problem, let mark, _),
            .composer(_, let problem, let mark, _):
            return "\(file):\(mark.line): YAML syntax error: \(problem)"
        case .duplicatedKeysInMapping(let duplicates, let context):
            return "\(file):\(context.mark.line): duplicate key '\(duplicates.joined(separator: "', '"))'"
        default:
            let text = "\(error)".split(separator: "\n").first.map(String.init) ?? "\(error)"
            return "\(file): YAML error: \(text)"
        }
    }
}
