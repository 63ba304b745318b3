import Foundation

/// Reads back a `runs_index.json` in the layout qsh writes it (`JSONValue.formatted()`: sorted
/// keys, two-space indentation, one row object per run with exactly the index's columns).
/// Anything else (another layout, a truncated file, a container where a cell belongs) is a
/// `Mismatch` and the caller rebuilds from the folders: qsh never writes it, so it is rare.
///
/// A dedicated scanner, measured necessary: the general parser took 37 ms for the 2 MB index
/// of 5,000 runs (a dictionary and a dozen strings per row); matching the fixed layout and
/// reading only the values takes a few.
struct RunsIndexReader {
    struct Contents {
        let rootDir: String
        let count: Int64
        let rows: [RunsIndexRow]
    }

    struct Mismatch: Error, CustomStringConvertible {
        let description: String
    }

    static func read(_ data: [UInt8]) throws(Mismatch) -> Contents {
        try data.withUnsafeBufferPointer { bytes -> Result<Contents, Mismatch> in
            var reader = RunsIndexReader(bytes: bytes)
            do throws(Mismatch) { return .success(try reader.document()) } catch { return .failure(error) }
        }.get()
    }

    /// Reads the bytes in place (no copy of a 2 MB index); they only live during the call.
    private let bytes: UnsafeBufferPointer<UInt8>
    private var end: Int { bytes.count }
    private var index = 0

    private init(bytes: UnsafeBufferPointer<UInt8>) { self.bytes = bytes }

    /// (column, `"key": ` line opening) in the order the rows print their keys.
    private static let keys = Array(zip(RunsIndexRenderer.jsonKeyOrder, RunsIndexRenderer.jsonKeys))

    private mutating func document() throws(Mismatch) -> Contents {
        let (rootDir, count) = try head()
        var rows: [RunsIndexRow] = []
        rows.reserveCapacity(Int(clamping: min(max(count, 0), 1_000_000)))
        try each { (reader: inout RunsIndexReader) throws(Mismatch) in rows.append(try reader.row()) }
        return Contents(rootDir: rootDir, count: count, rows: rows)
    }

    /// Up to and including `"runs": [`.
    private mutating func head() throws(Mismatch) -> (rootDir: String, count: Int64) {
        try expect("{\n  \"generated_at\": ")
        guard case .string = try scalar() else { throw Mismatch(description: "generated_at is not a string") }
        try expect(",\n  \"n_runs\": ")
        guard case .int(let count) = try scalar() else { throw Mismatch(description: "n_runs is not an integer") }
        try expect(",\n  \"root_dir\": ")
        guard case .string(let rootDir) = try scalar() else { throw Mismatch(description: "root_dir is not a string") }
        try expect(",\n  \"runs\": [")
        return (rootDir, count)
    }

    /// Calls `body` at the start of each row, then reads the end of the document.
    private mutating func each(_ body: (inout RunsIndexReader) throws(Mismatch) -> Void) throws(Mismatch) {
        if !consume("]") {
            repeat {
                try body(&self)
            } while consume(",")
            try expect("\n  ]")
        }
        try expect("\n}\n")
        guard index == end else { throw Mismatch(description: "text after the index") }
    }

    // MARK: - Outline

    /// A row's place in the order and where its text is (`\n    {` to `\n    }`).
    struct OutlineRow {
        let order: RunOrder
        let bytes: Range<Int>
    }

    /// The rows of an index qsh wrote itself (its stamp matches): only `created_at`, `run_id`
    /// and `path` are read; the other lines are skipped to their ends, since a JSON string
    /// cannot hold a raw line break. What is skipped is not checked: the stamp vouches for it.
    static func outline(_ data: [UInt8]) throws(Mismatch) -> (rootDir: String, count: Int64, rows: [OutlineRow]) {
        try data.withUnsafeBufferPointer { bytes -> Result<(rootDir: String, count: Int64, rows: [OutlineRow]), Mismatch> in
            var reader = RunsIndexReader(bytes: bytes)
            do throws(Mismatch) {
                let (rootDir, count) = try reader.head()
                var rows: [OutlineRow] = []
                rows.reserveCapacity(Int(clamping: min(max(count, 0), 1_000_000)))
                try reader.each { (reader: inout RunsIndexReader) throws(Mismatch) in rows.append(try reader.outlineRow()) }
                return .success((rootDir, count, rows))
            } catch {
                return .failure(error)
            }
        }.get()
    }

