import Foundation

/// Bringing the index up to date with the runs folder. The rows already in the index are kept
/// for the folders that still exist (a committed run folder never changes), only the folders
/// the index does not name are read, and the three files are rewritten, so that a run costs a
/// directory listing and its own folder instead of rereading every run. The bytes are those a
/// full rebuild writes for the same folders (every path ends in the same renderer).
extension RunsIndex {
    /// Where the rows kept from before came from.
    enum Basis: Equatable {
        /// Copied from the three files, which are as the last refresh wrote them (`RunsIndexStamp`).
        case copiedFiles
        /// Parsed from `runs_index.json` (written by an older qsh, or the files were touched).
        case parsedJSON
        /// None kept: every folder was read.
        case folders(because: String)
    }

    struct Update {
        let paths: RunsIndexPaths
        let rowCount: Int
        let basis: Basis
        /// The previous files were edited in place (nothing dropped, new rows sort last).
        let editedInPlace: Bool
        /// The previous files were read (false when the stamp's layout sufficed, `RunsIndexAppend`).
        var readPreviousFiles = true
        /// Names of the folders read for this update (the new ones, or all on a rebuild).
        let foldersRead: [String]
        /// What a full scan of those folders warns about.
        let warnings: [String]
    }

    struct Unusable: Error, CustomStringConvertible {
        let description: String
    }

    /// The rows kept from the previous index, in index order: each one's place in the order
    /// and its text, and the files copied rows point into.
    struct KeptRows {
        var orders: [RunOrder] = []
        var texts: [RowText] = []
        var files: PreviousFiles?
        /// The rows are all those of `files`, in their order (none dropped or moved).
        var areAllOfFiles = false

        init(files: PreviousFiles? = nil) {
            self.files = files
            areAllOfFiles = files != nil
        }

        init(_ rows: [RunsIndexRow]) {
            orders = rows.map(\.order)
            texts = rows.map { .values($0) }
        }

        mutating func keep(_ stays: [Bool]) {
            orders = zip(orders, stays).compactMap { $1 ? $0 : nil }
            texts = zip(texts, stays).compactMap { $1 ? $0 : nil }
            areAllOfFiles = false
        }
    }

    /// Called with the index lock held.
    static func update(runsDir: String, now: Date, rebuild: Bool) throws -> Update {
        let folders = RunFolders(runsDir)
        let paths = RunsIndexPaths(
            csv: (runsDir as NSString).appendingPathComponent("runs_index.csv"),
            json: (runsDir as NSString).appendingPathComponent("runs_index.json"),
            markdown: (runsDir as NSString).appendingPathComponent("runs_index.md"))
        if !rebuild, let stamp = RunsIndexStamp.matching(paths, runsDir: runsDir),
            let update = try RunsIndexAppend.update(stamp, folders: folders, paths: paths, now: now)
        {
            return update
        }
        let entries = folders.entries() ?? []
        var (kept, basis) = rebuild
            ? (KeptRows(), .folders(because: "a rebuild was asked for")) : previousRows(paths, folders: folders)
        var toRead: [RunFolders.Entry] = []
        if case .folders = basis {
            toRead = entries.filter { !$0.isPlainFile }
        } else {
            switch positions(of: &kept, folders: folders) {
            case .success(let positions):
                // A row stays while the listing still shows its folder (and not as a plain file).
                var stays = [Bool](repeating: false, count: kept.orders.count)
                for entry in entries where !entry.isPlainFile {
                    if let position = positions[entry.name] { stays[position] = true } else { toRead.append(entry) }
                }
                if stays.contains(false) { kept.keep(stays) }
            case .failure(let reason):
                (kept, basis) = (KeptRows(), .folders(because: reason.description))
                toRead = entries.filter { !$0.isPlainFile }
            }
        }
        toRead.sort { $0.name < $1.name }
        let (added, warnings) = rows(toRead, folders: folders)
        let rowCount = kept.texts.count + added.count
        var editedInPlace = false
        let written: PreviousFiles
        var texts: ArraySlice<RowText>  // the last rows written (at least the stamp's tail)
        if kept.areAllOfFiles, let first = kept.texts.first, let last = kept.texts.last,
            added.first.map({ kept.orders[kept.orders.count - 1] < $0.order }) ?? true,
            RunsIndexSplice.append(added, to: &kept.files!, first: first, last: last, count: rowCount, runsDir: runsDir, now: now)
        {
            // The usual run: nothing dropped, the new rows sort last; the files were edited in place.
            editedInPlace = true
            written = kept.files!
            texts = kept.texts.suffix(RunsIndexStamp.tailLength) + added.map { .values($0) }
        } else {
            let rows = merge(kept, added)
            texts = rows.suffix(RunsIndexStamp.tailLength)
            written = PreviousFiles(
                csv: RunsIndexRenderer.csv(rows, copyingFrom: kept.files),
                json: RunsIndexRenderer.json(rows, runsDir: runsDir, now: now, copyingFrom: kept.files),
                markdown: RunsIndexRenderer.markdown(rows, now: now, copyingFrom: kept.files))
        }
        // Not flushed: the index is derived from the run folders (which are), and a damaged one
        // is noticed and rebuilt by the next refresh; flushing 3.7 MB cost 3–4 ms a run at 5,000.
        try AtomicFile.write(written.csv, to: paths.csv, durable: false)
        try AtomicFile.write(written.json, to: paths.json, durable: false)
        try AtomicFile.write(written.markdown, to: paths.markdown, durable: false)
        let orders = (kept.orders + added.map(\.order)).sorted()
        let layout = layout(of: written, last: texts, orders: orders, previous: kept.files, folders: folders, now: now)
        RunsIndexStamp.record(paths, layout: layout, runsDir: runsDir)
        return Update(
            paths: paths, rowCount: rowCount, basis: basis, editedInPlace: editedInPlace, foldersRead: toRead.map(\.name),
            warnings: warnings)
    }

