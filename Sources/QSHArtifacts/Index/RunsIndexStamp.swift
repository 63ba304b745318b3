import Foundation

/// `runsDir/.runs_index.stamp`: which three index files the last refresh wrote, by device,
/// inode, size, and modification and change times (nanoseconds), and how they are laid out.
/// When all three identities still match, no one has touched the files since (a rename puts a
/// new inode in place, an edit in place moves the change time, which no user can set back), so
/// their rows are exactly what the renderer printed: they can be copied instead of parsed and
/// printed again, and with the layout (where the rows are in each file, the last row's place in
/// the order, the folder of every row) a new run is appended without reading the files at all
/// (`RunsIndexAppend`).
///
/// It is a cache: a missing, stale or garbled stamp only means a slower path. It is therefore
/// written in place and without fsync, saving a flush, an inode and a rename per run.
struct RunsIndexStamp {
    static let fileName = ".runs_index.stamp"
    static let header = "qsh runs index stamp 2"

    /// Where the rows are and whose they are, in the files the stamp names.
    struct Layout: Equatable {
        /// Byte ranges holding every row, in each file (in JSON from the first row's line break
        /// to the last row's `}`).
        var csvRows: Range<Int>
        var jsonRows: Range<Int>
        var markdownRows: Range<Int>
        /// The last rows in index order (up to `tailLength`), where new rows of the same second
        /// usually go: a run id or config hash of the same `created_at` may sort before the last.
        var tail: [TailRow]
        /// The folder name of every row, in any order.
        var names: IndexedNames
    }

    /// A row near the end of the index: its place in the order and its bytes in each file (in
    /// JSON without the `,` before it).
    struct TailRow: Equatable {
        var order: RunOrder
        var csv: Range<Int>
        var json: Range<Int>
        var markdown: Range<Int>
    }

    static let tailLength = 64

    /// The three identity lines the stamp was written with.
    let identities: String
    /// Nil in a stamp whose layout lines do not read (the identities still vouch for the files).
    let layout: Layout?

    static func path(in runsDir: String) -> String { (runsDir as NSString).appendingPathComponent(fileName) }

    /// The identity of a file as `stat` sees it now, or nil when it cannot be seen.
    static func identity(of path: String) -> String? { FileIdentity(path: path)?.text }

    static func identity(_ info: stat) -> String { FileIdentity(info).text }

    /// The identity lines for the three files as they are now.
    static func currentIdentities(_ paths: RunsIndexPaths) -> String? {
        guard let csv = identity(of: paths.csv), let json = identity(of: paths.json),
            let markdown = identity(of: paths.markdown)
        else { return nil }
        return "csv \(csv)\njson \(json)\nmd \(markdown)\n"
    }

    /// The stamp in `runsDir` if it describes the three files exactly as they are now.
    static func matching(_ paths: RunsIndexPaths, runsDir: String) -> RunsIndexStamp? {
        guard let data = FileManager.default.contents(atPath: path(in: runsDir)), let now = currentIdentities(paths),
            let stamp = RunsIndexStamp([UInt8](data)), stamp.identities == now
        else { return nil }
        return stamp
    }

    /// Whether the stamp in `runsDir` describes the three files exactly as they are.
    static func matches(_ paths: RunsIndexPaths, runsDir: String) -> Bool { matching(paths, runsDir: runsDir) != nil }

