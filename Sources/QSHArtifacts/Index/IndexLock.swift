import Foundation
import QSHCore

/// The exclusive advisory lock (`flock`) an index is updated under, on a lock file in the
/// folder it indexes: concurrent updates (two runs, two paper sessions finishing at once)
/// never interleave their read-modify-write, and the last to finish saw every change committed
/// before it started. flock locks belong to the open file, so threads of one process exclude
/// each other as processes do.
enum IndexLock {
    /// Runs `body` holding the lock on `folder/lockName` (the folder is made if missing).
    static func held<T>(_ folder: String, lockName: String, _ body: () throws -> T) throws -> T {
        try Folders.create(folder)
        let lockPath = (folder as NSString).appendingPathComponent(lockName)
        let lock = open(lockPath, O_RDWR | O_CREAT | O_CLOEXEC, 0o644)
        guard lock >= 0 else { throw InvalidInputError("cannot lock '\(lockPath)': \(FileBytes.reason(errno))") }
        defer { close(lock) }
        while flock(lock, LOCK_EX) != 0 {
            guard errno == EINTR else { throw InvalidInputError("cannot lock '\(lockPath)': \(FileBytes.reason(errno))") }
        }
        defer { flock(lock, LOCK_UN) }
        return try body()
    }
}
