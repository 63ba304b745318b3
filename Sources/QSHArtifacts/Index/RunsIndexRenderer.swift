import Foundation

/// A row as it is about to be written: printed from its values, or copied from the files the
/// previous refresh wrote (see `RunsIndexStamp`). Copied rows are byte ranges, not slices, so
/// that moving 5,000 of them around costs no reference counting.
enum RowText {
    case values(RunsIndexRow)
    /// The row's bytes in each of the previous files (in JSON without the `,` between rows).
    case copied(csv: Range<Int>, json: Range<Int>, markdown: Range<Int>)
}

/// The three files the previous refresh wrote, that `RowText.copied` ranges point into.
struct PreviousFiles {
    var csv: [UInt8]
    var json: [UInt8]
    var markdown: [UInt8]
}

/// The bytes of `runs_index.csv`, `.json` and `.md` for rows already in index order: what
/// `CSVTable`, `JSONValue.formatted()` (+ newline) and the Markdown table print, written
/// straight into byte buffers (see `IndexText` for why). Copied rows are the same bytes.
enum RunsIndexRenderer {
    static func csv(_ rows: [RowText], copyingFrom files: PreviousFiles? = nil) -> [UInt8] {
        var out = buffer(for: rows) { csv, _, _ in csv.count }
        out.append(contentsOf: csvHeader)
        for row in rows {
            switch row {
            case .values(let row): appendCSV(row, to: &out)
            case .copied(let range, _, _): out.append(contentsOf: files!.csv[range])
            }
        }
        return out
    }

    static func json(_ rows: [RowText], runsDir: String, now: Date, copyingFrom files: PreviousFiles? = nil) -> [UInt8] {
        var out = buffer(for: rows) { _, json, _ in json.count }
        appendJSONHead(count: rows.count, runsDir: runsDir, now: now, to: &out)
        if rows.isEmpty {
            IndexText.append("[]", to: &out)
        } else {
            out.append(UInt8(ascii: "["))
            for (index, row) in rows.enumerated() {
                if index > 0 { out.append(UInt8(ascii: ",")) }
                switch row {
                case .values(let row): appendJSON(row, to: &out)
                case .copied(_, let range, _): out.append(contentsOf: files!.json[range])
                }
            }
            IndexText.append("\n  ]", to: &out)
        }
        IndexText.append("\n}\n", to: &out)
        return out
    }

    /// A table for people: Sharpe with 3 decimals, returns and drawdowns as percentages with 2,
    /// trades as a whole number; `|` and line breaks in text are escaped.
    static func markdown(_ rows: [RowText], now: Date, copyingFrom files: PreviousFiles? = nil) -> [UInt8] {
        var out = buffer(for: rows) { _, _, markdown in markdown.count }
        IndexText.append(markdownTitle(count: rows.count, now: now), to: &out)
        out.append(contentsOf: markdownHeader)
        for row in rows {
            switch row {
            case .values(let row): appendMarkdown(row, to: &out)
            case .copied(_, _, let range): out.append(contentsOf: files!.markdown[range])
            }
        }
        return out
    }

    /// Up to `"runs": ` (the array follows).
    static func appendJSONHead(count: Int, runsDir: String, now: Date, to out: inout [UInt8]) {
        IndexText.append("{\n  \"generated_at\": ", to: &out)
        IndexText.appendJSONString(ISOTime.string(from: now), to: &out)
        IndexText.append(",\n  \"n_runs\": \(count),\n  \"root_dir\": ", to: &out)
        IndexText.appendJSONString(runsDir, to: &out)
        IndexText.append(",\n  \"runs\": ", to: &out)
    }

    static func markdownTitle(count: Int, now: Date) -> String {
        "# Runs\n\n\(count) run\(count == 1 ? "" : "s"), generated \(ISOTime.string(from: now))\n\n"
    }

    /// Room for the copied bytes and a generous guess for the printed rows, so that a large
    /// index is not copied over and over as the buffer grows.
    private static func buffer(for rows: [RowText], _ size: (Range<Int>, Range<Int>, Range<Int>) -> Int) -> [UInt8] {
        var capacity = 1024
        for row in rows {
            switch row {
            case .values: capacity += 1024
            case .copied(let csv, let json, let markdown): capacity += size(csv, json, markdown)
            }
        }
        var out: [UInt8] = []
        out.reserveCapacity(capacity)
        return out
    }

    // MARK: - Rows

