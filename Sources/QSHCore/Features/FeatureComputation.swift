/// How each feature column is computed: one pass over the series with the same indicator
/// state the fused single-run path updates per bar, so the column holds the same bits.
enum FeatureComputation {
    static func values(_ key: FeatureKey, of series: BarSeries, in set: FeatureSet) -> FeatureColumn<Double> {
        let count = series.count
        return series.withBarPointers { bars in
            FeatureColumn(count: count) { out in indicator(key, bars, count: count, hasHighLow: series.hasHighLow, into: out) }
        }
    }

    /// The columns computed from the bars alone. (Not inlined: inlining it into `FeatureSet`
    /// crashes the Swift 6.3.1 optimizer, "Found ownership error".)
    @inline(never)
    private static func indicator(
        _ key: FeatureKey, _ bars: BarPointers, count: Int, hasHighLow: Bool, into out: UnsafeMutableBufferPointer<Double>
    ) {
        switch key {
        case .sma(let window):
            var mean = RollingMean(window: window)
            for row in 0..<count { out[row] = mean.update(bars.close, index: row) }
        case .rsi(let period):
            var rsi = RSI(period: period)
            for row in 0..<count { out[row] = rsi.update(bars.close[row]) }
        case .atr(let period):
            atr(bars, count: count, hasHighLow: hasHighLow, period: period, into: out)
        case .barReturn:
            // Same expression as the kernel: `c / previous - 1`, previous = c on row 0.
            var previous = count > 0 ? bars.close[0] : 0
            for row in 0..<count {
                let c = bars.close[row]
                out[row] = c / previous - 1
                previous = c
            }
        case .closeCrossesSMA, .rsiCrossGates:
            preconditionFailure("\(key) is not a value column")
        }
    }

    static func flags(_ key: FeatureKey, of series: BarSeries, in set: FeatureSet) -> FeatureColumn<Int8> {
        guard case .closeCrossesSMA(let window) = key else { preconditionFailure("\(key) is not a flag column") }
        let average = set.values(.sma(window: window))
        let count = series.count
        return series.withBarPointers { bars in
            FeatureColumn(count: count) { out in
                let m = average.baseAddress
                let c = bars.close
                if count > 0 { out[0] = 0 }
                for row in 1..<max(count, 1) {
                    out[row] = crossing(close: c[row], average: m[row], previousClose: c[row - 1], previousAverage: m[row - 1])
                }
            }
        }
    }

    /// `.rsiCrossGates`: RollingMean and RSI side by side over close, the cross of each row
    /// folded into its RSI (see `FeatureKey.rsiCrossGates`).
    static func pair(_ key: FeatureKey, of series: BarSeries) -> (FeatureColumn<Double>, FeatureColumn<Double>) {
        guard case .rsiCrossGates(let window, let period) = key else { preconditionFailure("\(key) is not a column pair") }
        let count = series.count
        return series.withBarPointers { bars in
            FeatureColumn.pair(count: count) { entries, exits in
                var mean = RollingMean(window: window)
                var rsi = RSI(period: period)
                var previousClose = Double.nan, previousAverage = Double.nan
                for row in 0..<count {
                    let c = bars.close[row]
                    let m = mean.update(bars.close, index: row)
                    let r = rsi.update(c)
                    // Row 0 compares with NaN: no cross, like `.closeCrossesSMA`.
                    let cross = crossing(close: c, average: m, previousClose: previousClose, previousAverage: previousAverage)
                    entries[row] = cross > 0 ? r : .nan
                    exits[row] = cross < 0 ? .infinity : r
                    previousClose = c
                    previousAverage = m
                }
            }
        }
    }

    /// +1 when close crosses above its average at this row, -1 below, else 0: the fused
    /// rule's comparisons in the same form (NaN compares false).
    @inline(__always)
    static func crossing(close c: Double, average m: Double, previousClose pc: Double, previousAverage pm: Double) -> Int8 {
        let up = Branchless.all(c > m, pc <= pm, true)
        let down = Branchless.all(c < m, pc >= pm, true)
        return Int8(Branchless.bit(up)) - Int8(Branchless.bit(down))
    }

    static func atr(
        _ bars: BarPointers, count: Int, hasHighLow: Bool, period: Int, into out: UnsafeMutableBufferPointer<Double>
    ) {
        guard hasHighLow else {
            out.initialize(repeating: 0)
            return
        }
        var state = ATR(period: period)
        for row in 0..<count { out[row] = state.update(high: bars.high[row], low: bars.low[row], close: bars.close[row]) }
    }
}
