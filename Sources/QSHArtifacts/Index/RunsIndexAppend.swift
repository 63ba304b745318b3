import Foundation

/// The refresh after a run, in the usual case: the stamp vouches for the three files and knows
/// their layout, every folder it lists is still there, and the new runs sort after its last
/// row. Each file is then rewritten as its new head, its old rows copied file to file in the
/// kernel, the new rows and its tail, without reading the old files into memory. A dedicated
/// path, measured necessary: at 5,000 runs, reading the 3.7 MB of index files, cutting them
/// into rows and writing them back cost 20 ms a run (two thirds of a whole `qsh run`); this
/// costs the directory listing, the stamp and the copy.
///
/// Anything unexpected (a folder gone, a run that sorts earlier, a file whose size disagrees
/// with the layout) returns nil before anything is written, and the general path runs.
enum RunsIndexAppend {
    static let jsonTail = Array("\n  ]\n}\n".utf8)

    static func update(_ stamp: RunsIndexStamp, folders: RunFolders, paths: RunsIndexPaths, now: Date) throws -> RunsIndex.Update? {
        guard let layout = stamp.layout, layout.names.count > 0, let indexed = layout.names.lookup() else { return nil }
        // The listing is checked as bytes: only the new entries become Strings.
        var present = 0
        var toRead: [RunFolders.Entry] = []
        var escaped: [UInt8] = []
        let listed = DirectoryListing.forEach(in: folders.runsDir) { name, type in
            guard name.first != UInt8(ascii: "."), type != Int32(DT_REG) else { return }
            let known: Bool
            if name.contains(where: IndexedNames.needsEscaping) {
                escaped.removeAll(keepingCapacity: true)
                IndexedNames.escape(name, into: &escaped)
                known = escaped.withUnsafeBufferPointer { indexed.contains($0) }
            } else {
                known = indexed.contains(name)
            }
            if known {
                present += 1
            } else {
                toRead.append(RunFolders.Entry(name: String(decoding: name, as: UTF8.self), type: type))
            }
        }
        guard listed, present == layout.names.count else { return nil }  // a folder is gone: rows to drop
        toRead.sort { $0.name < $1.name }
        let (added, warnings) = RunsIndex.rows(toRead, folders: folders)
        var names = layout.names
        for row in added {
            guard let name = folders.name(ofPath: row.order.path) else { return nil }
            names.append(name)
        }
        // New rows go among the tail rows or after them (the tail is the whole index when short).
        let tailIsAll = layout.tail.count == layout.names.count
        if let first = added.first, !tailIsAll, !(layout.tail[0].order < first.order) { return nil }
        guard let old = OpenIndexFiles(paths), old.identities == stamp.identities,
            layout.csvRows.lowerBound == RunsIndexRenderer.csvHeader.count, old.sizes.csv == layout.csvRows.upperBound, old.sizes.markdown == layout.markdownRows.upperBound,
            old.sizes.json == layout.jsonRows.upperBound + jsonTail.count,
            let lastTail = layout.tail.last, lastTail.csv.upperBound == layout.csvRows.upperBound,
            lastTail.json.upperBound == layout.jsonRows.upperBound,
            lastTail.markdown.upperBound == layout.markdownRows.upperBound
        else { return nil }
        defer { old.close() }

        // The tail rows and the new ones, in index order.
        var window: [WindowRow] = []
        var next = 0
        for row in layout.tail {
            while next < added.count, added[next].order < row.order {
                window.append(.new(added[next]))
                next += 1
            }
            window.append(.old(row))
        }
        window += added[next...].map { .new($0) }

        let count = names.count
        var jsonHead: [UInt8] = []
        RunsIndexRenderer.appendJSONHead(count: count, runsDir: folders.runsDir, now: now, to: &jsonHead)
        jsonHead.append(UInt8(ascii: "["))
        let markdownHead = Array(RunsIndexRenderer.markdownTitle(count: count, now: now).utf8) + RunsIndexRenderer.markdownHeader
        let first = layout.tail[0]
        let csv = try write(
            paths.csv, head: RunsIndexRenderer.csvHeader, old.csv, before: layout.csvRows.lowerBound..<first.csv.lowerBound,
            window, \.csv, separator: nil, tail: []) { RunsIndexRenderer.appendCSV($0, to: &$1) }
        // In JSON the rows before the tail end with the `,` before its first row.
        let json = try write(
            paths.json, head: jsonHead, old.json,
            before: layout.jsonRows.lowerBound..<(tailIsAll ? layout.jsonRows.lowerBound : first.json.lowerBound - 1),
            window, \.json, separator: UInt8(ascii: ","), tail: jsonTail) { RunsIndexRenderer.appendJSON($0, to: &$1) }
        let markdown = try write(
            paths.markdown, head: markdownHead, old.markdown,
            before: layout.markdownRows.lowerBound..<first.markdown.lowerBound, window, \.markdown, separator: nil, tail: []
        ) { RunsIndexRenderer.appendMarkdown($0, to: &$1) }

        let tail = zip(window, zip(csv.windowRanges, zip(json.windowRanges, markdown.windowRanges))).map { row, ranges in
            RunsIndexStamp.TailRow(order: row.order, csv: ranges.0, json: ranges.1.0, markdown: ranges.1.1)
        }.suffix(RunsIndexStamp.tailLength)
        let newLayout = RunsIndexStamp.Layout(
            csvRows: csv.rows, jsonRows: json.rows, markdownRows: markdown.rows, tail: Array(tail), names: names)
        RunsIndexStamp.record(paths, layout: newLayout, runsDir: folders.runsDir)
        return RunsIndex.Update(
            paths: paths, rowCount: count, basis: .copiedFiles, editedInPlace: true, readPreviousFiles: false,
            foldersRead: toRead.map(\.name), warnings: warnings)
    }

