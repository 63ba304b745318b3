import Foundation

/// What a session folder's index row is derived from, as one number: the identities
/// (`FileIdentity`) of its three marker files (`session_metadata.json`, `session_status.json`,
/// `report.json`), or that each is absent. A row is the function of those three files and the
/// folder's path, so while the number stays the same the row does; any write to a marker (in
/// place, or by rename as `AtomicFile` writes) changes it. Three `fstatat` calls a folder, no
/// file opened.
struct PaperSessionIdentity {
    /// FNV-1a over the three identities; never 0 (`racy` is recorded as 0, see below).
    let hash: UInt64
    /// The latest modification time of the markers (seconds, nanoseconds).
    let latestModified: (seconds: Int64, nanoseconds: Int64)

    /// What the stamp records for a folder read too soon after its last write to trust the
    /// identity next time: file times tick coarsely (a few milliseconds on Linux, up to
    /// seconds elsewhere), so a second write in place, of the same size, within the same tick
    /// would leave the identity as it was. Such a folder is read again by the next update.
    static let racy: UInt64 = 0

    /// How recent a write counts as racy.
    static let racyWindowSeconds: Int64 = 2

    /// The wall clock as file times read it (seconds, nanoseconds).
    static func clock() -> (seconds: Int64, nanoseconds: Int64) {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        return (Int64(now.tv_sec), Int64(now.tv_nsec))
    }

    /// The identity of the entry `name` of the sessions folder open at `folder`; nil when no
    /// marker file can be seen there (not a session: a plain file, or a folder without them).
    init?(of name: String, in folder: Int32) {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        var latest: (seconds: Int64, nanoseconds: Int64)?
        for marker in PaperSessionFolders.markers {
            if let identity = FileIdentity(in: folder, name + "/" + marker) {
                FileIdentity.fold(1, into: &hash)
                identity.fold(into: &hash)
                if latest.map({ $0 < identity.modified }) ?? true { latest = identity.modified }
            } else {
                FileIdentity.fold(0, into: &hash)
            }
        }
        guard let latest else { return nil }
        self.hash = hash == Self.racy ? 1 : hash
        latestModified = latest
    }

    /// The hash to record for a folder whose identity was taken at `clock` (`clock()`):
    /// `racy` when its markers were modified within the window before, or after.
    func recorded(takenAt clock: (seconds: Int64, nanoseconds: Int64)) -> UInt64 {
        latestModified < (clock.seconds - Self.racyWindowSeconds, clock.nanoseconds) ? hash : Self.racy
    }
}
