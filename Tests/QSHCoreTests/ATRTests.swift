import QSHCore
import Testing

/// ATR against `ta.volatility.AverageTrueRange(h, l, c, n).average_true_range()` (ta 0.11.0).
@Suite struct ATRTests {
    let f = IndicatorFixtures.self

    /// ta ATR(14) from row 13 on; rows 0...12 are 0.
    static let ta14Tail: [Double] = [
        2.6042857142857128, 2.5425510204081623, 2.5095116618075792, 2.505260828821324, 2.451313626762658,
        2.535505510565326, 2.5708265455249455, 2.5529103637017347, 2.483416766294468, 2.4196012829877196,
        2.446058334202882, 2.387054167474105, 2.3494074412259542, 2.373735481138386, 2.417040089628501,
        2.4358229403693232, 2.4082641589143714, 2.3726738618490586, 2.311054300288411, 2.300264707410667,
        2.4409600854527618, 2.468034365063278, 2.4717461961301868, 2.4601928964066024, 2.5108934038061315,
        2.5822581606771213, 2.5806682920573274,
    ]
    /// ta ATR(3) from row 2 on; rows 0 and 1 are 0.
    static let ta3Tail: [Double] = [
        2.7666666666666706, 3.161111111111115, 2.687407407407408, 2.5949382716049425, 2.693292181069957,
        2.162194787379969, 2.588129858253312, 2.4020865721688702, 2.5580577147792436, 2.7720384765194965,
        2.4846923176796634, 2.5297948784531106, 2.2665299189687436, 2.204353279312495, 2.2862355195416644,
        2.1074903463611094, 2.6149935642407427, 2.7533290428271626, 2.6088860285514395, 2.2659240190342924,
        2.0406160126895245, 2.290410675126347, 2.0669404500842328, 1.997960300056155, 2.228640200037436,
        2.479093466691625, 2.5460623111277525, 2.380708207418501, 2.2238054716123328, 1.9858703144082188,
        2.0439135429388116, 2.7859423619592065, 2.797294907972802, 2.7048632719818664, 2.573242181321245,
        2.7721614542141637, 3.0181076361427728, 2.865405090761849,
    ]

    @Test func atr14EqualsTa() {
        let expected = [Double](repeating: 0, count: 13) + Self.ta14Tail
        expectIdentical(ATR.series(high: f.highs, low: f.lows, close: f.closes), expected, "ATR(14)")
    }

    @Test func atr3EqualsTa() {
        let expected = [0.0, 0.0] + Self.ta3Tail
        expectIdentical(ATR.series(high: f.highs, low: f.lows, close: f.closes, period: 3), expected, "ATR(3)")
    }

    @Test func zeroBeforeRow13AndSeedIsMeanOfFirst14TrueRanges() {
        let atr = ATR.series(high: f.highs, low: f.lows, close: f.closes)
        #expect(atr[0...12].allSatisfy { $0 == 0 })
        var ranges = [f.highs[0] - f.lows[0]]
        for i in 1...13 {
            let p = f.closes[i - 1]
            ranges.append(max(f.highs[i] - f.lows[i], abs(f.highs[i] - p), abs(f.lows[i] - p)))
        }
        #expect(atr[13] == PairwiseSum.sum(ranges) / 14)
    }

    @Test func trueRangeUsesThePreviousClose() {
        // Period 1 makes ATR the true range itself. Row 0: H - L = 1. Row 1: |H - C0| = 2.5.
        // Row 2 gaps down: |L - C1| = 4.5.
        let atr = ATR.series(high: [10, 12, 8], low: [9, 11, 7], close: [9.5, 11.5, 7.5], period: 1)
        #expect(atr == [1, 2.5, 4.5])
    }

    @Test func smoothingRecursion() {
        // Period 2: TR0 = 2, TR1 = max(4, |14 - 9|, |10 - 9|) = 5, so row 1 = (2 + 5) / 2 = 3.5;
        // TR2 = max(1, |13 - 10|, |12 - 10|) = 3, so row 2 = (3.5 * 1 + 3) / 2 = 3.25.
        let atr = ATR.series(high: [10, 14, 13], low: [8, 10, 12], close: [9, 10, 12.5], period: 2)
        #expect(atr == [0, 3.5, 3.25])
    }

    @Test func indicatorsAtrIsZeroWithoutHighLow() {
        let atr = Indicators.atr(f.series(hasHighLow: false))
        #expect(atr.count == f.closes.count)
        #expect(atr.allSatisfy { $0 == 0 })
    }

    @Test func indicatorsAtrWithHighLowIsATR() {
        let expected = [Double](repeating: 0, count: 13) + Self.ta14Tail
        expectIdentical(Indicators.atr(f.series()), expected, "Indicators.atr")
    }

    @Test func shortSeriesStaysZero() {
        #expect(ATR.series(high: [2, 3], low: [1, 1], close: [1.5, 2]) == [0, 0])
        #expect(ATR.series(high: [], low: [], close: []).isEmpty)
    }
}