    private mutating func outlineRow() throws(Mismatch) -> OutlineRow {
        let start = index
        try expect("\n    {")
        var createdAt = "", runID: String?, path: String?
        for (position, (column, key)) in Self.keys.enumerated() {
            try expect(key)
            switch column {
            case RunsIndexRow.createdAt: createdAt = try scalar().stringValue ?? ""
            case RunsIndexRow.runID: runID = try scalar().stringValue
            case RunsIndexRow.path: path = try scalar().stringValue
            default: try skipToLineEnd(last: position == Self.keys.count - 1)
            }
        }
        try expect("\n    }")
        guard let runID, let path else { throw mismatch("a row without a string run_id and path") }
        return OutlineRow(order: RunOrder(createdAt: createdAt, runID: runID, path: path), bytes: start..<index)
    }

    /// To the line break after a value, or to the `,` before it.
    private mutating func skipToLineEnd(last: Bool) throws(Mismatch) {
        guard index < end, let found = memchr(bytes.baseAddress! + index, 0x0A, end - index) else {
            throw mismatch("a value without a line end")
        }
        let lineEnd = UnsafeRawPointer(found) - UnsafeRawPointer(bytes.baseAddress!)
        guard lineEnd > index else { throw mismatch("a value without a line end") }
        index = last ? lineEnd : lineEnd - 1
    }

    private mutating func row() throws(Mismatch) -> RunsIndexRow {
        try expect("\n    {")
        var cells = [JSONValue](repeating: .null, count: RunsIndex.columns.count)
        for (column, key) in Self.keys {
            try expect(key)
            cells[column] = try scalar()
        }
        try expect("\n    }")
        guard case .string(let runID) = cells[RunsIndexRow.runID], case .string(let path) = cells[RunsIndexRow.path] else {
            throw Mismatch(description: "a row without a string run_id and path")
        }
        return RunsIndexRow(cells: cells, runID: runID, path: path)
    }

    // MARK: - Tokens

    private mutating func expect(_ literal: StaticString) throws(Mismatch) {
        let matched = literal.withUTF8Buffer { matches($0) }
        guard matched else { throw mismatch("expected \(literal)") }
    }

    private mutating func expect(_ literal: [UInt8]) throws(Mismatch) {
        let matched = literal.withUnsafeBufferPointer { matches($0) }
        guard matched else { throw mismatch("expected a row key") }
    }

    private mutating func consume(_ literal: StaticString) -> Bool { literal.withUTF8Buffer { matches($0) } }

    private mutating func matches(_ literal: UnsafeBufferPointer<UInt8>) -> Bool {
        guard index + literal.count <= end, memcmp(bytes.baseAddress! + index, literal.baseAddress!, literal.count) == 0 else {
            return false
        }
        index += literal.count
        return true
    }

    private func mismatch(_ what: String) -> Mismatch {
        Mismatch(description: "\(what) at byte \(index)")
    }

    /// One scalar value: a string, a number, true, false or null.
    private mutating func scalar() throws(Mismatch) -> JSONValue {
        guard index < end else { throw mismatch("unexpected end") }
        switch bytes[index] {
        case UInt8(ascii: "\""): return .string(try string())
        case UInt8(ascii: "-"), UInt8(ascii: "0")...UInt8(ascii: "9"): return try number()
        case UInt8(ascii: "n") where consume("null"): return .null
        case UInt8(ascii: "t") where consume("true"): return .bool(true)
        case UInt8(ascii: "f") where consume("false"): return .bool(false)
        default: throw mismatch("expected a scalar")
        }
    }

