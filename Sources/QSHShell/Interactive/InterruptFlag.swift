import CLibEdit
import Synchronization

/// Ctrl-C while a command runs: the SIGINT handler only sets this flag (a lock-free store is
/// safe in a signal handler); services poll it through their cancellation check and stop at
/// the next check, and the shell returns to its prompt.
enum InterruptFlag {
    static let raised = Atomic<Bool>(false)

    /// Installs the handler (no SA_RESTART, so blocking reads return EINTR).
    static func install() {
        _ = qsh_install_sigint { _ in InterruptFlag.raised.store(true, ordering: .relaxed) }
    }

    static var isRaised: Bool { raised.load(ordering: .relaxed) }

    /// Clears the flag and says whether it was set.
    static func take() -> Bool { raised.exchange(false, ordering: .relaxed) }
}
