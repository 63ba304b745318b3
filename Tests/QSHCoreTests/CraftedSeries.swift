import QSHCore

/// A 174-bar close series crafted to exercise every rule of `rsi_ma_cross_v2` (frame of 75 bars
/// after the 99-row warm-up). Prices are whole cents divided by 100, so Python and Swift build
/// identical doubles. Expected signals and metrics were computed by a straightforward pandas/`ta`
/// implementation of contract.md section 1.
///
/// Frame events with the default parameters (k = frame bar, RSI = ta RSI(14)):
/// - k 2: cross down while flat (ignored)
/// - k 9: cross up, RSI 50.07 < 60: BUY
/// - k 13: no cross, RSI 75.54 > 75: SELL
/// - k 25: cross down while flat (ignored)
/// - k 26: cross up but RSI 61.31 >= 60: no buy
/// - k 32: cross down while flat (ignored)
/// - k 44...64: flat at 97.50 (MA20 becomes exactly 97.50)
/// - k 65: cross up, RSI 33.81: BUY;  k 67: cross down: SELL
/// - k 71: cross up, RSI 38.99: BUY, held open to the end (k 74)
enum CraftedSeries {
    static let wave = [0, 120, 230, 300, 230, 120, 0, -120, -230, -300, -230, -120]
    static let moves: [Int] =
        Array(repeating: -80, count: 6) + Array(repeating: 50, count: 4) + Array(repeating: 250, count: 6)
        + Array(repeating: -60, count: 8) + Array(repeating: -100, count: 2) + Array(repeating: 300, count: 3)
        + Array(repeating: -120, count: 16) + Array(repeating: 0, count: 20) + [50, 30, -100]
        + Array(repeating: 0, count: 3) + [50] + Array(repeating: 30, count: 3)

    static let cents: [Int] = {
        var c = (0..<99).map { 10_000 + wave[$0 % 12] }
        var x = c[98]
        for m in moves {
            x += m
            c.append(x)
        }
        return c
    }()

    static let closes: [Double] = cents.map { Double($0) / 100 }

    /// Daily bars (timestamps one day apart from 0), high/low half a unit around the close.
    static func series(hasHighLow: Bool = true) -> BarSeries {
        BarSeries(
            timestamps: (0..<Int64(closes.count)).map { $0 * 86_400_000 }, open: closes,
            high: closes.map { $0 + 0.5 }, low: closes.map { $0 - 0.5 }, close: closes,
            volume: [Double](repeating: 1_000, count: closes.count), hasHighLow: hasHighLow)
    }

    /// Frame-bar signals, as a sparse map of the non-zero ones.
    static func signals(_ strategy: any Strategy, on series: BarSeries = series()) -> [Int: Int8] {
        var buffer = [Int8](repeating: 0, count: series.count - strategy.warmupRows)
        buffer.withUnsafeMutableBufferPointer { strategy.writeSignals(series, into: $0) }
        var sparse: [Int: Int8] = [:]
        for (k, s) in buffer.enumerated() where s != 0 { sparse[k] = s }
        return sparse
    }
}

/// Bars from raw closes (daily timestamps, high = low = close).
func closeOnlyBars(_ closes: [Double], hasHighLow: Bool = false) -> BarSeries {
    BarSeries(
        timestamps: (0..<Int64(closes.count)).map { $0 * 86_400_000 }, open: closes, high: closes, low: closes,
        close: closes, volume: [Double](repeating: 1, count: closes.count), hasHighLow: hasHighLow)
}
