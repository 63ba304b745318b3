/// A small CSV document built row by row in memory, with `CSVWriter`'s rules: RFC 4180
/// quoting only where needed (a field holding a comma, a double quote, CR or LF is quoted,
/// with quotes doubled), `\n` line ends, and floats printed with the same shortest round-trip
/// digits as the JSON artifacts (Python's `repr(float)`). Non-finite numbers (NaN, ±infinity)
/// become empty fields. Large tables go through `CSVWriter` to a file instead.
public struct CSVTable: Sendable {
    public enum Field: Sendable, Equatable, ExpressibleByStringLiteral {
        case text(String)
        case number(Double)
        case integer(Int)
        case empty

        public init(stringLiteral value: String) { self = .text(value) }
    }

    public private(set) var bytes: [UInt8]
    public private(set) var rowCount = 0

    public var text: String { String(decoding: bytes, as: UTF8.self) }

    public init(header: [String]) {
        bytes = CSVTable.render { try $0.header(header) }
    }

    public mutating func append(_ fields: [Field]) {
        bytes += CSVTable.render { writer in
            for field in fields { try writer.field(field) }
            try writer.endRow()
        }
        rowCount += 1
    }

    /// A row of plain text fields.
    public mutating func append(texts: [String]) {
        append(texts.map { .text($0) })
    }

    static func cell(_ field: Field) -> String {
        String(decoding: render { try $0.field(field) }, as: UTF8.self)
    }

    static func quoted(_ value: String) -> String { cell(.text(value)) }

    /// What `body` writes, collected in memory (which cannot fail).
    static func render(_ body: (inout CSVWriter) throws -> Void) -> [UInt8] {
        final class Collected { var bytes: [UInt8] = [] }
        let collected = Collected()
        var writer = CSVWriter(capacity: 256) { collected.bytes.append(contentsOf: $0) }
        do {
            try body(&writer)
            try writer.finish()
        } catch {
            preconditionFailure("writing CSV to memory failed: \(error)")
        }
        return collected.bytes
    }
}

extension CSVWriter {
    public mutating func field(_ field: CSVTable.Field) throws {
        switch field {
        case .text(let value): try text(value)
        case .number(let value): try number(value)
        case .integer(let value): try integer(value)
        case .empty: try empty()
        }
    }
}