    /// The rows of the run folders among `entries` (read in the given order, so that warnings
    /// come in that order), in index order.
    static func rows(_ entries: [RunFolders.Entry], folders: RunFolders) -> (rows: [RunsIndexRow], warnings: [String]) {
        var warnings: [String] = []
        var rows: [RunsIndexRow] = []
        for entry in entries {
            if let record = folders.read(entry, warnings: &warnings) { rows.append(RunsIndexRow(record: record)) }
        }
        rows.sort { $0.order < $1.order }
        return (rows, warnings)
    }

    /// Where the rows are in files just written for rows of `orders` (in index order) ending
    /// with `last` (copied ranges point into `previous`), for the next refresh to append without
    /// reading them; nil for an empty index or a row whose path is not a folder of `folders`
    /// (then the next refresh reads the files). The tail's ranges are found from the end of each
    /// file, by the length of each row.
    static func layout(
        of files: PreviousFiles, last texts: ArraySlice<RowText>, orders: [RunOrder], previous: PreviousFiles?,
        folders: RunFolders, now: Date
    ) -> RunsIndexStamp.Layout? {
        guard !orders.isEmpty, texts.count >= min(orders.count, RunsIndexStamp.tailLength) else { return nil }
        let names = orders.compactMap { folders.name(ofPath: $0.path) }
        guard names.count == orders.count else { return nil }
        var jsonHead: [UInt8] = []
        RunsIndexRenderer.appendJSONHead(count: orders.count, runsDir: folders.runsDir, now: now, to: &jsonHead)
        let markdownStart = RunsIndexRenderer.markdownTitle(count: orders.count, now: now).utf8.count
            + RunsIndexRenderer.markdownHeader.count
        let jsonEnd = files.json.count - RunsIndexAppend.jsonTail.count
        guard jsonHead.count + 1 <= jsonEnd, markdownStart <= files.markdown.count else { return nil }

        var tail: [RunsIndexStamp.TailRow] = []
        var ends = (csv: files.csv.count, json: jsonEnd, markdown: files.markdown.count)
        var printed: (csv: [UInt8], json: [UInt8], markdown: [UInt8]) = ([], [], [])
        for (text, order) in zip(texts.suffix(RunsIndexStamp.tailLength).reversed(), orders.reversed()) {
            let lengths: (csv: Int, json: Int, markdown: Int)
            switch text {
            case .copied(let csv, let json, let markdown):
                guard previous != nil else { return nil }
                lengths = (csv.count, json.count, markdown.count)
            case .values(let row):
                printed = ([], [], [])
                RunsIndexRenderer.appendCSV(row, to: &printed.csv)
                RunsIndexRenderer.appendJSON(row, to: &printed.json)
                RunsIndexRenderer.appendMarkdown(row, to: &printed.markdown)
                lengths = (printed.csv.count, printed.json.count, printed.markdown.count)
            }
            tail.append(
                RunsIndexStamp.TailRow(
                    order: order, csv: (ends.csv - lengths.csv)..<ends.csv, json: (ends.json - lengths.json)..<ends.json,
                    markdown: (ends.markdown - lengths.markdown)..<ends.markdown))
            // In JSON a `,` comes before every row but the first.
            ends = (ends.csv - lengths.csv, ends.json - lengths.json - 1, ends.markdown - lengths.markdown)
        }
        return RunsIndexStamp.Layout(
            csvRows: RunsIndexRenderer.csvHeader.count..<files.csv.count, jsonRows: (jsonHead.count + 1)..<jsonEnd,
            markdownRows: markdownStart..<files.markdown.count, tail: tail.reversed(), names: IndexedNames(names))
    }

