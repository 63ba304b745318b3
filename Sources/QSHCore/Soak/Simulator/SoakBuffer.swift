/// A fixed-size buffer allocated once. Writes go straight to memory: an `Array` in the step
/// loop paid a uniqueness check per write (17% of the time, measured). Value semantics are
/// kept by the owners calling `uniqued()` once per `advance`/`begin`, not once per write.
final class SoakBuffer<Element: BitwiseCopyable>: @unchecked Sendable {
    let pointer: UnsafeMutablePointer<Element>
    let count: Int

    init(count: Int, filler: Element) {
        self.count = count
        pointer = .allocate(capacity: count)
        pointer.initialize(repeating: filler, count: count)
    }

    private init(copying other: SoakBuffer<Element>) {
        count = other.count
        pointer = .allocate(capacity: count)
        pointer.initialize(from: other.pointer, count: count)
    }

    deinit { pointer.deallocate() }

    /// `buffer` itself if nothing else holds it, else a private copy.
    static func uniqued(_ buffer: inout SoakBuffer<Element>) {
        if !isKnownUniquelyReferenced(&buffer) { buffer = SoakBuffer(copying: buffer) }
    }
}
