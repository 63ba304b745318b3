import Foundation
import QSHCore
import Synchronization

/// The soak's status, shared by the iteration loop and the workers' heartbeat: every change
/// at an iteration boundary is written at once; a heartbeat rewrites `updated_at` at most once
/// a second, so a stuck loop shows as a stale timestamp without the workers writing per chunk.
final class SoakStatusKeeper: Sendable {
    static let heartbeatNanoseconds: UInt64 = 1_000_000_000

    private struct State {
        var status: SoakStatus
        var lastWrite: UInt64
        var writeError: String?
    }

    let folder: String
    private let clock: @Sendable () -> Date
    private let state: Mutex<State>

    init(_ status: SoakStatus, folder: String, clock: @escaping @Sendable () -> Date) {
        self.folder = folder
        self.clock = clock
        state = Mutex(State(status: status, lastWrite: 0))
    }

    var status: SoakStatus { state.withLock { $0.status } }

    /// Changes the status and writes it (atomically; not flushed: the final write is).
    func update(_ change: (inout SoakStatus) -> Void) throws {
        let snapshot = state.withLock { state -> SoakStatus in
            change(&state.status)
            state.status.updatedAt = clock()
            state.lastWrite = MonotonicClock.nanoseconds()
            return state.status
        }
        try snapshot.write(in: folder, durable: snapshot.terminal)
    }

    /// The working loop is alive: rewrite `updated_at` if the last write is a second old. A
    /// failed heartbeat write is kept for the next boundary write to report, not thrown from
    /// a worker.
    func beat() {
        let now = MonotonicClock.nanoseconds()
        let snapshot = state.withLock { state -> SoakStatus? in
            guard now &- state.lastWrite >= Self.heartbeatNanoseconds else { return nil }
            state.lastWrite = now
            state.status.updatedAt = clock()
            return state.status
        }
        guard let snapshot else { return }
        do { try snapshot.write(in: folder, durable: false) } catch {
            state.withLock { $0.writeError = "\(error)" }
        }
    }

    /// A heartbeat write that failed since the last call, if any.
    func takeWriteError() -> String? { state.withLock { state in defer { state.writeError = nil }; return state.writeError } }
}
