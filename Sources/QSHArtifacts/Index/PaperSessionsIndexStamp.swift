import Foundation

/// `paper_sessions/.paper_sessions_index.stamp`: what the last update of the paper sessions
/// index wrote. The identities (`FileIdentity`) of `paper_sessions_index.csv` and `.json` as
/// written, and for every row, in index order: the session folder's name, its identity
/// (`PaperSessionIdentity`: its marker files as they were read), its session id, where the row
/// sits in each file, and why the folder is unreadable, if it is. While the two index files
/// still have their identities, their rows are exactly what was printed, so the next update
/// copies the rows of unchanged folders byte for byte and reads only the folders that changed,
/// appeared, or were never indexed. As `RunsIndexStamp`, a cache: a missing, stale or garbled
/// stamp only means a full rebuild.
///
/// Text: the header, `root <dir>`, `csv <identity>`, `json <identity>`, `rows N`, then N lines
/// of `<name>\t<identity hex>\t<session id>\t<csv start> <csv end> <json start> <json end>\t<reason>`
/// (names, ids and reasons escaped as `IndexedNames` escapes names; no reason for a readable
/// session).
struct PaperSessionsIndexStamp: Equatable {
    static let fileName = ".paper_sessions_index.stamp"
    static let header = "qsh paper sessions index stamp 1"

    struct Row: Equatable {
        var name: String
        var identity: UInt64
        var sessionID: String
        /// The row's line in the CSV file, `\n` included.
        var csv: Range<Int>
        /// The row's object in the JSON file, `{` to `}`.
        var json: Range<Int>
        var unreadableReason: String?
    }

    var root: String
    var csvIdentity: String
    var jsonIdentity: String
    var rows: [Row]

    static func path(in root: String) -> String { (root as NSString).appendingPathComponent(fileName) }

    var bytes: [UInt8] {
        var text: [UInt8] = []
        IndexText.append(Self.header + "\nroot ", to: &text)
        Self.appendEscaped(root, to: &text)
        IndexText.append("\ncsv \(csvIdentity)\njson \(jsonIdentity)\nrows \(rows.count)\n", to: &text)
        for row in rows {
            Self.appendEscaped(row.name, to: &text)
            IndexText.append("\t" + String(row.identity, radix: 16) + "\t", to: &text)
            Self.appendEscaped(row.sessionID, to: &text)
            let ranges = "\(row.csv.lowerBound) \(row.csv.upperBound) \(row.json.lowerBound) \(row.json.upperBound)"
            IndexText.append("\t" + ranges + "\t", to: &text)
            if let reason = row.unreadableReason { Self.appendEscaped(reason, to: &text) }
            text.append(UInt8(ascii: "\n"))
        }
        return text
    }

    init(root: String, csvIdentity: String, jsonIdentity: String, rows: [Row]) {
        self.root = root
        self.csvIdentity = csvIdentity
        self.jsonIdentity = jsonIdentity
        self.rows = rows
    }

    /// Reads a stamp back; nil unless every line reads and there are as many rows as it says.
    init?(_ bytes: [UInt8]) {
        guard bytes.last == UInt8(ascii: "\n") else { return nil }  // cut short
        let lines = bytes.dropLast().split(separator: UInt8(ascii: "\n"), omittingEmptySubsequences: false)
        func value(_ index: Int, _ key: String) -> ArraySlice<UInt8>? {
            guard index < lines.count, lines[index].starts(with: (key + " ").utf8) else { return nil }
            return lines[index].dropFirst(key.utf8.count + 1)
        }
        guard lines.count >= 5, lines[0].elementsEqual(Self.header.utf8), let root = value(1, "root").flatMap(IndexedNames.unescaped),
            let csv = value(2, "csv"), let json = value(3, "json"),
            let count = value(4, "rows").flatMap({ Int(String(decoding: $0, as: UTF8.self)) }), lines.count == 5 + count
        else { return nil }
        var rows: [Row] = []
        rows.reserveCapacity(count)
        for line in lines[5...] {
            guard let row = Self.row(line) else { return nil }
            rows.append(row)
        }
        self.init(
            root: root, csvIdentity: String(decoding: csv, as: UTF8.self), jsonIdentity: String(decoding: json, as: UTF8.self),
            rows: rows)
    }

    private static func row(_ line: ArraySlice<UInt8>) -> Row? {
        let fields = line.split(separator: UInt8(ascii: "\t"), omittingEmptySubsequences: false)
        guard fields.count == 5, let name = IndexedNames.unescaped(fields[0]), !name.isEmpty,
            let identity = UInt64(String(decoding: fields[1], as: UTF8.self), radix: 16),
            let sessionID = IndexedNames.unescaped(fields[2]), let reason = IndexedNames.unescaped(fields[4])
        else { return nil }
        let bounds = fields[3].split(separator: UInt8(ascii: " ")).compactMap { Int(String(decoding: $0, as: UTF8.self)) }
        guard bounds.count == 4, 0 <= bounds[0], bounds[0] < bounds[1], 0 <= bounds[2], bounds[2] < bounds[3] else { return nil }
        return Row(
            name: name, identity: identity, sessionID: sessionID, csv: bounds[0]..<bounds[1], json: bounds[2]..<bounds[3],
            unreadableReason: reason.isEmpty ? nil : reason)
    }

    private static func appendEscaped(_ field: String, to text: inout [UInt8]) {
        var field = field
        field.withUTF8 { IndexedNames.escape($0, into: &text) }
    }
}
