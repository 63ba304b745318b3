/// splitmix64: a tiny, fast, well-mixed generator whose stream is fixed by its seed (derive
/// seeds with `PortableRandom.seed` or `PortableRandom.hash`). A value type: copying it forks
/// the stream, so each worker can own one without locks.
public struct SplitMix64: Sendable {
    @usableFromInline var state: UInt64

    public init(seed: UInt64) { state = seed }

    @inlinable @inline(__always)
    public mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        return PortableRandom.mix(state)
    }

    /// Uniform on [0, 1) with 53 random bits.
    @inlinable @inline(__always)
    public mutating func uniform() -> Double {
        Double(next() >> 11) * 0x1p-53
    }

    /// Approximately standard normal: the sum of twelve 16-bit uniforms minus 6 (Irwin-Hall),
    /// mean 0, variance 1, tails bounded at ±6. The integer sum makes it exact everywhere.
    @inlinable @inline(__always)
    public mutating func normal() -> Double {
        var sum: UInt64 = 0
        for _ in 0..<3 {
            let bits = next()
            sum += (bits & 0xFFFF) + (bits >> 16 & 0xFFFF) + (bits >> 32 & 0xFFFF) + (bits >> 48)
        }
        return (Double(sum) + 6) * 0x1p-16 - 6
    }
}
