import Foundation
import QSHCore

/// The bytes of `paper_sessions_index.{csv,json}`, row by row, so that an update can copy the
/// rows it keeps from the previous files and print only the rows it read again. Each row is
/// printed by the general printers (`CSVTable`'s writer, `JSONValue.formatted`), and the JSON
/// document is cut from what `formatted()` prints for it, so the files are exactly those
/// bytes: a JSON row is the row object printed alone, indented to sit in `sessions` (pretty
/// printing puts no line break inside a string, so indenting after each one is exact).
enum PaperSessionsIndexRenderer {
    static let csvHeader: [UInt8] = CSVTable(header: PaperSessionsIndex.columns).bytes

    /// One CSV line, `\n` included.
    static func csvRow(_ row: [String: JSONValue]) -> [UInt8] {
        CSVTable.render { writer in
            for column in PaperSessionsIndex.columns { try writer.field(PaperSessionsIndex.csvField(row[column] ?? .null)) }
            try writer.endRow()
        }
    }

    /// One JSON row, from its `{` to its `}`, as it sits in the document's `sessions` array.
    static func jsonRow(_ row: [String: JSONValue]) -> [UInt8] {
        var bytes: [UInt8] = []
        for byte in JSONValue.object(row).formatted().utf8 {
            bytes.append(byte)
            if byte == UInt8(ascii: "\n") { bytes.append(contentsOf: rowIndent) }
        }
        return bytes
    }

    /// What goes before each row (after the `,` that follows the previous one).
    static let rowLead: [UInt8] = Array("\n    ".utf8)
    private static let rowIndent: [UInt8] = Array("    ".utf8)
    /// What follows the last row.
    static let jsonTail: [UInt8] = Array("\n  ]\n}\n".utf8)

    /// The document up to the `sessions` array's `[` (included); with no rows, the whole
    /// document. `sessions` is the last key, so it ends `"sessions": []\n}`.
    static func jsonHead(root: String, count: Int, now: Date) -> (head: [UInt8], isWhole: Bool) {
        let document: JSONValue = .object([
            "generated_at": .string(ISOTime.string(from: now)),
            "root_dir": .string(root),
            "n_sessions": .int(Int64(count)),
            "columns": .array(PaperSessionsIndex.columns.map { .string($0) }),
            "sessions": .array([]),
        ])
        var bytes = Array(document.formatted().utf8)
        if count == 0 {
            bytes.append(UInt8(ascii: "\n"))
            return (bytes, true)
        }
        let emptyEnd = Array("[]\n}".utf8)
        precondition(bytes.suffix(emptyEnd.count).elementsEqual(emptyEnd), "the sessions array is the document's last member")
        bytes.removeLast(emptyEnd.count - 1)  // keeps the `[`
        return (bytes, false)
    }
}
