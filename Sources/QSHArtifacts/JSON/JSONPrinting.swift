/// Printing in the two layouts Python's `json.dumps(..., sort_keys=True)` produces: with
/// `indent=2` for artifacts, and the default one-line form (used for config hashes).
/// Non-ASCII characters are escaped (`ensure_ascii`), keys sorted by code point.
extension JSONValue {
    public func formatted() -> String {
        var output = ""
        write(to: &output, indent: 0, pretty: true)
        return output
    }

    public func compact() -> String {
        var output = ""
        write(to: &output, indent: 0, pretty: false)
        return output
    }

    /// One line without spaces, for JSONL records and response lines.
    public func line() -> String {
        var output = ""
        write(to: &output, indent: 0, pretty: false, tight: true)
        return output
    }

    private func write(to output: inout String, indent: Int, pretty: Bool, tight: Bool = false) {
        switch self {
        case .null: output += "null"
        case .bool(let value): output += value ? "true" : "false"
        case .int(let value): output += String(value)
        case .double(let value): output += value.isFinite ? PythonFloat.repr(value) : "null"
        case .string(let value): JSONValue.writeString(value, to: &output)
        case .array(let items):
            guard !items.isEmpty else {
                output += "[]"
                return
            }
            output += "["
            for (index, item) in items.enumerated() {
                if index > 0 { output += pretty || tight ? "," : ", " }
                if pretty { JSONValue.newline(&output, indent + 1) }
                item.write(to: &output, indent: indent + 1, pretty: pretty, tight: tight)
            }
            if pretty { JSONValue.newline(&output, indent) }
            output += "]"
        case .object(let members):
            guard !members.isEmpty else {
                output += "{}"
                return
            }
            output += "{"
            let keys = members.keys.sorted { $0.unicodeScalars.lexicographicallyPrecedes($1.unicodeScalars) }
            for (index, key) in keys.enumerated() {
                if index > 0 { output += pretty || tight ? "," : ", " }
                if pretty { JSONValue.newline(&output, indent + 1) }
                JSONValue.writeString(key, to: &output)
                output += tight ? ":" : ": "
                members[key]!.write(to: &output, indent: indent + 1, pretty: pretty, tight: tight)
            }
            if pretty { JSONValue.newline(&output, indent) }
            output += "}"
        }
    }

    private static func newline(_ output: inout String, _ level: Int) {
        output += "\n"
        output += String(repeating: "  ", count: level)
    }

    static let hexDigits = Array("0123456789abcdef")

    static func writeString(_ value: String, to output: inout String) {
        output += "\""
        for unit in value.utf16 {
            switch unit {
            case 0x22: output += "\\\""
            case 0x5C: output += "\\\\"
            case 0x0A: output += "\\n"
            case 0x0D: output += "\\r"
            case 0x09: output += "\\t"
            case 0x08: output += "\\b"
            case 0x0C: output += "\\f"
            case 0x20..<0x7F: output.unicodeScalars.append(Unicode.Scalar(UInt8(unit)))
            default:
                output += "\\u"
                for shift in stride(from: 12, through: 0, by: -4) {
                    output.append(hexDigits[Int((unit >> UInt16(shift)) & 0xF)])
                }
            }
        }
        output += "\""
    }
}
