import QSHCore
import Testing

/// `ExponentialAverage` and `Indicators.ema` against pandas `ewm(..., adjust=False).mean()`.
@Suite struct ExponentialAverageTests {
    static let closes = IndicatorFixtures.closes

    /// `pd.Series(closes).ewm(alpha=0.3, adjust=False).mean()`.
    static let pandasAlpha03: [Double] = [
        100.61, 100.97299999999998, 101.67109999999998, 102.82276999999999, 103.98893899999999,
        105.43825729999998, 105.74778010999998, 105.91344607699997, 106.69541225389997, 107.46478857772996,
        108.60335200441097, 108.82134640308766, 108.92894248216135, 108.62325973751294, 108.47528181625904,
        108.48269727138133, 107.75888808996692, 106.82622166297683, 105.18935516408378, 104.04354861485864,
        103.24148403040104, 102.68003882128072, 102.2870271748965, 102.01191902242755, 101.81934331569929,
        101.35454032098949, 101.65317822469264, 102.26122475728484, 102.17685733009938, 102.56480013106956,
        102.2933600917487, 102.28035206422408, 101.71024644495685, 100.56417251146979, 100.31992075802884,
        99.71394453062018, 98.86376117143412, 98.99163282000387, 99.63914297400271, 99.77740008180189,
    ]
    /// `pd.Series(closes).ewm(alpha=1/14, adjust=False).mean()` (the RSI smoothing).
    static let pandasAlphaOver14: [Double] = [
        100.61, 100.69642857142858, 100.88239795918369, 101.21294096209915, 101.60558803623493,
        102.12090317650387, 102.43155294961075, 102.70787059606712, 103.12302269634806, 103.56137821803749,
        104.11127977389197, 104.48404550432826, 104.81947082544768, 105.04022290934427, 105.26092127296253,
        105.4922840391795, 105.53354946495239, 105.47043878888435, 105.17755030396405, 104.90558242510949,
        104.65304082331596, 104.41853790736484, 104.20078519969593, 103.99858625686052, 103.8108300956562,
        103.55791366025218, 103.47163411309131, 103.48651739072764, 103.37890900567567, 103.38541550527026,
        103.2621715406081, 103.1898735734218, 102.98916831817739, 102.62494200973615, 102.4195890090407,
        102.1253326512521, 101.75066603330552, 101.57490417378371, 101.54455387565629, 101.44137145596656,
    ]
    /// `pd.Series(closes).ewm(span=10, adjust=False, min_periods=10).mean()` from row 9 on.
    static let pandasSpan10Tail: [Double] = [
        106.14258328960952, 107.07302269149869, 107.48338220213529, 107.79185816538342, 107.81333849895006,
        107.87091331732276, 107.98529271417317, 107.63705767523258, 107.09395627973575, 106.05323695614743,
        105.20173932775698, 104.50505944998298, 103.93504864089516, 103.4686761607324, 103.08709867696287,
        102.77489891751507, 102.31946275069414, 102.32501497784065, 102.57137589096052, 102.46385300169497,
        102.64678881956861, 102.46737267055613, 102.42785036681865, 102.05551393648797, 101.29814776621743,
        101.01666635417789, 100.52272701705463, 99.86041301395377, 99.75670155687126, 100.01002854653103,
        100.0263869926163,
    ]

    @Test func alpha03EqualsPandas() {
        expectIdentical(ExponentialAverage.series(Self.closes, alpha: 0.3), Self.pandasAlpha03, "ewm(alpha=0.3)")
    }

    @Test func alphaOneOver14EqualsPandas() {
        expectIdentical(
            ExponentialAverage.series(Self.closes, alpha: 1.0 / 14.0), Self.pandasAlphaOver14, "ewm(alpha=1/14)")
    }

    @Test func indicatorsEmaUsesSpanAndMinPeriods() {
        let expected = [Double](repeating: .nan, count: 9) + Self.pandasSpan10Tail
        expectIdentical(Indicators.ema(Self.closes, span: 10), expected, "Indicators.ema(span: 10)")
    }

    @Test func spanInitialiserIsAlphaTwoOverNPlusOne() {
        #expect(ExponentialAverage(span: 10).alpha == ExponentialAverage(alpha: 2.0 / 11.0).alpha)
        #expect(abs(ExponentialAverage(span: 10).alpha - 2.0 / 11.0) < 1e-16)
        #expect(abs(ExponentialAverage(alpha: 0.3).alpha - 0.3) < 1e-16)
    }

    @Test func minPeriodsMasksTheWarmUp() {
        let masked = ExponentialAverage.series(Self.closes, alpha: 0.3, minPeriods: 4)
        #expect(masked[0..<3].allSatisfy { $0.isNaN })
        expectIdentical(Array(masked[3...]), Array(Self.pandasAlpha03[3...]), "ewm(alpha=0.3, min_periods=4)")
    }

    @Test func streamingStateSeedsWithTheFirstValue() {
        var state = ExponentialAverage(alpha: 0.3)
        #expect(state.current.isNaN)
        #expect(state.update(100.61) == 100.61)
        #expect(state.update(101.82) == 100.97299999999998)
        #expect(state.current == 100.97299999999998)
    }

    @Test func constantInputStaysExactlyConstant() {
        var state = ExponentialAverage(alpha: 1.0 / 14.0)
        for _ in 0..<100 { _ = state.update(0.1) }
        #expect(state.current == 0.1)
        // Reaching the value exactly freezes the average: pandas skips the update when m == x.
        var zeroes = ExponentialAverage(alpha: 0.5)
        _ = zeroes.update(0)
        #expect(zeroes.update(0) == 0)
        #expect(zeroes.update(4) == 2)
    }

    @Test func emptyInput() {
        #expect(ExponentialAverage.series([], alpha: 0.5).isEmpty)
        #expect(Indicators.ema([], span: 3).isEmpty)
    }
}
