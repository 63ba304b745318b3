import Foundation

/// The rows of the three index files the previous refresh wrote (their stamp matches), cut
/// into each row's bytes in each file, so that a refresh copies the rows it keeps instead of
/// printing them again. A dedicated path, measured necessary: parsing the 5,000 rows back and
/// printing them took 25–30 ms of CPU and another 25 ms of page faults in a fresh process,
/// three times what the rest of a `qsh run` costs; copying them takes about 3 ms.
///
/// The cuts are checked (every file holds `n_runs` rows, each CSV row ends with its path) and
/// anything unexpected sends the refresh to the slower path, never to a wrong index.
enum RunsIndexSplice {
    static func rows(_ paths: RunsIndexPaths, folders: RunFolders) -> Result<RunsIndex.KeptRows, RunsIndex.Unusable> {
        func unusable(_ why: String) -> Result<RunsIndex.KeptRows, RunsIndex.Unusable> {
            .failure(RunsIndex.Unusable(description: why))
        }
        guard let json = readBytes(paths.json), let csv = readBytes(paths.csv), let markdown = readBytes(paths.markdown) else {
            return unusable("an index file is unreadable")
        }
        let outline: (rootDir: String, count: Int64, rows: [RunsIndexReader.OutlineRow])
        do {
            outline = try RunsIndexReader.outline(json)
        } catch {
            return unusable("runs_index.json does not read as written (\(error))")
        }
        guard outline.rootDir == folders.runsDir else { return unusable("runs_index.json describes another folder") }
        guard outline.count == Int64(outline.rows.count),
            let csvRows = csvRows(csv), csvRows.count == outline.rows.count,
            let markdownRows = markdownRows(markdown), markdownRows.count == outline.rows.count
        else { return unusable("the index files disagree on the number of rows") }
        var kept = RunsIndex.KeptRows(files: PreviousFiles(csv: csv, json: json, markdown: markdown))
        kept.orders.reserveCapacity(outline.rows.count)
        kept.texts.reserveCapacity(outline.rows.count)
        var pathField: [UInt8] = []
        for (position, row) in outline.rows.enumerated() {
            let csvRow = csvRows[position]
            pathField.removeAll(keepingCapacity: true)
            IndexText.appendCSVText(row.order.path, to: &pathField)
            pathField.append(UInt8(ascii: "\n"))
            let lined = csvRow.count > pathField.count && csv.withUnsafeBufferPointer { csv in
                memcmp(csv.baseAddress! + csvRow.upperBound - pathField.count, pathField, pathField.count) == 0
            }
            guard lined else { return unusable("runs_index.csv does not line up with runs_index.json") }
            kept.orders.append(row.order)
            kept.texts.append(.copied(csv: csvRow, json: row.bytes, markdown: markdownRows[position]))
        }
        return .success(kept)
    }

    /// The files for the kept rows followed by `added` (rows that all sort after them), made by
    /// editing the previous files in place: headers rewritten, new rows appended. The same
    /// bytes as `RunsIndexRenderer` prints for kept + added, without copying the kept rows into
    /// new buffers: measured, that copy and its page faults cost 3–4 ms of a run at 5,000 runs.
    /// (Were `files` not the only reference to its arrays, they would be copied: slower, still
    /// right.) `first` and `last` are the first and last kept rows; false when they are not copied.
    static func append(
        _ added: [RunsIndexRow], to files: inout PreviousFiles, first: RowText, last: RowText, count: Int,
        runsDir: String, now: Date
    ) -> Bool {
        guard case .copied(_, let firstJSON, let firstMarkdown) = first, case .copied(_, let lastJSON, _) = last else {
            return false
        }
        for row in added { RunsIndexRenderer.appendCSV(row, to: &files.csv) }

        var head: [UInt8] = []
        RunsIndexRenderer.appendJSONHead(count: count, runsDir: runsDir, now: now, to: &head)
        head.append(UInt8(ascii: "["))
        var tail: [UInt8] = []
        for row in added {
            tail.append(UInt8(ascii: ","))
            RunsIndexRenderer.appendJSON(row, to: &tail)
        }
        IndexText.append("\n  ]\n}\n", to: &tail)
        // The tail first, so that the head's change of length does not move the row ranges.
        files.json.replaceSubrange(lastJSON.upperBound..<files.json.count, with: tail)
        files.json.replaceSubrange(0..<firstJSON.lowerBound, with: head)

        for row in added { RunsIndexRenderer.appendMarkdown(row, to: &files.markdown) }
        let title = Array(RunsIndexRenderer.markdownTitle(count: count, now: now).utf8) + RunsIndexRenderer.markdownHeader
        files.markdown.replaceSubrange(0..<firstMarkdown.lowerBound, with: title)
        return true
    }

