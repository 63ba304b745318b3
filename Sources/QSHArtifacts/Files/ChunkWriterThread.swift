import Foundation

/// Writes the chunks of one large file on a second thread, so that the `write` system calls
/// (the kernel copying each chunk into the page cache: a third of the CPU time of writing a
/// 100 MB `equity.csv`, measured) run beside the formatting of the next chunk instead of
/// after it. At most `inFlight` chunks wait; each is copied into a reused buffer, since the
/// producer refills its own at once. `StagedDirectory.write(file:filling:)` starts one from a
/// file's second chunk on, so small files never pay for a thread.
final class ChunkWriterThread: @unchecked Sendable {
    private let descriptor: Int32
    private let condition = NSCondition()
    // Guarded by `condition`.
    private var pending: [[UInt8]] = []
    private var spare: [[UInt8]] = []
    private var failure: Int32 = 0
    private var closed = false
    private var running = true
    /// Touched only by the writing thread.
    private var writeback: EarlyWriteback

    static let inFlight = 2

    init(descriptor: Int32, writeback: EarlyWriteback) {
        self.descriptor = descriptor
        self.writeback = writeback
        let thread = Thread { [self] in loop() }
        thread.name = "qsh file writer"
        thread.start()
    }

    /// Queues a copy of `chunk`, waiting while `inFlight` chunks are queued. Returns the errno
    /// of a failed earlier write (then nothing more is written), or 0.
    func enqueue(_ chunk: UnsafeRawBufferPointer) -> Int32 {
        condition.lock()
        while pending.count >= Self.inFlight && failure == 0 { condition.wait() }
        let earlier = failure
        var buffer = spare.popLast() ?? []
        condition.unlock()
        guard earlier == 0 else { return earlier }
        buffer.removeAll(keepingCapacity: true)
        buffer.append(contentsOf: chunk)
        condition.lock()
        pending.append(buffer)
        condition.broadcast()
        condition.unlock()
        return 0
    }

    /// Waits until every queued chunk is written (or, when `discarding`, drops those not yet
    /// started) and the thread has ended; returns the first errno or 0.
    func finish(discarding: Bool = false) -> Int32 {
        condition.lock()
        closed = true
        if discarding { pending.removeAll() }
        condition.broadcast()
        while running { condition.wait() }
        let result = failure
        condition.unlock()
        return result
    }

    private func loop() {
        condition.lock()
        while true {
            while pending.isEmpty && !closed { condition.wait() }
            guard !pending.isEmpty else { break }
            let chunk = pending.removeFirst()
            let skip = failure != 0
            condition.unlock()
            let result = skip ? 0 : FileBytes.writeAll(chunk, to: descriptor)
            if !skip && result == 0 { writeback.wrote(chunk.count) }
            condition.lock()
            if result != 0 && failure == 0 { failure = result }
            spare.append(chunk)
            condition.broadcast()
        }
        running = false
        condition.broadcast()
        condition.unlock()
    }
}
