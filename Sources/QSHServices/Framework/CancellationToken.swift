import QSHCore
import Synchronization

/// Tells running work to stop, and why. The session runner cancels it when SIGINT or SIGTERM
/// arrives (or Ctrl-C during a command at the prompt); services poll `isCancelled` between
/// steps and in their loops. It is tied to Swift task cancellation both ways: a cancelled task
/// reads as cancelled here, and `withTaskCancellation` cancels child tasks (the tuner's
/// workers, the soak's symbols) when the token fires.
public final class CancellationToken: Sendable {
    private let state = Mutex<CancellationReason?>(nil)

    public init() {}

    /// The first reason wins; later calls change nothing.
    public func cancel(_ reason: CancellationReason) {
        state.withLock { current in
            if current == nil { current = reason }
        }
    }

    /// The reason given, or `.requested` when only the surrounding task was cancelled.
    public var reason: CancellationReason? {
        if let reason = state.withLock({ $0 }) { return reason }
        return Task.isCancelled ? .requested("cancelled") : nil
    }

    public var isCancelled: Bool { reason != nil }

    /// Throws `CancelledError` carrying the reason when cancelled.
    public func check(_ message: String = "interrupted") throws(CancelledError) {
        if let reason { throw CancelledError(message, reason: reason) }
    }
}