    /// Plain ASCII without escapes (all qsh writes but for quotes, control and non-ASCII
    /// characters) is taken as it stands; anything else goes through the general parser.
    private mutating func string() throws(Mismatch) -> String {
        let start = index + 1
        guard start < end, let found = memchr(bytes.baseAddress! + start, 0x22, end - start) else {
            throw mismatch("unterminated string")
        }
        let close = UnsafeRawPointer(found) - UnsafeRawPointer(bytes.baseAddress!)
        if !bytes[start..<close].contains(where: { $0 == UInt8(ascii: "\\") || $0 < 0x20 || $0 >= 0x80 }) {
            index = close + 1
            return String(decoding: UnsafeBufferPointer(rebasing: bytes[start..<close]), as: UTF8.self)
        }
        var cursor = start
        while cursor < end && bytes[cursor] != UInt8(ascii: "\"") {
            cursor += bytes[cursor] == UInt8(ascii: "\\") ? 2 : 1
        }
        guard cursor < end else { throw mismatch("unterminated string") }
        let token = Array(bytes[index...cursor])
        guard JSONParser.firstInvalidUTF8(token) == nil else { throw mismatch("invalid UTF-8") }
        var parser = JSONParser(bytes: token)
        guard let value = try? parser.parseString(), parser.index == token.count else { throw mismatch("invalid string") }
        index = cursor + 1
        return value
    }

    /// JSON's number grammar; integers that fit 64 bits stay integers, as `JSONValue.parse` keeps them.
    private mutating func number() throws(Mismatch) -> JSONValue {
        let start = index
        func digits(_ reader: inout RunsIndexReader) -> Int {
            let first = reader.index
            while reader.index < reader.end, (UInt8(ascii: "0")...UInt8(ascii: "9")).contains(reader.bytes[reader.index]) {
                reader.index += 1
            }
            return reader.index - first
        }
        let negative = consume("-")
        let integerStart = index
        let integerDigits = digits(&self)
        guard integerDigits > 0, integerDigits == 1 || bytes[integerStart] != UInt8(ascii: "0") else {
            throw mismatch("invalid number")
        }
        var integral = true
        if consume(".") {
            integral = false
            guard digits(&self) > 0 else { throw mismatch("invalid number") }
        }
        if index < end, bytes[index] | 0x20 == UInt8(ascii: "e") {
            integral = false
            index += 1
            if index < end, bytes[index] == UInt8(ascii: "+") || bytes[index] == UInt8(ascii: "-") { index += 1 }
            guard digits(&self) > 0 else { throw mismatch("invalid number") }
        }
        if integral, integerDigits <= 18 {
            var magnitude: Int64 = 0
            for byte in bytes[integerStart..<index] { magnitude = magnitude * 10 + Int64(byte - UInt8(ascii: "0")) }
            return .int(negative ? -magnitude : magnitude)
        }
        let token = UnsafeBufferPointer(rebasing: bytes[start..<index])
        if integral, let value = Int64(String(decoding: token, as: UTF8.self)) { return .int(value) }
        guard let value = Self.double(token), value.isFinite else { throw mismatch("number out of range") }
        return .double(value)
    }

    /// `strtod` on a NUL-terminated copy (Double(String) costs 3× as much); it must read the
    /// whole token, else the general conversion decides.
    private static func double(_ token: UnsafeBufferPointer<UInt8>) -> Double? {
        let fast = token.count < 64 ? withUnsafeTemporaryAllocation(of: CChar.self, capacity: 64) { text -> Double? in
            for (offset, byte) in token.enumerated() { text[offset] = CChar(bitPattern: byte) }
            text[token.count] = 0
            var stop: UnsafeMutablePointer<CChar>?
            let value = strtod(text.baseAddress!, &stop)
            return stop == text.baseAddress! + token.count ? value : nil
        } : nil
        return fast ?? Double(String(decoding: token, as: UTF8.self))
    }
}
