import Foundation
import QSHCore

/// Bringing `paper_sessions_index.{csv,json}` up to date with the session folders. Unlike a
/// committed run folder, a session folder changes (a running session beats, then finishes), so
/// each update checks every folder's identity (`PaperSessionIdentity`: three `fstatat`) against
/// the stamp (`PaperSessionsIndexStamp`), copies the rows of unchanged folders from the previous
/// files file to file (`SplicedFile`), and reads only the folders that changed or are new; rows
/// of folders gone are dropped. The files are the bytes a full rebuild writes for the same folders (every path ends
/// in `PaperSessionsIndexRenderer`), `generated_at` aside.
extension PaperSessionsIndex {
    /// Where the rows kept from before came from.
    enum Basis: Equatable {
        /// Copied from the previous files, which the stamp vouches for.
        case stamp
        /// None kept: every folder was read.
        case folders(because: String)
    }

    struct Update {
        let written: Written
        let basis: Basis
        /// Names of the folders read (the changed and new ones, or all on a rebuild), in name order.
        let foldersRead: [String]
    }

    /// One row of the new index and where its bytes come from.
    private struct Row {
        let name: String
        /// As the stamp records it (`PaperSessionIdentity.recorded`).
        let identity: UInt64
        let sessionID: String
        let path: String
        let unreadableReason: String?
        /// Copied from the previous files, or printed now.
        let text: Text

        enum Text {
            case copied(csv: Range<Int>, json: Range<Int>)
            case printed(csv: [UInt8], json: [UInt8])
        }

        static func inOrder(_ a: Row, _ b: Row) -> Bool { (a.sessionID, a.path) < (b.sessionID, b.path) }
    }

    /// The previous files (open, to copy rows from) and the stamp that vouches for them.
    private struct Previous {
        let stamp: PaperSessionsIndexStamp
        let csv: Int32
        let json: Int32
        /// Each folder's row in `stamp.rows`.
        let positions: [String: Int]

        func close() {
            _ = Foundation.close(csv)
            _ = Foundation.close(json)
        }
    }

    /// Brings the index of `root` (an existing sessions folder) up to date; `reread` names a
    /// folder read again whatever its identity (the session that just finished). Called with
    /// the index lock held.
    static func update(root: String, now: Date, rebuild: Bool, reread: String? = nil) throws -> Update {
        guard let entries = DirectoryListing.entries(of: root, keeping: { $0.first != UInt8(ascii: ".") }) else {
            throw InvalidInputError("cannot list the paper sessions folder '\(root)'")
        }
        let paths = (csv: path(root, csvName), json: path(root, jsonName))
        var previous: Previous?
        var basis = Basis.folders(because: "a rebuild was asked for")
        if !rebuild {
            switch previousFiles(root: root, csvPath: paths.csv, jsonPath: paths.json) {
            case .success(let files): (previous, basis) = (files, .stamp)
            case .failure(let reason): basis = .folders(because: reason.description)
            }
        }
        defer { previous?.close() }
        let positions = previous?.positions ?? [:]
        let folders = RunFolders(root)
        let folder = open(root, O_RDONLY | O_DIRECTORY | O_CLOEXEC)
        guard folder >= 0 else { throw InvalidInputError("cannot open the paper sessions folder '\(root)': \(FileBytes.reason(errno))") }
        defer { close(folder) }

        let clock = PaperSessionIdentity.clock()
        var stays = [Bool](repeating: false, count: previous?.stamp.rows.count ?? 0)
        var added: [Row] = []
        var foldersRead: [String] = []
        for entry in entries.sorted(by: { $0.name < $1.name }) where !entry.isPlainFile {
            // The identity before the read: a change made meanwhile shows at the next update.
            guard let identity = PaperSessionIdentity(of: entry.name, in: folder) else { continue }
            if entry.name != reread, let position = positions[entry.name], previous!.stamp.rows[position].identity == identity.hash {
                stays[position] = true
                continue
            }
            foldersRead.append(entry.name)
            let sessionPath = folders.path(of: entry.name)
            guard let record = PaperSessionFolders.read(sessionPath) else { continue }
            let values = row(record)
            added.append(
                Row(
                    name: entry.name, identity: identity.recorded(takenAt: clock), sessionID: record.sessionID, path: sessionPath,
                    unreadableReason: record.unreadableReason,
                    text: .printed(csv: PaperSessionsIndexRenderer.csvRow(values), json: PaperSessionsIndexRenderer.jsonRow(values))))
        }
        added.sort(by: Row.inOrder)
        var kept: [Row] = []
        if let previous {
            for (row, stay) in zip(previous.stamp.rows, stays) where stay {
                kept.append(
                    Row(
                        name: row.name, identity: row.identity, sessionID: row.sessionID, path: folders.path(of: row.name),
                        unreadableReason: row.unreadableReason, text: .copied(csv: row.csv, json: row.json)))
            }
        }
        let rows = merge(kept, added)
        let stampRows = try write(rows, root: root, paths: paths, previous: previous, now: now)
        record(root: root, paths: paths, rows: stampRows)
        let warnings = rows.compactMap { row in row.unreadableReason.map { "cannot read paper session \(row.path): \($0)" } }
        let written = Written(csv: paths.csv, json: paths.json, sessions: rows.count, warnings: warnings)
        return Update(written: written, basis: basis, foldersRead: foldersRead)
    }

