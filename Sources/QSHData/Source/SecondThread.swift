import Foundation

/// One piece of work run on a thread of its own while the caller does another; `wait()`
/// returns once it has finished. For the large-file reader, which splits its reading and
/// parsing in two (the work may touch memory the caller owns: the caller must not touch the
/// same memory, and must call `wait()` before it frees it).
final class SecondThread: @unchecked Sendable {
    private let done = DispatchSemaphore(value: 0)
    private let work: () -> Void

    init(name: String, _ work: @escaping () -> Void) {
        self.work = work
        let thread = Thread { [self] in
            self.work()
            done.signal()
        }
        thread.name = name
        thread.start()
    }

    func wait() { done.wait() }
}
