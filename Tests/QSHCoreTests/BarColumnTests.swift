import QSHCore
import Testing

/// Columns are 0-based views: windows share the storage they were cut from.
@Suite struct BarColumnTests {
    static let series = BarSeriesTests.series

    func address<T>(_ column: BarColumn<T>) -> UnsafeRawPointer? {
        column.withUnsafeBufferPointer { UnsafeRawPointer($0.baseAddress) }
    }

    @Test func aWindowIsAViewNotACopy() throws {
        let window = Self.series.window(startMillis: 30, endMillis: 70)
        #expect(window.count == 4)
        let base = try #require(address(Self.series.close))
        #expect(address(window.close) == base + 3 * MemoryLayout<Double>.stride)
        let timestamps = try #require(address(Self.series.timestamps))
        #expect(address(window.timestamps) == timestamps + 3 * MemoryLayout<Int64>.stride)
        window.withBarPointers { bars in
            #expect(bars.close[0] == 30 && bars.high[3] == 61 && bars.volume[1] == 80)
        }
    }

    @Test func windowsOfWindowsAreZeroBased() {
        let outer = Self.series.window(startMillis: 20, endMillis: nil)
        let inner = outer.window(startMillis: 40, endMillis: 60)
        #expect(Array(inner.timestamps) == [40, 50])
        #expect(inner.close[0] == 40 && inner.close[1] == 50)
        #expect(inner.close.startIndex == 0 && inner.close.endIndex == 2)
        #expect(inner.firstIndex(atOrAfter: 50) == 1)
        #expect(outer.rows(2..<4) == inner)
    }

    @Test func equalityIsElementWise() {
        // The same values from different storage (and offsets) are equal; other values are not.
        let cut = Self.series.window(startMillis: 20, endMillis: 50)
        let fresh = BarSeries(
            timestamps: [20, 30, 40], open: [20, 30, 40], high: [21, 31, 41], low: [19, 29, 39], close: [20, 30, 40],
            volume: [40, 60, 80], hasHighLow: false)
        #expect(cut == fresh)
        #expect(cut.close == [20, 30, 40] && [20, 30, 40] == cut.close)
        #expect(cut.close != BarColumn([20, 30, 41]))
        #expect(cut.close != BarColumn([20, 30]))
        #expect(BarColumn<Double>([]) == [])
    }

    @Test func collectionOperations() {
        let close = Self.series.window(startMillis: 50, endMillis: nil).close
        #expect(close.map { $0 / 10 } == [5, 6, 7, 8, 9])
        #expect(close.min() == 50 && close.max() == 90 && close.reduce(0, +) == 350)
        #expect(Array(close[1..<3]) == [60, 70])
        #expect(close.description == "[50.0, 60.0, 70.0, 80.0, 90.0]")
        #expect(close.withUnsafeBufferPointer { $0.count } == 5)
    }

    @Test func readingPastAViewTraps() async {
        // The storage goes on after the view: the view's own bounds must hold.
        await #expect(processExitsWith: .failure) {
            _ = BarSeriesTests.series.window(startMillis: 0, endMillis: 30).close[3]
        }
        await #expect(processExitsWith: .failure) {
            _ = BarSeriesTests.series.window(startMillis: 30, endMillis: nil).close[-1]
        }
    }
}
