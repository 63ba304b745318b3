/// A fixed-capacity FIFO (capacity a power of two), allocated once: push and pop never
/// allocate. A full ring drops the oldest element and counts it, so overflow is visible in
/// the result rather than a crash in a long soak (the preset's bounds keep it at zero).
struct SoakRing<Element: BitwiseCopyable>: Sendable where Element: Sendable {
    private var storage: SoakBuffer<Element>
    private let mask: Int
    private var head = 0
    private var tail = 0
    private(set) var dropped = 0

    init(capacityPowerOfTwo: Int, filler: Element) {
        precondition(capacityPowerOfTwo > 0 && capacityPowerOfTwo & (capacityPowerOfTwo - 1) == 0)
        storage = SoakBuffer(count: capacityPowerOfTwo, filler: filler)
        mask = capacityPowerOfTwo - 1
    }

    var isEmpty: Bool { head == tail }
    var count: Int { tail - head }

    /// Gives this ring its own storage if a copy of the simulator shares it.
    mutating func makeUnique() { SoakBuffer.uniqued(&storage) }

    mutating func removeAll() {
        head = 0
        tail = 0
        dropped = 0
    }

    @inline(__always)
    mutating func push(_ element: Element) {
        if tail - head > mask {
            head += 1
            dropped += 1
        }
        storage.pointer[tail & mask] = element
        tail += 1
    }

    /// The oldest element; only when not empty.
    @inline(__always)
    var first: Element { storage.pointer[head & mask] }

    @inline(__always)
    mutating func removeFirst() { head += 1 }
}
