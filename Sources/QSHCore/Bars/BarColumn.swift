/// One column of a `BarSeries`: a 0-based, read-only view of `count` elements of shared
/// storage starting at `offset`.
///
/// A window of a series is a view, not a copy: `BarSeries.window` moves the offset and the
/// count, so cutting a year out of a million-row file costs nothing and every window of one
/// file shares the file's memory (which the windows keep alive).
public struct BarColumn<Element> {
    @usableFromInline let storage: [Element]
    @usableFromInline let offset: Int
    public let count: Int

    /// The whole array as a column (no copy: arrays share their storage until written).
    @inlinable
    public init(_ values: [Element]) {
        storage = values
        offset = 0
        count = values.count
    }

    @usableFromInline
    init(storage: [Element], offset: Int, count: Int) {
        self.storage = storage
        self.offset = offset
        self.count = count
    }

    /// Rows `range` of this column as a new 0-based view of the same storage.
    @inlinable
    public func view(_ range: Range<Int>) -> BarColumn {
        precondition(range.lowerBound >= 0 && range.upperBound <= count, "BarColumn view out of bounds")
        return BarColumn(storage: storage, offset: offset + range.lowerBound, count: range.count)
    }

    /// Calls `body` with the column's elements as contiguous memory (valid only inside `body`).
    @inlinable
    public func withUnsafeBufferPointer<R>(_ body: (UnsafeBufferPointer<Element>) throws -> R) rethrows -> R {
        try storage.withUnsafeBufferPointer { all in
            try body(UnsafeBufferPointer(rebasing: all[offset..<(offset + count)]))
        }
    }
}

extension BarColumn: RandomAccessCollection {
    public var startIndex: Int { 0 }
    public var endIndex: Int { count }

    @inlinable
    public subscript(position: Int) -> Element {
        // One unsigned compare covers both ends; the storage check alone would let a view read
        // its neighbours.
        precondition(UInt(bitPattern: position) < UInt(bitPattern: count), "BarColumn index out of range")
        return storage[offset &+ position]
    }
}

extension BarColumn: Equatable where Element: Equatable {
    /// Element-wise, like arrays: two views with the same values are equal wherever they point.
    @inlinable
    public static func == (lhs: BarColumn, rhs: BarColumn) -> Bool {
        lhs.count == rhs.count && lhs.elementsEqual(rhs)
    }

    /// Columns used to be arrays: comparing one with an array still reads naturally.
    @inlinable
    public static func == (lhs: BarColumn, rhs: [Element]) -> Bool {
        lhs.count == rhs.count && lhs.elementsEqual(rhs)
    }

    @inlinable
    public static func == (lhs: [Element], rhs: BarColumn) -> Bool { rhs == lhs }
}

extension BarColumn: Sendable where Element: Sendable {}

extension BarColumn: ExpressibleByArrayLiteral {
    public init(arrayLiteral elements: Element...) { self.init(elements) }
}

extension BarColumn: CustomStringConvertible {
    public var description: String { Array(self).description }
}