    /// The row lines of `runs_index.csv` after its header. A quoted field may hold a line break,
    /// so a line ends at a `\n` outside quotes (an even number of `"` before it).
    static func csvRows(_ csv: [UInt8]) -> [Range<Int>]? {
        let header = RunsIndexRenderer.csvHeader
        guard csv.starts(with: header), csv.last == UInt8(ascii: "\n") else { return nil }
        var rows: [Range<Int>] = []
        var start = header.count
        var cursor = start
        var quotes = 0
        while cursor < csv.count {
            guard let next = firstOf(UInt8(ascii: "\n"), or: UInt8(ascii: "\""), in: csv, from: cursor) else { return nil }
            if csv[next] == UInt8(ascii: "\"") {
                quotes += 1
            } else if quotes % 2 == 0 {
                rows.append(start..<next + 1)
                start = next + 1
                quotes = 0
            }
            cursor = next + 1
        }
        return rows
    }

    /// The row lines of `runs_index.md` after its title and table header (line breaks in
    /// cells are printed as spaces, so every row is one line).
    static func markdownRows(_ markdown: [UInt8]) -> [Range<Int>]? {
        let title = Array("# Runs\n\n".utf8)
        guard markdown.starts(with: title), markdown.last == UInt8(ascii: "\n"),
            let countLineEnd = markdown[title.count...].firstIndex(of: UInt8(ascii: "\n")),
            markdown[(countLineEnd + 1)...].starts(with: [UInt8(ascii: "\n")] + RunsIndexRenderer.markdownHeader)
        else { return nil }
        var rows: [Range<Int>] = []
        var start = countLineEnd + 2 + RunsIndexRenderer.markdownHeader.count
        while start < markdown.count {
            guard let end = firstOf(UInt8(ascii: "\n"), or: UInt8(ascii: "\n"), in: markdown, from: start) else { return nil }
            rows.append(start..<end + 1)
            start = end + 1
        }
        return rows
    }

    /// The first position at or after `from` holding `a` or `b` (`memchr` for the usual case
    /// of a line without quotes, which is most of the bytes).
    private static func firstOf(_ a: UInt8, or b: UInt8, in bytes: [UInt8], from: Int) -> Int? {
        bytes.withUnsafeBufferPointer { buffer -> Int? in
            let base = buffer.baseAddress!
            guard let lineEnd = memchr(base + from, Int32(a), buffer.count - from).map({ UnsafeRawPointer($0) - UnsafeRawPointer(base) })
            else { return nil }
            guard a != b, let other = memchr(base + from, Int32(b), lineEnd - from) else { return lineEnd }
            return UnsafeRawPointer(other) - UnsafeRawPointer(base)
        }
    }

    /// A whole file read straight into an array (through `Data` it would be copied twice, and
    /// zero-filled first: measured 1 ms for the 4 MB of index files at 5,000 runs).
    static func readBytes(_ path: String) -> [UInt8]? {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { return nil }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else { return nil }
        var complete = true
        // Room to append a few rows in place (see `appending`).
        let size = Int(info.st_size)
        let bytes = [UInt8](unsafeUninitializedCapacity: size + 65_536) { buffer, count in
            while count < size {
                let got = read(descriptor, buffer.baseAddress! + count, size - count)
                if got < 0 && errno == EINTR { continue }
                guard got > 0 else {  // an error, or the file shrank meanwhile
                    complete = false
                    return
                }
                count += got
            }
        }
        return complete ? bytes : nil
    }
}