    /// The rows of the existing index, copied from its files when the stamp vouches for them,
    /// else parsed from `runs_index.json`; or why there are none to keep.
    static func previousRows(_ paths: RunsIndexPaths, folders: RunFolders) -> (KeptRows, Basis) {
        guard FileManager.default.fileExists(atPath: paths.json) else { return (KeptRows(), .folders(because: "no index yet")) }
        if RunsIndexStamp.matches(paths, runsDir: folders.runsDir),
            case .success(let copied) = RunsIndexSplice.rows(paths, folders: folders)
        {
            return (copied, .copiedFiles)
        }
        func none(_ why: String) -> (KeptRows, Basis) { (KeptRows(), .folders(because: why)) }
        guard let data = RunsIndexSplice.readBytes(paths.json) else { return none("runs_index.json is unreadable") }
        let contents: RunsIndexReader.Contents
        do {
            contents = try RunsIndexReader.read(data)
        } catch {
            return none("runs_index.json is not an index as qsh writes it (\(error))")
        }
        guard contents.rootDir == folders.runsDir else { return none("runs_index.json describes another folder (\(contents.rootDir))") }
        guard contents.count == Int64(contents.rows.count) else {
            return none("runs_index.json says n_runs \(contents.count) but holds \(contents.rows.count) rows")
        }
        return (KeptRows(contents.rows), .parsedJSON)
    }

    /// Where each folder's row is, once the rows are in index order; or why the rows cannot
    /// stand for this folder's runs.
    static func positions(of rows: inout KeptRows, folders: RunFolders) -> Result<[String: Int], Unusable> {
        if zip(rows.orders, rows.orders.dropFirst()).contains(where: { !($0 < $1) }) {
            // Out of order (or a row twice): not as qsh writes it, but the rows may still be right.
            let order = rows.orders.indices.sorted { rows.orders[$0] < rows.orders[$1] }
            rows.orders = order.map { rows.orders[$0] }
            rows.texts = order.map { rows.texts[$0] }
            rows.areAllOfFiles = false
        }
        var positions: [String: Int] = [:]
        positions.reserveCapacity(rows.orders.count)
        for (position, order) in rows.orders.enumerated() {
            guard let name = folders.name(ofPath: order.path) else {
                return .failure(Unusable(description: "runs_index.json lists a path outside the folder (\(order.path))"))
            }
            guard positions.updateValue(position, forKey: name) == nil else {
                return .failure(Unusable(description: "runs_index.json lists \(name) twice"))
            }
        }
        return .success(positions)
    }

    /// The kept rows and a few new ones (in index order), as one list in index order.
    static func merge(_ kept: KeptRows, _ added: [RunsIndexRow]) -> [RowText] {
        SortedMerge.merge(kept.texts, added, isKeptBefore: { kept.orders[$0] < $1.order }, element: { .values($0) })
    }
}
