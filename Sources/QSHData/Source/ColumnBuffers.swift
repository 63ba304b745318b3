import QSHCore

/// The six columns of a series being built in place, as pointers into arrays that are never
/// zero-filled first: the large readers write each row straight where it ends up (filling the
/// columns with zeros and then copying parts of them cost 15 % of generating a million bars).
struct ColumnBuffers: @unchecked Sendable {
    let timestamps: UnsafeMutablePointer<Int64>
    let open, high, low, close, volume: UnsafeMutablePointer<Double>

    /// These buffers from row `offset` on.
    func advanced(by offset: Int) -> ColumnBuffers {
        ColumnBuffers(
            timestamps: timestamps + offset, open: open + offset, high: high + offset, low: low + offset,
            close: close + offset, volume: volume + offset)
    }

    /// Six arrays with room for `capacity` rows (advised for huge pages), of which `fill`
    /// writes rows `0 ..< n` and returns n: those rows, as a series.
    static func series(capacity: Int, hasHighLow: Bool, _ fill: (ColumnBuffers) -> Int) -> BarSeries {
        var rows = 0
        func column<T: BitwiseCopyable>(_ body: (UnsafeMutablePointer<T>) -> Void) -> [T] {
            [T](unsafeUninitializedCapacity: max(capacity, 1)) { buffer, initialized in
                HugePages.advise(UnsafeMutableRawPointer(buffer.baseAddress!), byteCount: buffer.count * MemoryLayout<T>.stride)
                body(buffer.baseAddress!)
                initialized = rows  // every column has its rows written once `body` returns
            }
        }
        var open: [Double] = [], high: [Double] = [], low: [Double] = [], close: [Double] = [], volume: [Double] = []
        let timestamps: [Int64] = column { t in
            open = column { o in
                high = column { h in
                    low = column { l in
                        close = column { c in
                            volume = column { v in
                                rows = fill(ColumnBuffers(timestamps: t, open: o, high: h, low: l, close: c, volume: v))
                            }
                        }
                    }
                }
            }
        }
        return BarSeries(
            timestamps: timestamps, open: open, high: high, low: low, close: close, volume: volume, hasHighLow: hasHighLow)
    }
}