    /// `root/name`, as a full scan spells it (`RunFolders.path(of:)`: one concatenation).
    private static func path(_ root: String, _ name: String) -> String { RunFolders(root).path(of: name) }

    /// Both files, each written atomically, kept rows copied from the previous files; the
    /// stamp's rows for them.
    private static func write(
        _ rows: [Row], root: String, paths: (csv: String, json: String), previous: Previous?, now: Date
    ) throws -> [PaperSessionsIndexStamp.Row] {
        let (head, isWhole) = PaperSessionsIndexRenderer.jsonHead(root: root, count: rows.count, now: now)
        var csv = SplicedFile()
        var json = SplicedFile()
        csv.append(PaperSessionsIndexRenderer.csvHeader)
        json.append(head)
        var stampRows: [PaperSessionsIndexStamp.Row] = []
        stampRows.reserveCapacity(rows.count)
        let firstLead = PaperSessionsIndexRenderer.rowLead, lead = [UInt8(ascii: ",")] + PaperSessionsIndexRenderer.rowLead
        for (position, row) in rows.enumerated() {
            let csvStart = csv.count, jsonStart = json.count + (position > 0 ? lead : firstLead).count
            switch row.text {
            case .copied(let csvRange, let jsonRange):
                csv.append(copying: csvRange)
                // Between two rows of the old file is the same `lead` (`lineUp` checked).
                json.append(copying: jsonRange, after: position > 0 ? lead : firstLead, leadIsThere: position > 0)
            case .printed(let csvBytes, let jsonBytes):
                csv.append(csvBytes)
                json.append(position > 0 ? lead : firstLead)
                json.append(jsonBytes)
            }
            stampRows.append(
                PaperSessionsIndexStamp.Row(
                    name: row.name, identity: row.identity, sessionID: row.sessionID, csv: csvStart..<csv.count,
                    json: jsonStart..<json.count, unreadableReason: row.unreadableReason))
        }
        if !isWhole { json.append(PaperSessionsIndexRenderer.jsonTail) }
        try csv.write(to: paths.csv, old: previous?.csv)
        try json.write(to: paths.json, old: previous?.json)
        return stampRows
    }

    /// Records the files just written; best effort (without a stamp the next update rebuilds).
    private static func record(root: String, paths: (csv: String, json: String), rows: [PaperSessionsIndexStamp.Row]) {
        let target = PaperSessionsIndexStamp.path(in: root)
        guard let csv = FileIdentity(path: paths.csv), let json = FileIdentity(path: paths.json) else {
            unlink(target)
            return
        }
        let stamp = PaperSessionsIndexStamp(root: root, csvIdentity: csv.text, jsonIdentity: json.text, rows: rows)
        // Not flushed: a stamp lost in a crash only costs a rebuild.
        if (try? AtomicFile.write(stamp.bytes, to: target, durable: false)) == nil { unlink(target) }
    }