    enum WindowRow {
        case old(RunsIndexStamp.TailRow)
        case new(RunsIndexRow)

        var order: RunOrder {
            switch self {
            case .old(let row): row.order
            case .new(let row): row.order
            }
        }
    }

    /// Where a written file's rows ended up.
    struct Written {
        var rows: Range<Int>
        var windowRanges: [Range<Int>]
    }

    /// Atomically (not flushed, as in `RunsIndex.update`) at `path`: `head`, the rows `before` the window copied from `source`, each row
    /// of the window (old ones copied, new ones printed by `render`; `separator` between rows),
    /// then `tail`.
    private static func write(
        _ path: String, head: [UInt8], _ source: Int32, before: Range<Int>, _ window: [WindowRow],
        _ range: KeyPath<RunsIndexStamp.TailRow, Range<Int>>, separator: UInt8?, tail: [UInt8],
        render: (RunsIndexRow, inout [UInt8]) -> Void
    ) throws -> Written {
        var written = Written(rows: head.count..<head.count, windowRanges: [])
        try AtomicFile.write(to: path, durable: false) { descriptor in
            var failure = FileBytes.writeAll(head, to: descriptor)
            // Old bytes still to copy: adjacent old rows (and the rows before the window) are
            // copied in one call, since in the old file they already stand as they must here
            // (in JSON with their `,` between them). The usual run is one copy and one row.
            var pending = before
            func flush() {
                if failure == 0, !pending.isEmpty { failure = FileBytes.copy(from: source, range: pending, to: descriptor) }
                pending = pending.upperBound..<pending.upperBound
            }
            var position = head.count + before.count
            var printed: [UInt8] = []
            for row in window where failure == 0 {
                let gap = separator != nil && position > head.count ? 1 : 0
                switch row {
                case .old(let old):
                    let range = old[keyPath: range]
                    if pending.isEmpty || range.lowerBound != pending.upperBound + gap {
                        flush()
                        if gap == 1, failure == 0 { failure = FileBytes.writeAll([separator!], to: descriptor) }
                        pending = range
                    } else {
                        pending = pending.lowerBound..<range.upperBound
                    }
                    written.windowRanges.append((position + gap)..<(position + gap + range.count))
                    position += gap + range.count
                case .new(let new):
                    flush()
                    printed.removeAll(keepingCapacity: true)
                    if gap == 1 { printed.append(separator!) }
                    render(new, &printed)
                    if failure == 0 { failure = FileBytes.writeAll(printed, to: descriptor) }
                    written.windowRanges.append((position + gap)..<(position + printed.count))
                    position += printed.count
                }
            }
            flush()
            if failure == 0 { failure = FileBytes.writeAll(tail, to: descriptor) }
            written.rows = head.count..<position
            return failure
        }
        return written
    }
    /// The three index files open for reading, with their identities as the stamp spells them.
    private struct OpenIndexFiles {
        let csv: Int32, json: Int32, markdown: Int32
        let identities: String
        let sizes: (csv: Int, json: Int, markdown: Int)

        init?(_ paths: RunsIndexPaths) {
            var descriptors: [Int32] = []
            var infos: [stat] = []
            for path in [paths.csv, paths.json, paths.markdown] {
                let descriptor = open(path, O_RDONLY | O_CLOEXEC)
                var info = stat()
                guard descriptor >= 0, fstat(descriptor, &info) == 0, (info.st_mode & S_IFMT) == S_IFREG else {
                    if descriptor >= 0 { Foundation.close(descriptor) }
                    descriptors.forEach { _ = Foundation.close($0) }
                    return nil
                }
                descriptors.append(descriptor)
                infos.append(info)
            }
            (csv, json, markdown) = (descriptors[0], descriptors[1], descriptors[2])
            identities = zip(["csv", "json", "md"], infos).map { "\($0) \(RunsIndexStamp.identity($1))\n" }.joined()
            sizes = (Int(infos[0].st_size), Int(infos[1].st_size), Int(infos[2].st_size))
        }

        func close() {
            for descriptor in [csv, json, markdown] { _ = Foundation.close(descriptor) }
        }
    }
}
