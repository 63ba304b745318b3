/// Raw pointers to a series' columns, handed to signal generators inside the hot loop.
public struct BarPointers {
    public let open: UnsafePointer<Double>
    public let high: UnsafePointer<Double>
    public let low: UnsafePointer<Double>
    public let close: UnsafePointer<Double>
    public let volume: UnsafePointer<Double>
}

extension BarSeries {
    /// Calls `body` with pointers to the columns (valid only inside `body`).
    public func withBarPointers<R>(_ body: (BarPointers) throws -> R) rethrows -> R {
        try open.withUnsafeBufferPointer { o in
            try high.withUnsafeBufferPointer { h in
                try low.withUnsafeBufferPointer { l in
                    try close.withUnsafeBufferPointer { c in
                        try volume.withUnsafeBufferPointer { v in
                            try body(BarPointers(
                                open: o.baseAddress ?? Self.empty, high: h.baseAddress ?? Self.empty,
                                low: l.baseAddress ?? Self.empty, close: c.baseAddress ?? Self.empty,
                                volume: v.baseAddress ?? Self.empty))
                        }
                    }
                }
            }
        }
    }

    nonisolated(unsafe) private static let empty = UnsafePointer<Double>(UnsafeMutablePointer<Double>.allocate(capacity: 1))
}
