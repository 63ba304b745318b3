/// Boolean combinations without short-circuit branches. Crossover tests compare values that
/// are close to each other half of the time, so `&&` would mispredict on every other bar.
@usableFromInline
enum Branchless {
    @inlinable @inline(__always)
    static func all(_ a: Bool, _ b: Bool, _ c: Bool) -> Bool {
        (bit(a) & bit(b) & bit(c)) != 0
    }

    @inlinable @inline(__always)
    static func any(_ a: Bool, _ b: Bool) -> Bool { (bit(a) | bit(b)) != 0 }

    @inlinable @inline(__always)
    static func bit(_ value: Bool) -> UInt8 { value ? 1 : 0 }
}
