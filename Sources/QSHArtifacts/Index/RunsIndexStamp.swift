import Foundation

/// `runsDir/.runs_index.stamp`: which three index files the last refresh wrote, by device,
/// inode, size, and modification and change times (nanoseconds). When all three still match,
/// no one has touched them since (a rename puts a new inode in place, an edit in place moves
/// the change time, which no user can set back), so their rows are exactly what the renderer
/// printed and can be copied instead of parsed and printed again.
///
/// It is a cache: a missing, stale or garbled stamp only means the slower path. It is therefore
/// written without fsync (rename still makes it appear whole), saving a flush per run.
enum RunsIndexStamp {
    static let fileName = ".runs_index.stamp"
    static let header = "qsh runs index stamp 1"

    static func path(in runsDir: String) -> String { (runsDir as NSString).appendingPathComponent(fileName) }

    /// The identity of a file as `stat` sees it now, or nil when it cannot be seen.
    static func identity(of path: String) -> String? {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        #if canImport(Darwin)
            let (modified, changed) = (info.st_mtimespec, info.st_ctimespec)
        #else
            let (modified, changed) = (info.st_mtim, info.st_ctim)
        #endif
        return "\(info.st_dev) \(info.st_ino) \(info.st_size) \(modified.tv_sec).\(modified.tv_nsec)"
            + " \(changed.tv_sec).\(changed.tv_nsec)"
    }

    /// The stamp's text for the three files as they are now.
    static func current(_ paths: RunsIndexPaths) -> String? {
        guard let csv = identity(of: paths.csv), let json = identity(of: paths.json),
            let markdown = identity(of: paths.markdown)
        else { return nil }
        return [header, "csv \(csv)", "json \(json)", "md \(markdown)"].joined(separator: "\n") + "\n"
    }

    /// Whether the stamp in `runsDir` describes the three files exactly as they are.
    static func matches(_ paths: RunsIndexPaths, runsDir: String) -> Bool {
        guard let data = FileManager.default.contents(atPath: path(in: runsDir)), let now = current(paths) else {
            return false
        }
        return data.elementsEqual(now.utf8)
    }

    /// Records the three files just written; best effort (a failure leaves no stamp, or the old
    /// one, which no longer matches).
    static func record(_ paths: RunsIndexPaths, runsDir: String) {
        let target = path(in: runsDir)
        guard let text = current(paths) else {
            unlink(target)
            return
        }
        let temporary = target + ".tmp-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        let descriptor = open(temporary, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0o644)
        guard descriptor >= 0 else { return }
        let failed = FileBytes.writeAll(Array(text.utf8), to: descriptor) != 0
        if close(descriptor) != 0 || failed || rename(temporary, target) != 0 {
            unlink(temporary)
            unlink(target)
        }
    }
}
