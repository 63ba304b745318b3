/// A CSV document built row by row: RFC 4180 quoting only where needed, `\n` line ends, and
/// floats printed with the same shortest round-trip digits as the JSON artifacts.
public struct CSVTable {
    public enum Field {
        case text(String)
        case number(Double)
        case integer(Int)
        case empty
    }

    public private(set) var text: String

    public init(header: [String]) {
        text = ""
        appendLine(header.map(CSVTable.quoted))
    }

    public mutating func append(_ fields: [Field]) {
        appendLine(fields.map { field in
            switch field {
            case .text(let value): CSVTable.quoted(value)
            case .number(let value): value.isFinite ? PythonFloat.repr(value) : ""
            case .integer(let value): String(value)
            case .empty: ""
            }
        })
    }

    private mutating func appendLine(_ cells: [String]) {
        text += cells.joined(separator: ",")
        text += "\n"
    }

    static func quoted(_ value: String) -> String {
        guard value.contains(where: { $0 == "," || $0 == "\"" || $0 == "\n" || $0 == "\r" }) else { return value }
        return "\"" + value.replacingOccurrences(of: "\"", with: "\"\"") + "\""
    }
}

extension String {
    fileprivate func replacingOccurrences(of target: String, with replacement: String) -> String {
        split(separator: Character(target), omittingEmptySubsequences: false).joined(separator: replacement)
    }
}
