import QSHCore
import Testing

/// `RollingMean` against pandas `Series.rolling(n).mean()` (pandas 3.1.1), bit for bit.
@Suite struct RollingMeanTests {
    static let closes = IndicatorFixtures.closes

    /// `pd.Series(closes).rolling(3).mean()`.
    static let pandas3: [Double] = [
        .nan, .nan, 101.91000000000001, 103.54333333333334, 105.17333333333333, 107.01333333333332,
        107.33333333333333, 107.19666666666666, 107.09666666666665, 108.02666666666666, 109.67999999999999,
        109.95, 109.92333333333335, 108.80666666666667, 108.40666666666668, 108.18, 107.56666666666666,
        106.40666666666665, 104.02999999999999, 102.46333333333332, 101.37, 101.37, 101.37, 101.37, 101.37,
        101.00333333333333, 101.33, 102.10000000000001, 102.67, 103.04333333333334, 102.37, 102.46, 101.43,
        100.17333333333333, 99.33999999999999, 98.64666666666666, 98.31, 98.15666666666668, 99.10666666666667,
        100.17999999999999,
    ]
    /// `pd.Series(closes).rolling(5).mean()`.
    static let pandas5: [Double] = [
        .nan, .nan, .nan, .nan, 103.59, 105.232, 106.16199999999999, 106.76200000000001, 107.36399999999999,
        107.874, 108.362, 108.934, 109.51000000000002, 109.388, 109.16199999999999, 108.60999999999999,
        107.958, 107.05199999999999, 105.744, 104.39200000000001, 102.96600000000001, 102.026, 101.37, 101.37,
        101.37, 101.15, 101.346, 101.808, 101.93, 102.35, 102.628, 102.60799999999999, 101.94800000000001,
        101.13, 100.386, 99.714, 98.64, 98.422, 99.074, 99.144,
    ]
    /// `pd.Series(closes).rolling(20).mean()` from row 19 on (rows 0...18 are NaN).
    static let pandas20Tail: [Double] = [
        106.25450000000001, 106.29249999999999, 106.27000000000001, 106.17349999999999, 105.9665,
        105.69949999999999, 105.272, 105.066, 104.93499999999999, 104.60799999999999, 104.3185, 103.8385,
        103.4845, 103.0445, 102.5435, 102.12450000000001, 101.6145, 101.155, 100.887, 100.876, 100.8125,
    ]

    @Test func window3EqualsPandas() {
        expectIdentical(RollingMean.series(Self.closes, window: 3), Self.pandas3, "rolling(3)")
    }

    @Test func window5EqualsPandas() {
        expectIdentical(RollingMean.series(Self.closes, window: 5), Self.pandas5, "rolling(5)")
    }

    @Test func window20EqualsPandas() {
        let expected = [Double](repeating: .nan, count: 19) + Self.pandas20Tail
        expectIdentical(RollingMean.series(Self.closes, window: 20), expected, "rolling(20)")
    }

    @Test func windowOneIsTheInput() {
        expectIdentical(RollingMean.series(Self.closes, window: 1), Self.closes, "rolling(1)")
    }

    @Test func constantStretchReturnsTheRepeatedValueExactly() {
        // Rows 18...24 are all 101.37: once a window lies inside the stretch pandas returns
        // the value itself.
        let mean5 = RollingMean.series(Self.closes, window: 5)
        #expect(mean5[22...24].allSatisfy { $0 == 101.37 })
        let mean3 = RollingMean.series(Self.closes, window: 3)
        #expect(mean3[20...24].allSatisfy { $0 == 101.37 })
    }

    @Test func constantGuardBeatsTheCompensatedSum() {
        // pandas: [nan, nan, 3333333374.6, 41.300000000000004, 0.1, 0.1, 0.1]. The running
        // compensated sum alone would give 0.10000000000000002 for the last three rows.
        let values = [1e10, 123.7, 0.1, 0.1, 0.1, 0.1, 0.1]
        expectIdentical(
            RollingMean.series(values, window: 3), [.nan, .nan, 3333333374.6, 41.300000000000004, 0.1, 0.1, 0.1],
            "rolling(3) after a spike")
    }

    @Test func allNegativeWindowNeverHasAPositiveMean() {
        // pandas returns exactly 0.0 where a window of negatives would otherwise average to a
        // small positive residue left by the removal of huge values.
        let values = [1.5, 7.0, 7.0, 0.3, -7.0, 1e16, -3e15, 0.3, -0.1, -0.2, -0.3]
        let got = RollingMean.series(values, window: 3)
        #expect(got[8] == -999999999999999.6)
        #expect(got[9] == 0.3333333333333333)
        #expect(got[10] == 0.0)
    }

    @Test func streamingUpdateEqualsSeries() {
        var state = RollingMean(window: 5)
        let streamed = Self.closes.withUnsafeBufferPointer { buffer in
            (0..<buffer.count).map { state.update(buffer.baseAddress!, index: $0) }
        }
        expectIdentical(streamed, Self.pandas5, "streamed rolling(5)")
        #expect(state.window == 5)
    }

    @Test func shortInputIsAllUndefined() {
        #expect(RollingMean.series([1, 2, 3], window: 5).allSatisfy { $0.isNaN })
        #expect(RollingMean.series([], window: 5).isEmpty)
    }

    @Test func indicatorsSmaIsRollingMean() {
        expectIdentical(Indicators.sma(Self.closes, window: 5), Self.pandas5, "Indicators.sma")
    }

    /// pandas skips NaN: `pd.Series([1, 2, nan, 4, 5, 6, 7]).rolling(2).mean()` is
    /// [nan, 1.5, nan, nan, 4.5, 5.5, 6.5]. `RollingMean` adds the NaN to its running sum, which
    /// stays NaN forever after. Unreachable through the loaders today (rows with a missing value
    /// are dropped), but it breaks the type's "pandas bit for bit" promise.
    @Test(.disabled("questionable: a NaN input poisons RollingMean for good; pandas skips it and recovers once it leaves the window"))
    func nanLeavesTheWindowAsInPandas() {
        expectIdentical(
            RollingMean.series([1, 2, .nan, 4, 5, 6, 7], window: 2), [.nan, 1.5, .nan, .nan, 4.5, 5.5, 6.5],
            "rolling(2) over a NaN")
    }
}
