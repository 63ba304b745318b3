import Foundation

/// A file as `stat` sees it: device, inode, size, and modification and change times
/// (nanoseconds). When two identities of a path are equal, no one has written the file in
/// between (a rename puts a new inode in place, an edit in place moves the change time, which
/// no user can set back), so what was derived from it still holds. The index stamps record
/// them (`RunsIndexStamp` for the index files, `PaperSessionsIndexStamp` for each session), and
/// `tune run --isolate` tells a result its child wrote from one that was there before.
public struct FileIdentity: Equatable, Sendable {
    let device: UInt64
    let inode: UInt64
    let size: Int64
    let modified: (seconds: Int64, nanoseconds: Int64)
    let changed: (seconds: Int64, nanoseconds: Int64)

    init(_ info: stat) {
        #if canImport(Darwin)
            let (modified, changed) = (info.st_mtimespec, info.st_ctimespec)
        #else
            let (modified, changed) = (info.st_mtim, info.st_ctim)
        #endif
        device = UInt64(info.st_dev)
        inode = UInt64(info.st_ino)
        size = Int64(info.st_size)
        self.modified = (Int64(modified.tv_sec), Int64(modified.tv_nsec))
        self.changed = (Int64(changed.tv_sec), Int64(changed.tv_nsec))
    }

    /// The identity of the file at `path` now (symbolic links followed), or nil when it cannot
    /// be seen.
    public init?(path: String) {
        var info = stat()
        guard stat(path, &info) == 0 else { return nil }
        self.init(info)
    }

    /// The identity of `name` relative to the folder open at `folder` (`fstatat`, links
    /// followed), or nil when it cannot be seen.
    init?(in folder: Int32, _ name: String) {
        var info = stat()
        guard fstatat(folder, name, &info, 0) == 0 else { return nil }
        self.init(info)
    }

    public static func == (a: FileIdentity, b: FileIdentity) -> Bool {
        a.device == b.device && a.inode == b.inode && a.size == b.size && a.modified == b.modified && a.changed == b.changed
    }

    /// `dev ino size mtime.ns ctime.ns`, as the stamps write it.
    var text: String {
        "\(device) \(inode) \(size) \(modified.seconds).\(modified.nanoseconds) \(changed.seconds).\(changed.nanoseconds)"
    }

    /// Mixes the identity into an FNV-1a hash (see `IndexedNames.hash`).
    func fold(into hash: inout UInt64) {
        for word in [device, inode, UInt64(bitPattern: size), UInt64(bitPattern: modified.seconds),
            UInt64(bitPattern: modified.nanoseconds), UInt64(bitPattern: changed.seconds), UInt64(bitPattern: changed.nanoseconds)]
        {
            FileIdentity.fold(word, into: &hash)
        }
    }

    static func fold(_ word: UInt64, into hash: inout UInt64) {
        var rest = word
        for _ in 0..<8 {
            hash = (hash ^ (rest & 0xFF)) &* 0x0000_0100_0000_01b3
            rest >>= 8
        }
    }
}
