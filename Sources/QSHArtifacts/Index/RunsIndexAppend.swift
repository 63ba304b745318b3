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
        if let first = added.first, !(layout.last < first.order) { return nil }  // goes in the middle
        var names = layout.names
        for row in added {
            guard let name = folders.name(ofPath: row.order.path) else { return nil }
            names.append(name)
        }

        guard let old = OpenIndexFiles(paths), old.identities == stamp.identities,
            old.sizes.csv == layout.csvRows.upperBound, old.sizes.markdown == layout.markdownRows.upperBound,
            old.sizes.json == layout.jsonRows.upperBound + jsonTail.count
        else { return nil }
        defer { old.close() }

        let count = names.count
        var csvRows: [UInt8] = [], jsonRows: [UInt8] = [], markdownRows: [UInt8] = []
        for row in added {
            RunsIndexRenderer.appendCSV(row, to: &csvRows)
            jsonRows.append(UInt8(ascii: ","))
            RunsIndexRenderer.appendJSON(row, to: &jsonRows)
            RunsIndexRenderer.appendMarkdown(row, to: &markdownRows)
        }
        var jsonHead: [UInt8] = []
        RunsIndexRenderer.appendJSONHead(count: count, runsDir: folders.runsDir, now: now, to: &jsonHead)
        jsonHead.append(UInt8(ascii: "["))
        let markdownHead = Array(RunsIndexRenderer.markdownTitle(count: count, now: now).utf8) + RunsIndexRenderer.markdownHeader

        // The CSV header never changes: the old file up to its last row is the new one's start.
        try write(paths.csv, [], old.csv, 0..<layout.csvRows.upperBound, csvRows)
        try write(paths.json, jsonHead, old.json, layout.jsonRows, jsonRows + jsonTail)
        try write(paths.markdown, markdownHead, old.markdown, layout.markdownRows, markdownRows)

        let jsonStart = jsonHead.count
        let markdownStart = markdownHead.count
        let newLayout = RunsIndexStamp.Layout(
            csvRows: layout.csvRows.lowerBound..<(layout.csvRows.upperBound + csvRows.count),
            jsonRows: jsonStart..<(jsonStart + layout.jsonRows.count + jsonRows.count),
            markdownRows: markdownStart..<(markdownStart + layout.markdownRows.count + markdownRows.count),
            last: added.last?.order ?? layout.last, names: names)
        RunsIndexStamp.record(paths, layout: newLayout, runsDir: folders.runsDir)
        return RunsIndex.Update(
            paths: paths, rowCount: count, basis: .copiedFiles, editedInPlace: true, readPreviousFiles: false,
            foldersRead: toRead.map(\.name), warnings: warnings)
    }

    /// `head`, then `range` of the file open at `source`, then `tail`, atomically at `path`.
    private static func write(_ path: String, _ head: [UInt8], _ source: Int32, _ range: Range<Int>, _ tail: [UInt8]) throws {
        try AtomicFile.write(to: path) { descriptor in
            var failure = FileBytes.writeAll(head, to: descriptor)
            if failure == 0 { failure = FileBytes.copy(from: source, range: range, to: descriptor) }
            if failure == 0 { failure = FileBytes.writeAll(tail, to: descriptor) }
            return failure
        }
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
