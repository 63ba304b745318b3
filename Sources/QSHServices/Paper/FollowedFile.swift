import Foundation

/// The data file a followed session watches: it is reloaded only when a complete line has been
/// appended (or the file shrank, which the reload reports), not when a writer has put down half
/// a line, since reloading costs a parse of the whole file.
struct FollowedFile {
    let path: String
    private(set) var size: Int64

    /// The first look always reloads: lines appended between the session's first load and
    /// this watch began are not missed.
    init(path: String) {
        self.path = path
        size = 0
    }

    /// Whether the file changed in a way that may add or remove bars since the last look.
    mutating func hasNewLines() -> Bool {
        let grown = FileSize.of(path)
        guard grown != size else { return false }
        defer { size = grown }
        guard grown > size, size >= 0, let handle = FileHandle(forReadingAtPath: path) else { return true }
        defer { try? handle.close() }
        // A long burst of appends is read in slices; any newline is enough.
        var offset = UInt64(size)
        while offset < UInt64(grown) {
            guard (try? handle.seek(toOffset: offset)) != nil,
                  let chunk = try? handle.read(upToCount: Int(min(UInt64(65_536), UInt64(grown) - offset))), !chunk.isEmpty
            else { return true }
            if chunk.contains(0x0A) { return true }
            offset += UInt64(chunk.count)
        }
        return false
    }
}

/// A file's size in bytes (-1 when it cannot be read): how a followed session notices appends.
enum FileSize {
    static func of(_ path: String) -> Int64 {
        var info = stat()
        return stat(path, &info) == 0 ? Int64(info.st_size) : -1
    }
}
