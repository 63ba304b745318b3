import Foundation
import QSHCore
import Testing

@testable import QSHData

struct SyntheticBarsTests {
    static let y2014: Int64 = 1_388_534_400_000  // 2014-01-01
    static let y2022: Int64 = 1_640_995_200_000  // 2022-01-01
    static let y2024: Int64 = 1_704_067_200_000  // 2024-01-01
    let daily = BarInterval.daily
    let minute = try! BarInterval(parsing: "1m")

    /// FNV-1a over the bit patterns of every column: a fingerprint of the exact output.
    static func fingerprint(_ s: BarSeries) -> UInt64 {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        func mix(_ v: UInt64) { h = (h ^ v) &* 0x0000_0100_0000_01B3 }
        for i in 0..<s.count {
            mix(UInt64(bitPattern: s.timestamps[i]))
            for column in [s.open, s.high, s.low, s.close, s.volume] { mix(column[i].bitPattern) }
        }
        return h
    }

    @Test func sameInputsSameOutput() {
        let a = SyntheticBars.generate(ticker: "SYN-ETH", interval: daily, startMillis: Self.y2022, endMillis: Self.y2024)
        let b = SyntheticBars.generate(ticker: "SYN-ETH", interval: daily, startMillis: Self.y2022, endMillis: Self.y2024)
        #expect(a == b)
        #expect(a.count == 730)
        let other = SyntheticBars.generate(ticker: "SYN-BTC", interval: daily, startMillis: Self.y2022, endMillis: Self.y2024)
        #expect(other.close != a.close)
    }

    /// Pins the exact bits, so a platform or compiler that changed a single rounding (libm, FMA
    /// contraction) would fail here. Update deliberately if the generator itself changes.
    @Test func outputIsPinned() {
        let s = SyntheticBars.generate(ticker: "SYN-ETH", interval: daily, startMillis: Self.y2022, endMillis: Self.y2024)
        #expect(Self.fingerprint(s) == 17_429_818_233_224_576_379)
        let m = SyntheticBars.generate(
            ticker: "SYN-BENCH", interval: minute, startMillis: 1_600_000_000_000, endMillis: 1_600_000_000_000 + 10_000 * 60_000)
        #expect(Self.fingerprint(m) == 9_036_415_663_165_916_444)
    }

    @Test func gridAndWindowBounds() {
        // Bars sit on multiples of the interval since the epoch: start rounds up, end is excluded.
        let s = SyntheticBars.generate(
            ticker: "SYN-ETH", interval: minute, startMillis: Self.y2022 + 30_001, endMillis: Self.y2022 + 5 * 60_000)
        #expect(s.timestamps == [1, 2, 3, 4].map { Self.y2022 + $0 * 60_000 })
        #expect(SyntheticBars.generate(ticker: "SYN-ETH", interval: minute, startMillis: 5, endMillis: 5).isEmpty)
        #expect(SyntheticBars.generate(ticker: "SYN-ETH", interval: minute, startMillis: 9, endMillis: 1).isEmpty)
    }

    @Test(arguments: [
        (Int64(0), Int64(3_650)),  // ten years of days, sub-window of one long window
        (Int64(1_000), Int64(1_001)),
        (Int64(4_090), Int64(4_200)),  // across a block boundary
        (Int64(-500), Int64(20)),  // before the epoch
    ])
    func windowIndependenceDaily(_ from: Int64, _ to: Int64) {
        let dayMs = daily.milliseconds
        let large = SyntheticBars.generate(
            ticker: "SYN-WIN", interval: daily, startMillis: -1_000 * dayMs, endMillis: 6_000 * dayMs)
        let small = SyntheticBars.generate(ticker: "SYN-WIN", interval: daily, startMillis: from * dayMs, endMillis: to * dayMs)
        let offset = large.firstIndex(atOrAfter: from * dayMs)
        #expect(small.count == Int(to - from))
        #expect(small == large.window(startMillis: from * dayMs, endMillis: to * dayMs))
        #expect(small.close.first == large.close[offset])
    }