    /// Records the three files just written and their layout; best effort (a failure leaves no
    /// stamp, or the old one, which no longer matches).
    static func record(_ paths: RunsIndexPaths, layout: Layout?, runsDir: String) {
        let target = path(in: runsDir)
        guard let identities = currentIdentities(paths) else {
            unlink(target)
            return
        }
        var text = Array((header + "\n" + identities).utf8)
        if let layout { append(layout, to: &text) }
        // Rewritten in place, not renamed: only refreshes read it, under the index lock, and a
        // stamp cut short by a crash does not read (its names and tail are counted). Saves a new
        // inode and a rename in a folder of thousands of entries on every run.
        let descriptor = open(target, O_WRONLY | O_CREAT | O_TRUNC | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { return }
        let failed = FileBytes.writeAll(text, to: descriptor) != 0
        if close(descriptor) != 0 || failed { unlink(target) }
    }

    // MARK: - Text

    /// After the identities: `rows N csv A B json A B md A B`, `tail K`, K lines of
    /// `<created_at> <run_id> <path> <csv A B json A B md A B>` (tab-separated, text escaped as
    /// names are), then one folder name per line.
    private static func append(_ layout: Layout, to text: inout [UInt8]) {
        IndexText.append("rows \(layout.names.count) " + rangesText([layout.csvRows, layout.jsonRows, layout.markdownRows]), to: &text)
        IndexText.append("\ntail \(layout.tail.count)\n", to: &text)
        for row in layout.tail {
            for field in [row.order.createdAt, row.order.runID, row.order.path] {
                appendEscaped(field, to: &text)
                text.append(UInt8(ascii: "\t"))
            }
            IndexText.append(rangesText([row.csv, row.json, row.markdown]) + "\n", to: &text)
        }
        text.append(contentsOf: layout.names.lines)
    }

    private static func rangesText(_ ranges: [Range<Int>]) -> String {
        zip(["csv", "json", "md"], ranges).map { "\($0) \($1.lowerBound) \($1.upperBound)" }.joined(separator: " ")
    }

    /// `csv A B json A B md A B`, read back.
    private static func ranges(_ text: Substring) -> [Range<Int>]? {
        let words = text.split(separator: " ")
        guard words.count == 9, words[0] == "csv", words[3] == "json", words[6] == "md" else { return nil }
        var ranges: [Range<Int>] = []
        for start in [1, 4, 7] {
            guard let lower = Int(words[start]), let upper = Int(words[start + 1]), 0 <= lower, lower <= upper else { return nil }
            ranges.append(lower..<upper)
        }
        return ranges
    }

    private static func appendEscaped(_ field: String, to text: inout [UInt8]) {
        var field = field
        field.withUTF8 { IndexedNames.escape($0, into: &text) }
    }

    /// Reads a stamp; nil when its header or identities do not read. Only the lines before the
    /// names are cut here; the names (one line per indexed run) stay bytes.
    init?(_ bytes: [UInt8]) {
        var lines: [ArraySlice<UInt8>] = []
        var start = 0
        var wanted = 6  // header, three identities, rows, tail; then the tail's rows
        while lines.count < wanted, start < bytes.count {
            guard let end = bytes[start...].firstIndex(of: UInt8(ascii: "\n")) else { return nil }  // a last line cut short
            lines.append(bytes[start..<end])
            start = end + 1
            if lines.count == 6, let count = Self.tailCount(lines[5]) { wanted += min(count, Self.tailLength) }
        }
        func line(_ index: Int, startsWith prefix: String) -> Bool { lines[index].starts(with: prefix.utf8) }
        guard lines.count >= 4, lines[0].elementsEqual(Self.header.utf8), line(1, startsWith: "csv "),
            line(2, startsWith: "json "), line(3, startsWith: "md ")
        else { return nil }
        identities = String(decoding: bytes[lines[1].startIndex..<(lines[3].endIndex + 1)], as: UTF8.self)
        layout = lines.count == wanted && wanted > 6 ? Self.layout(lines[4...], names: bytes[start...]) : nil
    }

    private static func tailCount(_ line: ArraySlice<UInt8>) -> Int? {
        let words = String(decoding: line, as: UTF8.self).split(separator: " ")
        guard words.count == 2, words[0] == "tail", let count = Int(words[1]), count > 0 else { return nil }
        return count
    }

    /// `lines`: the rows line, the tail line and the tail's rows.
    private static func layout(_ lines: ArraySlice<ArraySlice<UInt8>>, names: ArraySlice<UInt8>) -> Layout? {
        let counts = String(decoding: lines[lines.startIndex], as: UTF8.self)
        guard counts.hasPrefix("rows "), let space = counts.dropFirst(5).firstIndex(of: " "),
            let count = Int(counts[counts.index(counts.startIndex, offsetBy: 5)..<space]),
            let rows = ranges(counts[counts.index(after: space)...]),
            tailCount(lines[lines.startIndex + 1]) == min(count, tailLength)
        else { return nil }
        var tail: [TailRow] = []
        for line in lines.dropFirst(2) {
            let fields = line.split(separator: UInt8(ascii: "\t"), omittingEmptySubsequences: false)
            guard fields.count == 4, let createdAt = IndexedNames.unescaped(fields[0]),
                let runID = IndexedNames.unescaped(fields[1]), let path = IndexedNames.unescaped(fields[2]),
                let ranges = ranges(Substring(String(decoding: fields[3], as: UTF8.self)))
            else { return nil }
            tail.append(
                TailRow(
                    order: RunOrder(createdAt: createdAt, runID: runID, path: path), csv: ranges[0], json: ranges[1],
                    markdown: ranges[2]))
        }
        guard let names = IndexedNames(lines: names, count: count) else { return nil }
        return Layout(csvRows: rows[0], jsonRows: rows[1], markdownRows: rows[2], tail: tail, names: names)
    }
}
