/// A computed feature column: immutable once filled, at a fixed address for as long as any
/// copy of it (or the `FeatureSet` that made it) is alive, so hot loops can keep raw pointers
/// into it across a whole run.
public struct FeatureColumn<Element: BitwiseCopyable> {
    @usableFromInline let storage: FeatureStorage<Element>

    /// Allocates `count` elements and lets `fill` write every one of them.
    init(count: Int, fill: (UnsafeMutableBufferPointer<Element>) -> Void) {
        storage = FeatureStorage(count: count, fill: fill)
    }

    /// Two columns of `count` elements filled together in one pass.
    static func pair(
        count: Int, fill: (UnsafeMutableBufferPointer<Element>, UnsafeMutableBufferPointer<Element>) -> Void
    ) -> (FeatureColumn, FeatureColumn) {
        var second: FeatureColumn?
        let first = FeatureColumn(count: count) { a in second = FeatureColumn(count: count) { b in fill(a, b) } }
        return (first, second!)
    }

    /// The first element; valid while this column or its feature set lives.
    @inlinable
    public var baseAddress: UnsafePointer<Element> { UnsafePointer(storage.base) }

    /// Calls `body` with the elements as contiguous memory.
    @inlinable
    public func withUnsafeBufferPointer<R>(_ body: (UnsafeBufferPointer<Element>) throws -> R) rethrows -> R {
        try withExtendedLifetime(storage) { try body(UnsafeBufferPointer(start: storage.base, count: storage.count)) }
    }
}

extension FeatureColumn: RandomAccessCollection {
    public var startIndex: Int { 0 }
    public var endIndex: Int { storage.count }

    @inlinable
    public subscript(position: Int) -> Element {
        precondition(UInt(bitPattern: position) < UInt(bitPattern: storage.count), "FeatureColumn index out of range")
        return storage.base[position]
    }
}

extension FeatureColumn: Sendable where Element: Sendable {}

/// The memory behind a feature column (written once in `init`, read-only afterwards).
@usableFromInline
final class FeatureStorage<Element: BitwiseCopyable>: @unchecked Sendable {
    @usableFromInline let base: UnsafeMutablePointer<Element>
    @usableFromInline let count: Int

    init(count: Int, fill: (UnsafeMutableBufferPointer<Element>) -> Void) {
        self.count = count
        base = .allocate(capacity: max(count, 1))
        fill(UnsafeMutableBufferPointer(start: base, count: count))
    }

    deinit { base.deallocate() }
}
