import QSHCore
import Testing

/// RSI: `.exponential` against the `ta` library (0.11.0) bit for bit; `.wilder` against a
/// hand computation and the textbook (StockCharts) example.
@Suite struct RSITests {
    static let closes = IndicatorFixtures.closes

    /// `ta.momentum.RSIIndicator(pd.Series(closes), 14).rsi()` from row 13 on (rows 0...12 NaN).
    /// Rows 19...24 follow the constant stretch: no change, both averages decay alike.
    static let ta14Tail: [Double] = [
        62.61126666476281, 63.32049597553943, 64.5388200671635, 52.2613419724945, 46.67371654156481,
        36.86822909403653, 36.86822909403653, 36.86822909403652, 36.86822909403652, 36.86822909403652,
        36.86822909403652, 36.86822909403652, 32.96630592771676, 44.85170704058619, 50.85233336906217,
        44.22797885724896, 50.334696063285904, 44.028057521897594, 46.386174819782106, 40.554323253001066,
        34.35976296102588, 41.54282224119736, 38.047367638203426, 34.946282578485864, 43.38090031206909,
        48.88884495009347, 46.15896405755469,
    ]
    /// `ta.momentum.RSIIndicator(pd.Series(closes), 5).rsi()` from row 4 on. Rows 4 and 5 are
    /// 100: the first six closes only rise.
    static let ta5Tail: [Double] = [
        100.0, 100.0, 66.1394058240914, 64.17447190165736, 75.87433936173888, 78.76401741630684,
        84.88164537823377, 62.9921982568556, 61.45260754821983, 48.823563770559296, 51.00388638374873,
        55.031503204180744, 32.85775954587467, 25.386118046152205, 15.324610798707795, 15.324610798707795,
        15.324610798707795, 15.324610798707795, 15.324610798707795, 15.324610798707795, 15.324610798707795,
        9.37970597181966, 52.72633811972287, 65.8012429033683, 45.63501144746531, 59.300545268766086,
        42.91888129740556, 48.69388069182343, 34.76076139732491, 23.54654532688565, 41.24539874195989,
        33.65360098508722, 27.46515583233473, 47.820843227226774, 58.93782622836676, 51.235109578507334,
    ]

    @Test func exponential14EqualsTaIncludingWarmUp() {
        let expected = [Double](repeating: .nan, count: 13) + Self.ta14Tail
        expectIdentical(RSI.series(Self.closes), expected, "RSI(14)")
        expectIdentical(Indicators.rsi(Self.closes), expected, "Indicators.rsi")
    }

    @Test func exponential5EqualsTa() {
        let expected = [Double](repeating: .nan, count: 4) + Self.ta5Tail
        expectIdentical(RSI.series(Self.closes, period: 5), expected, "RSI(5)")
    }

    @Test func firstValueIsOnRow13() {
        let rsi = RSI.series(Self.closes)
        #expect(rsi[0...12].allSatisfy { $0.isNaN })
        #expect(!rsi[13].isNaN)
        #expect(RSI(period: 14, method: .exponential).warmupRows == 13)
        #expect(RSI(period: 14, method: .wilder).warmupRows == 14)
    }

    @Test func monotonicRiseIs100AndFallIs0() {
        // ta gives NaN on rows 0...12, then 100 (average loss exactly 0) and 0 respectively.
        let rise = RSI.series((1...20).map(Double.init))
        #expect(rise[0...12].allSatisfy { $0.isNaN })
        #expect(rise[13...].allSatisfy { $0 == 100 })
        let fall = RSI.series((0..<20).map { 30 - Double($0) })
        #expect(fall[13...].allSatisfy { $0 == 0 })
    }

    @Test func flatSeriesIs100() {
        // Both averages are 0; the reference's rule "average loss 0 => 100" applies.
        #expect(RSI.series([Double](repeating: 42, count: 15))[13...].allSatisfy { $0 == 100 })
    }

    @Test func streamingUpdateMatchesTheSeries() {
        var state = RSI()
        let streamed = Self.closes.map { state.update($0) }
        expectIdentical(streamed, RSI.series(Self.closes), "streamed RSI")
        #expect(state.period == 14 && state.method == .exponential)
    }

    // MARK: Wilder

    /// The classic StockCharts RSI worksheet closes (Wilder's method, 14 periods).
    static let textbookCloses: [Double] = [
        44.34, 44.09, 44.15, 43.61, 44.33, 44.83, 45.10, 45.42, 45.84, 46.08, 45.89, 46.03, 45.61, 46.28,
        46.28, 46.00, 46.03, 46.41, 46.22, 45.64, 46.21, 46.25, 45.71, 46.45, 45.78, 45.35, 44.03, 44.18,
        44.22, 44.57, 43.42, 42.66, 43.13,
    ]
    /// The worksheet's published RSI from row 14 on (rounded to 2 decimals; the sheet rounds its
    /// intermediate averages, so it is only good to about 0.1).
    static let textbookRSI: [Double] = [
        70.53, 66.32, 66.55, 69.41, 66.36, 57.97, 62.93, 63.26, 56.06, 62.38, 54.71, 50.42, 39.99, 41.46,
        41.87, 45.46, 37.30, 33.08, 37.77,
    ]
    /// The same computed by hand in full precision (Python): averages seeded with the plain
    /// left-to-right sum of the first 14 changes divided by 14, then `(avg * 13 + x) / 14`.
    static let handRSI: [Double] = [
        70.46413502109705, 66.24961855355505, 66.48094183471265, 69.34685316290866, 66.29471265892624,
        57.91502067008556, 62.880718309962404, 63.20878871828778, 56.01158478954757, 62.33992931089789,
        54.67097137765516, 50.386815195114224, 40.01942379131357, 41.49263540422282, 41.90242967845811,
        45.499497238680405, 37.322778313379956, 33.09048257272339, 37.788771982057824,
    ]

    @Test func wilderMatchesHandComputation() {
        let expected = [Double](repeating: .nan, count: 14) + Self.handRSI
        expectIdentical(RSI.series(Self.textbookCloses, method: .wilder), expected, "Wilder RSI(14)")
    }

    @Test func wilderAgreesWithTheTextbookWorksheet() {
        let got = Array(RSI.series(Self.textbookCloses, method: .wilder)[14...])
        for (row, (value, published)) in zip(got, Self.textbookRSI).enumerated() {
            #expect(abs(value - published) < 0.1, "row \(row + 14): \(value) vs textbook \(published)")
        }
    }

    @Test func wilderDiffersFromTheExponentialVariant() {
        let wilder = RSI.series(Self.textbookCloses, method: .wilder)
        let exponential = RSI.series(Self.textbookCloses, method: .exponential)
        #expect(wilder[13].isNaN && !exponential[13].isNaN)
        #expect(wilder[20] != exponential[20])
    }

    @Test func wilderMonotonicRiseIs100() {
        let rise = RSI.series((1...20).map(Double.init), method: .wilder)
        #expect(rise[0...13].allSatisfy { $0.isNaN })
        #expect(rise[14...].allSatisfy { $0 == 100 })
    }
}
