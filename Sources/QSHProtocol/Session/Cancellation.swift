import QSHCore
import QSHServices
import Synchronization

/// One session's cancellation: the token its service polls, and the task it runs in, so that a
/// signal cancels both (the token for the service's loops, the task for its child tasks).
final class Cancellation: Sendable {
    let token = CancellationToken()
    private let task = Mutex<Task<any ServiceOutcome, any Error>?>(nil)

    func cancel(_ reason: CancellationReason) {
        token.cancel(reason)
        task.withLock { $0?.cancel() }
    }

    /// A signal may have arrived before the task existed: it is cancelled at once then.
    func attach(_ running: Task<any ServiceOutcome, any Error>) {
        task.withLock { $0 = running }
        if token.isCancelled { running.cancel() }
    }
}
