import QSHCore
import Testing

/// A fixed 40-bar OHLC sample shared by the indicator tests. Closes are a rounded random walk
/// with a constant stretch (rows 18...24 at 101.37); row 30 gaps so that |L - previous close|
/// is its true range. Expected values in the tests were computed from these literals with
/// pandas 3.1.1 / numpy 2.4.6 / ta 0.11.0 and pasted with full `repr` precision.
enum IndicatorFixtures {
    static let closes: [Double] = [
        100.61, 101.82, 103.3, 105.51, 106.71, 108.82, 106.47, 106.3, 108.52, 109.26,
        111.26, 109.33, 109.18, 107.91, 108.13, 108.5, 106.07, 104.65, 101.37, 101.37,
        101.37, 101.37, 101.37, 101.37, 101.37, 100.27, 102.35, 103.68, 101.98, 103.47,
        101.66, 102.25, 100.38, 97.89, 99.75, 98.3, 96.88, 99.29, 101.15, 100.1,
    ]
    static let highs: [Double] = [
        102.34, 103.04, 104.99, 107.25, 107.25, 109.12, 106.59, 107.39, 109.74, 109.82,
        112.13, 110.2, 109.28, 107.95, 109.65, 109.92, 107.11, 104.73, 103.09, 102.73,
        103.07, 102.01, 102.77, 102.72, 102.92, 101.97, 102.96, 105.33, 103.64, 104.03,
        101.86, 102.52, 102.17, 97.98, 100.71, 98.73, 98.37, 100.05, 102.8, 100.99,
    ]
    static let lows: [Double] = [
        99.64, 101.45, 102.06, 103.9, 106.06, 108.56, 105.93, 106.29, 107.91, 107.79,
        110.69, 108.06, 107.42, 106.56, 108.1, 107.84, 106.05, 104.32, 101.02, 99.7,
        100.75, 100.43, 101.18, 99.93, 101.3, 100.11, 101.25, 103.07, 101.0, 102.9,
        101.56, 101.01, 100.09, 96.11, 99.02, 97.23, 96.06, 99.19, 101.09, 98.59,
    ]

    static func series(hasHighLow: Bool = true) -> BarSeries {
        BarSeries(
            timestamps: (0..<Int64(closes.count)).map { $0 * 86_400_000 }, open: closes, high: highs,
            low: lows, close: closes, volume: [Double](repeating: 1, count: closes.count), hasHighLow: hasHighLow)
    }
}

/// Element-wise bit-exact comparison (NaN equals NaN) that names the first differing row.
func expectIdentical(
    _ got: [Double], _ expected: [Double], _ what: String = "series",
    sourceLocation: SourceLocation = #_sourceLocation
) {
    #expect(got.count == expected.count, "\(what): \(got.count) rows, expected \(expected.count)",
            sourceLocation: sourceLocation)
    if let row = (0..<min(got.count, expected.count)).first(where: { !sameBits(got[$0], expected[$0]) }) {
        Issue.record("\(what): row \(row) is \(got[row]), expected \(expected[row])", sourceLocation: sourceLocation)
    }
}
