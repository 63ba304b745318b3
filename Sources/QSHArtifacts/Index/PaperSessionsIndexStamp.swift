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
            text.append(UInt8(ascii: "\t"))
            Self.appendHex(row.identity, to: &text)
            text.append(UInt8(ascii: "\t"))
            Self.appendEscaped(row.sessionID, to: &text)
            for (index, bound) in [row.csv.lowerBound, row.csv.upperBound, row.json.lowerBound, row.json.upperBound].enumerated() {
                text.append(UInt8(ascii: index == 0 ? "\t" : " "))
                IndexText.appendInteger(Int64(bound), to: &text)
            }
            text.append(UInt8(ascii: "\t"))
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
    /// Cut by hand (no array per line or field): this runs on every update, over 10,000 rows.
    init?(_ bytes: [UInt8]) {
        guard bytes.last == UInt8(ascii: "\n") else { return nil }  // cut short
        var cursor = 0
        func line() -> ArraySlice<UInt8>? {
            guard cursor < bytes.count, let end = bytes[cursor...].firstIndex(of: UInt8(ascii: "\n")) else { return nil }
            defer { cursor = end + 1 }
            return bytes[cursor..<end]
        }
        func value(_ key: String) -> ArraySlice<UInt8>? {
            guard let line = line(), line.starts(with: (key + " ").utf8) else { return nil }
            return line.dropFirst(key.utf8.count + 1)
        }
        guard let first = line(), first.elementsEqual(Self.header.utf8), let root = value("root").flatMap(IndexedNames.unescaped),
            let csv = value("csv"), let json = value("json"), let count = value("rows").flatMap({ Self.integer($0) })
        else { return nil }
        var rows: [Row] = []
        rows.reserveCapacity(count)
        while let line = line() {
            guard rows.count < count, let row = Self.row(line) else { return nil }
            rows.append(row)
        }
        guard rows.count == count else { return nil }
        self.init(
            root: root, csvIdentity: String(decoding: csv, as: UTF8.self), jsonIdentity: String(decoding: json, as: UTF8.self),
            rows: rows)
    }

    private static func row(_ line: ArraySlice<UInt8>) -> Row? {
        var rest = line
        func field() -> ArraySlice<UInt8>? {
            guard let tab = rest.firstIndex(of: UInt8(ascii: "\t")) else { return nil }
            defer { rest = rest[(tab + 1)...] }
            return rest[..<tab]
        }
        guard let nameField = field(), let identityField = field(), let idField = field(), let boundsField = field(),
            let name = IndexedNames.unescaped(nameField), !name.isEmpty, let identity = hex(identityField),
            let sessionID = IndexedNames.unescaped(idField), let reason = IndexedNames.unescaped(rest)
        else { return nil }
        var bounds: [Int] = []
        bounds.reserveCapacity(4)
        for number in boundsField.split(separator: UInt8(ascii: " "), omittingEmptySubsequences: false) {
            guard let value = integer(number) else { return nil }
            bounds.append(value)
        }
        guard bounds.count == 4, bounds[0] < bounds[1], bounds[2] < bounds[3] else { return nil }
        return Row(
            name: name, identity: identity, sessionID: sessionID, csv: bounds[0]..<bounds[1], json: bounds[2]..<bounds[3],
            unreadableReason: reason.isEmpty ? nil : reason)
    }

    /// A non-negative decimal integer of at most 18 digits.
    private static func integer(_ digits: ArraySlice<UInt8>) -> Int? {
        guard !digits.isEmpty, digits.count <= 18 else { return nil }
        var value = 0
        for digit in digits {
            guard digit >= UInt8(ascii: "0"), digit <= UInt8(ascii: "9") else { return nil }
            value = value * 10 + Int(digit - UInt8(ascii: "0"))
        }
        return value
    }

    /// `String(value, radix: 16)`.
    private static func appendHex(_ value: UInt64, to text: inout [UInt8]) {
        let digits = Array("0123456789abcdef".utf8)
        var shift = 60
        while shift > 0 && (value >> UInt64(shift)) & 0xF == 0 { shift -= 4 }
        while shift >= 0 {
            text.append(digits[Int((value >> UInt64(shift)) & 0xF)])
            shift -= 4
        }
    }

    /// A lowercase hexadecimal UInt64, as `appendHex` prints it.
    private static func hex(_ digits: ArraySlice<UInt8>) -> UInt64? {
        guard !digits.isEmpty, digits.count <= 16 else { return nil }
        var value: UInt64 = 0
        for digit in digits {
            switch digit {
            case UInt8(ascii: "0")...UInt8(ascii: "9"): value = value << 4 | UInt64(digit - UInt8(ascii: "0"))
            case UInt8(ascii: "a")...UInt8(ascii: "f"): value = value << 4 | UInt64(digit - UInt8(ascii: "a") + 10)
            default: return nil
            }
        }
        return value
    }

    private static func appendEscaped(_ field: String, to text: inout [UInt8]) {
        var field = field
        field.withUTF8 { IndexedNames.escape($0, into: &text) }
    }
}
