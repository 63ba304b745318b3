import CProcessSupport
import Foundation
import QSHCore
import Synchronization

/// SIGINT and SIGTERM for every surface. The C handler only writes the signal number to a
/// pipe; a watcher thread reads it and hands a `CancellationReason` to whatever session is
/// running, which cancels its service. Outside a session:
/// - at the interactive prompt, SIGINT and SIGTERM are remembered for the line editor (which
///   sees its read interrupted) and the shell;
/// - anywhere else (a script between two commands, argument parsing), the process exits at
///   once with 130 or 143, as a shell would: nothing is being written.
/// A second signal while a non-interactive session is still stopping exits at once as well.
public final class ProcessSignals: CancellationSource {
    public static let shared = ProcessSignals()

    private struct State {
        var installed = false
        var interactive = false
        var handlers: [UInt64: @Sendable (CancellationReason) -> Void] = [:]
        var nextID: UInt64 = 0
        /// A signal was delivered to the current session(s) and they have not ended yet.
        var delivered = false
        var pendingInterrupt = false
        var terminationRequested = false
        var lastReason: CancellationReason?
    }

    private let state = Mutex(State())

    private init() {}

    /// Installs the handlers and starts the watcher (once per process). `interactive` is for
    /// the prompt: there signals outside a command never end the process by themselves.
    public func install(interactive: Bool) {
        let start = state.withLock { state -> Bool in
            state.interactive = interactive
            defer { state.installed = true }
            return !state.installed
        }
        qsh_signals_unblock_in_this_thread()
        guard start else { return }
        let descriptor = qsh_signals_install()
        guard descriptor >= 0 else { return }
        let thread = Thread { [self] in
            qsh_signals_block_in_this_thread()
            while true {
                let number = qsh_signals_wait(descriptor)
                guard number > 0 else { return }
                deliver(number == SIGTERM ? .terminate : .interrupt)
            }
        }
        thread.name = "qsh-signals"
        thread.start()
    }

    private func deliver(_ reason: CancellationReason) {
        enum Action { case handlers([@Sendable (CancellationReason) -> Void]), exit, remember }
        let action = state.withLock { state -> Action in
            state.lastReason = reason
            if reason == .terminate && state.interactive { state.terminationRequested = true }
            if !state.handlers.isEmpty {
                if state.delivered && !state.interactive { return .exit }
                state.delivered = true
                return .handlers(Array(state.handlers.values))
            }
            if state.interactive {
                if reason == .interrupt { state.pendingInterrupt = true }
                return .remember
            }
            return .exit
        }
        switch action {
        case .handlers(let handlers): for handler in handlers { handler(reason) }
        case .exit: _exit(reason.exitCode)
        case .remember: break
        }
    }

    /// Runs `body` with `onSignal` receiving the signals that arrive meanwhile.
    public func whileRunning<T: Sendable>(
        onSignal: @escaping @Sendable (CancellationReason) -> Void, _ body: () async -> T
    ) async -> T {
        let id = state.withLock { state -> UInt64 in
            state.nextID += 1
            state.handlers[state.nextID] = onSignal
            return state.nextID
        }
        let result = await body()
        state.withLock { state in
            state.handlers[id] = nil
            if state.handlers.isEmpty { state.delivered = false }
        }
        return result
    }

    /// Ctrl-C (or `kill -INT`) arrived while no command ran; clears it.
    public func takePendingInterrupt() -> Bool {
        state.withLock { state in
            defer { state.pendingInterrupt = false }
            return state.pendingInterrupt
        }
    }

    /// SIGTERM arrived at the interactive shell: it should end (with 143).
    public var terminationRequested: Bool { state.withLock { $0.terminationRequested } }

    /// The last signal received, if any, and forgets it (scripts stop at the next line).
    public func takeLastReason() -> CancellationReason? {
        state.withLock { state in
            defer { state.lastReason = nil }
            return state.lastReason
        }
    }
}

/// Where a session's cancellation comes from: process signals in the binary, anything else in
/// tests (or an embedding program).
public protocol CancellationSource: Sendable {
    /// Runs `body`; a reason handed to `onSignal` meanwhile cancels the session.
    func whileRunning<T: Sendable>(onSignal: @escaping @Sendable (CancellationReason) -> Void, _ body: () async -> T) async -> T
}