    @Test func windowIndependenceIntraday() {
        let start = Self.y2022
        let large = SyntheticBars.generate(ticker: "SYN-ETH", interval: minute, startMillis: start, endMillis: start + 20_000 * 60_000)
        for (a, b) in [(0, 1), (4_000, 4_200), (8_191, 8_193), (12_345, 19_999)] as [(Int64, Int64)] {
            let small = SyntheticBars.generate(
                ticker: "SYN-ETH", interval: minute, startMillis: start + a * 60_000, endMillis: start + b * 60_000)
            #expect(small == large.window(startMillis: start + a * 60_000, endMillis: start + b * 60_000))
        }
    }

    func expectConsistent(_ s: BarSeries, sourceLocation: SourceLocation = #_sourceLocation) {
        #expect(s.hasHighLow, sourceLocation: sourceLocation)
        var problems = 0
        for i in 0..<s.count {
            let o = s.open[i], h = s.high[i], l = s.low[i], c = s.close[i], v = s.volume[i]
            let finite = [o, h, l, c, v].allSatisfy(\.isFinite)
            if !finite || o <= 0 || l <= 0 || c <= 0 || v <= 0 || h < max(o, c) || l > min(o, c) {
                problems += 1
                if problems < 5 {
                    Issue.record("bar \(i): o=\(o) h=\(h) l=\(l) c=\(c) v=\(v)", sourceLocation: sourceLocation)
                }
            }
            if i > 0, s.timestamps[i] <= s.timestamps[i - 1] {
                Issue.record("timestamps not increasing at \(i)", sourceLocation: sourceLocation)
            }
        }
        #expect(problems == 0, sourceLocation: sourceLocation)
    }

    @Test(arguments: ["SYN-ETH", "SYN-BTC", "SYN-A", "SYN-SPY", "SYN-ZZZZZZZZZZ"])
    func tenYearsOfDailyBarsAreConsistent(_ ticker: String) {
        let s = SyntheticBars.generate(ticker: ticker, interval: daily, startMillis: Self.y2014, endMillis: Self.y2024)
        #expect(s.count == 3_652)
        expectConsistent(s)
        // Plausible: prices stay within a broad band, and daily moves are not absurd.
        #expect(s.close.min()! > 0.5 && s.close.max()! < 1_000_000)
        let moves = (1..<s.count).map { abs(s.close[$0] / s.close[$0 - 1] - 1) }
        #expect(moves.max()! < 0.6)
        #expect(Set(s.close).count == s.count)
    }

    @Test func aMonthOfMinuteBarsIsConsistent() {
        let s = SyntheticBars.generate(ticker: "SYN-ETH", interval: minute, startMillis: Self.y2022, endMillis: Self.y2022 + 31 * 86_400_000)
        #expect(s.count == 31 * 1_440)
        expectConsistent(s)
        // Open sits near the previous close.
        for i in 1..<s.count where abs(s.open[i] / s.close[i - 1] - 1) > 0.01 {
            Issue.record("gap at \(i): \(s.close[i - 1]) -> \(s.open[i])")
            break
        }
    }

    @Test(arguments: ["1s", "5m", "1h", "4h", "1w"])
    func otherIntervalsAreConsistent(_ text: String) throws {
        let interval = try BarInterval(parsing: text)
        let end = Self.y2022 + min(5_000 * interval.milliseconds, 20 * 365 * 86_400_000)
        expectConsistent(SyntheticBars.generate(ticker: "SYN-ETH", interval: interval, startMillis: Self.y2022, endMillis: end))
    }

    @Test func volumeIsHigherOnBigMoves() {
        let s = SyntheticBars.generate(ticker: "SYN-ETH", interval: daily, startMillis: Self.y2014, endMillis: Self.y2024)
        let moves = (1..<s.count).map { (abs(s.close[$0] / s.close[$0 - 1] - 1), s.volume[$0]) }.sorted { $0.0 < $1.0 }
        let quiet = moves.prefix(moves.count / 4).map(\.1).reduce(0, +)
        let busy = moves.suffix(moves.count / 4).map(\.1).reduce(0, +)
        #expect(busy > quiet * 1.5)
    }
}
