/// A CSV document built row by row: RFC 4180 quoting only where needed (a field holding a
/// comma, a double quote, CR or LF is quoted, with quotes doubled), `\n` line ends, and floats
/// printed with the same shortest round-trip digits as the JSON artifacts (Python's
/// `repr(float)`). Non-finite numbers (NaN, ±infinity) become empty fields.
public struct CSVTable: Sendable {
    public enum Field: Sendable, Equatable, ExpressibleByStringLiteral {
        case text(String)
        case number(Double)
        case integer(Int)
        case empty

        public init(stringLiteral value: String) { self = .text(value) }
    }

    public private(set) var text: String
    public private(set) var rowCount = 0

    public init(header: [String]) {
        text = ""
        appendLine(header.map(CSVTable.quoted))
    }

    public mutating func append(_ fields: [Field]) {
        appendLine(fields.map(CSVTable.cell))
        rowCount += 1
    }

    /// A row of plain text fields.
    public mutating func append(texts: [String]) {
        append(texts.map { .text($0) })
    }

    static func cell(_ field: Field) -> String {
        switch field {
        case .text(let value): quoted(value)
        case .number(let value): value.isFinite ? PythonFloat.repr(value) : ""
        case .integer(let value): String(value)
        case .empty: ""
        }
    }

    private mutating func appendLine(_ cells: [String]) {
        text += cells.joined(separator: ",")
        text += "\n"
    }

    static func quoted(_ value: String) -> String {
        guard value.utf8.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }) else { return value }
        var out = "\""
        for scalar in value.unicodeScalars {
            if scalar == "\"" { out += "\"\"" } else { out.unicodeScalars.append(scalar) }
        }
        return out + "\""
    }
}