    private struct Unusable: Error, CustomStringConvertible {
        let description: String
    }

    /// The previous files when the stamp vouches for them, or why there are none to keep.
    private static func previousFiles(root: String, csvPath: String, jsonPath: String) -> Result<Previous, Unusable> {
        func unusable(_ why: String) -> Result<Previous, Unusable> { .failure(Unusable(description: why)) }
        guard FileManager.default.fileExists(atPath: jsonPath) || FileManager.default.fileExists(atPath: csvPath) else {
            return unusable("no index yet")
        }
        guard let data = RunsIndexSplice.readBytes(PaperSessionsIndexStamp.path(in: root)) else { return unusable("no stamp") }
        guard let stamp = PaperSessionsIndexStamp(data) else { return unusable("the stamp does not read") }
        guard stamp.root == root else { return unusable("the stamp describes another folder") }
        // Opened, then checked: the rows are copied from the very files whose identity matched.
        let csv = open(csvPath, O_RDONLY | O_CLOEXEC), json = open(jsonPath, O_RDONLY | O_CLOEXEC)
        var csvInfo = stat(), jsonInfo = stat()
        guard csv >= 0, json >= 0, fstat(csv, &csvInfo) == 0, fstat(json, &jsonInfo) == 0,
            FileIdentity(csvInfo).text == stamp.csvIdentity, FileIdentity(jsonInfo).text == stamp.jsonIdentity
        else {
            if csv >= 0 { close(csv) }
            if json >= 0 { close(json) }
            return unusable("the index files changed since the stamp")
        }
        guard let positions = lineUp(stamp, csvSize: Int(csvInfo.st_size), jsonSize: Int(jsonInfo.st_size)) else {
            close(csv)
            close(json)
            return unusable("the stamp does not line up with the index files")
        }
        return .success(Previous(stamp: stamp, csv: csv, json: json, positions: positions))
    }

    /// Checks that the stamp's rows fit the files as the renderer lays them out (the
    /// identities vouch for the bytes): CSV rows end to end from the header to the end of the
    /// file, JSON rows one `lead` apart up to the closing lines; rows in index order and each
    /// folder once. Each folder's row, or nil.
    private static func lineUp(_ stamp: PaperSessionsIndexStamp, csvSize: Int, jsonSize: Int) -> [String: Int]? {
        let lead = 1 + PaperSessionsIndexRenderer.rowLead.count
        var csvEnd = PaperSessionsIndexRenderer.csvHeader.count
        var jsonEnd: Int?
        var positions: [String: Int] = [:]
        positions.reserveCapacity(stamp.rows.count)
        let folders = RunFolders(stamp.root)
        for (position, row) in stamp.rows.enumerated() {
            guard row.csv.lowerBound == csvEnd, jsonEnd.map({ row.json.lowerBound == $0 + lead }) ?? (row.json.lowerBound > 0),
                positions.updateValue(position, forKey: row.name) == nil
            else { return nil }
            if position > 0 {
                // In order: by session id, then (rarely needed) by path.
                let before = stamp.rows[position - 1]
                guard before.sessionID < row.sessionID
                    || (before.sessionID == row.sessionID && folders.path(of: before.name) < folders.path(of: row.name))
                else { return nil }
            }
            (csvEnd, jsonEnd) = (row.csv.upperBound, row.json.upperBound)
        }
        let jsonRowsEnd = jsonEnd.map { $0 + PaperSessionsIndexRenderer.jsonTail.count }
        return csvEnd == csvSize && (jsonRowsEnd ?? jsonSize) == jsonSize ? positions : nil
    }

    /// Kept rows and added rows (each in index order), as one list in index order.
    private static func merge(_ kept: [Row], _ added: [Row]) -> [Row] {
        SortedMerge.merge(kept, added, isKeptBefore: { Row.inOrder(kept[$0], $1) }, element: { $0 })
    }
}
