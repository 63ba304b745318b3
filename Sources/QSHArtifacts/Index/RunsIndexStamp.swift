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
/// written without fsync (rename still makes it appear whole), saving a flush per run.
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
        /// The last row in index order (new rows after it are appended).
        var last: RunOrder
        /// The folder name of every row, in any order.
        var names: IndexedNames
    }

    /// The three identity lines the stamp was written with.
    let identities: String
    /// Nil in a stamp whose layout lines do not read (the identities still vouch for the files).
    let layout: Layout?

    static func path(in runsDir: String) -> String { (runsDir as NSString).appendingPathComponent(fileName) }

    /// The identity of a file as `stat` sees it now, or nil when it cannot be seen.
    static func identity(of path: String) -> String? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        return identity(info)
    }

    static func identity(_ info: stat) -> String {
        #if canImport(Darwin)
            let (modified, changed) = (info.st_mtimespec, info.st_ctimespec)
        #else
            let (modified, changed) = (info.st_mtim, info.st_ctim)
        #endif
        return "\(info.st_dev) \(info.st_ino) \(info.st_size) \(modified.tv_sec).\(modified.tv_nsec)"
            + " \(changed.tv_sec).\(changed.tv_nsec)"
    }

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
        let temporary = target + ".tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { return }
        let failed = FileBytes.writeAll(text, to: descriptor) != 0
        if close(descriptor) != 0 || failed || rename(temporary, target) != 0 {
            unlink(temporary)
            unlink(target)
        }
    }

    // MARK: - Text

    /// After the identities: `rows N csv A B json A B md A B`, the last row's order
    /// (`last <created_at> <run_id> <path>`, tab-separated), then one folder name per line.
    /// Text fields are escaped (`\\`, `\n`, `\t`) so that any name stays on its line.
    private static func append(_ layout: Layout, to text: inout [UInt8]) {
        let ranges = [layout.csvRows, layout.jsonRows, layout.markdownRows]
        let numbers = zip(["csv", "json", "md"], ranges).map { "\($0) \($1.lowerBound) \($1.upperBound)" }
        IndexText.append("rows \(layout.names.count) " + numbers.joined(separator: " ") + "\nlast", to: &text)
        for field in [layout.last.createdAt, layout.last.runID, layout.last.path] {
            text.append(UInt8(ascii: "\t"))
            appendEscaped(field, to: &text)
        }
        text.append(UInt8(ascii: "\n"))
        text.append(contentsOf: layout.names.lines)
    }

    private static func appendEscaped(_ field: String, to text: inout [UInt8]) {
        var field = field
        field.withUTF8 { IndexedNames.escape($0, into: &text) }
    }

    /// Reads a stamp; nil when its header or identities do not read. Only the first six lines
    /// are cut here; the names (one line per indexed run) stay bytes.
    init?(_ bytes: [UInt8]) {
        var lines: [ArraySlice<UInt8>] = []
        var start = 0
        while lines.count < 6, start < bytes.count {
            guard let end = bytes[start...].firstIndex(of: UInt8(ascii: "\n")) else { return nil }  // a last line cut short
            lines.append(bytes[start..<end])
            start = end + 1
        }
        func line(_ index: Int, startsWith prefix: String) -> Bool { lines[index].starts(with: prefix.utf8) }
        guard lines.count >= 4, lines[0].elementsEqual(Self.header.utf8), line(1, startsWith: "csv "),
            line(2, startsWith: "json "), line(3, startsWith: "md ")
        else { return nil }
        identities = String(decoding: bytes[lines[1].startIndex..<(lines[3].endIndex + 1)], as: UTF8.self)
        layout = lines.count == 6 ? Self.layout(counts: lines[4], last: lines[5], names: bytes[start...]) : nil
    }

    private static func layout(counts line: ArraySlice<UInt8>, last: ArraySlice<UInt8>, names: ArraySlice<UInt8>) -> Layout? {
        let counts = String(decoding: line, as: UTF8.self).split(separator: " ")
        guard counts.count == 11, counts[0] == "rows", counts[2] == "csv", counts[5] == "json", counts[8] == "md" else {
            return nil
        }
        let numbers = [1, 3, 4, 6, 7, 9, 10].compactMap { Int(counts[$0]) }
        guard numbers.count == 7 else { return nil }
        var ranges: [Range<Int>] = []
        for pair in stride(from: 1, to: 7, by: 2) {
            guard numbers[pair] >= 0, numbers[pair] <= numbers[pair + 1] else { return nil }
            ranges.append(numbers[pair]..<numbers[pair + 1])
        }
        let last = last.split(separator: UInt8(ascii: "\t"), omittingEmptySubsequences: false)
        guard last.count == 4, last[0].elementsEqual("last".utf8), let createdAt = IndexedNames.unescaped(last[1]),
            let runID = IndexedNames.unescaped(last[2]), let path = IndexedNames.unescaped(last[3]),
            let names = IndexedNames(lines: names, count: numbers[0])
        else { return nil }
        return Layout(
            csvRows: ranges[0], jsonRows: ranges[1], markdownRows: ranges[2],
            last: RunOrder(createdAt: createdAt, runID: runID, path: path), names: names)
    }
}