    static func appendCSV(_ row: RunsIndexRow, to out: inout [UInt8]) {
        for (index, cell) in row.cells.enumerated() {
            if index > 0 { out.append(UInt8(ascii: ",")) }
            switch cell {
            case .string(let value): IndexText.appendCSVText(value, to: &out)
            case .double(let value): if value.isFinite { IndexText.appendRepr(value, to: &out) }
            case .int(let value): IndexText.appendInteger(value, to: &out)
            case .bool(let value): IndexText.append(value ? "true" : "false", to: &out)
            case .null, .array, .object: break
            }
        }
        out.append(UInt8(ascii: "\n"))
    }

    /// From `\n    {` to `\n    }`: the row as an element of the `runs` array.
    static func appendJSON(_ row: RunsIndexRow, to out: inout [UInt8]) {
        out.append(contentsOf: jsonRowOpening)
        for (position, column) in jsonKeyOrder.enumerated() {
            out.append(contentsOf: jsonKeys[position])
            appendJSON(row.cells[column], to: &out)
        }
        out.append(contentsOf: jsonRowClosing)
    }

    static func appendMarkdown(_ row: RunsIndexRow, to out: inout [UInt8]) {
        out.append(UInt8(ascii: "|"))
        for (column, cell) in row.cells.enumerated() {
            out.append(UInt8(ascii: " "))
            appendMarkdown(column, cell, to: &out)
            IndexText.append(" |", to: &out)
        }
        out.append(UInt8(ascii: "\n"))
    }

    // MARK: - Cells

    private static func appendJSON(_ cell: JSONValue, to out: inout [UInt8]) {
        switch cell {
        case .null: IndexText.append("null", to: &out)
        case .bool(let value): IndexText.append(value ? "true" : "false", to: &out)
        case .int(let value): IndexText.appendInteger(value, to: &out)
        case .double(let value):
            if value.isFinite { IndexText.appendRepr(value, to: &out) } else { IndexText.append("null", to: &out) }
        case .string(let value): IndexText.appendJSONString(value, to: &out)
        case .array, .object:
            // Never: rows hold scalars only (`RunsIndex.row` and the index reader see to it).
            assertionFailure("a runs index cell holds a container")
            IndexText.append("null", to: &out)
        }
    }

    private static func appendMarkdown(_ column: Int, _ cell: JSONValue, to out: inout [UInt8]) {
        switch column {
        case RunsIndexRow.sharpe:
            if let number = cell.doubleValue { return IndexText.appendFixed(number, digits: 3, to: &out) }
        case RunsIndexRow.totalReturn, RunsIndexRow.maxDrawdown:
            if let number = cell.doubleValue {
                IndexText.appendFixed(number * 100, digits: 2, to: &out)
                return out.append(UInt8(ascii: "%"))
            }
        case RunsIndexRow.trades:
            if let number = cell.doubleValue, number.isFinite, number.rounded() == number, number.magnitude < 1e15 {
                return IndexText.appendInteger(Int64(number), to: &out)
            }
        default: break
        }
        switch cell {
        case .string(let value): IndexText.appendMarkdownText(value, to: &out)
        case .int(let value): IndexText.appendInteger(value, to: &out)
        case .double(let value): if value.isFinite { IndexText.appendRepr(value, to: &out) }
        case .bool(let value): IndexText.append(value ? "true" : "false", to: &out)
        case .null, .array, .object: break
        }
    }

    // MARK: - Fixed text

    static let csvHeader = Array((RunsIndex.columns.joined(separator: ",") + "\n").utf8)
    static let markdownHeader = Array((
        "| " + RunsIndex.columns.joined(separator: " | ") + " |\n"
            + "|" + RunsIndex.columns.map { _ in "---" }.joined(separator: "|") + "|\n").utf8)

    /// Column positions in the order `formatted()` prints an object's keys (sorted by code point).
    static let jsonKeyOrder = RunsIndex.columns.indices.sorted {
        RunsIndex.columns[$0].unicodeScalars.lexicographicallyPrecedes(RunsIndex.columns[$1].unicodeScalars)
    }
    /// `"key": ` for each key in that order, each on its own line at the depth of a row's members.
    static let jsonKeys = jsonKeyOrder.enumerated().map { position, column in
        Array(((position > 0 ? "," : "") + "\n      \"" + RunsIndex.columns[column] + "\": ").utf8)
    }
    private static let jsonRowOpening = Array("\n    {".utf8)
    private static let jsonRowClosing = Array("\n    }".utf8)
}
