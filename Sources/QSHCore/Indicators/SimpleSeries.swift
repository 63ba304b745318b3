/// Whole-series helpers for the indicators that strategies and reports use outside hot loops.
public enum Indicators {
    public static func sma(_ values: [Double], window: Int) -> [Double] {
        RollingMean.series(values, window: window)
    }

    /// EMA of span `n` seeded at the first value (pandas `ewm(span: n, adjust: False)`),
    /// NaN for the first `n - 1` rows.
    public static func ema(_ values: [Double], span: Int) -> [Double] {
        ExponentialAverage.series(values, alpha: 2.0 / (Double(span) + 1.0), minPeriods: span)
    }

    public static func rsi(_ closes: [Double], period: Int = 14, method: RSI.Method = .exponential) -> [Double] {
        RSI.series(closes, period: period, method: method)
    }

    public static func atr(_ series: BarSeries, period: Int = 14) -> [Double] {
        guard series.hasHighLow else { return [Double](repeating: 0, count: series.count) }
        return ATR.series(high: series.high, low: series.low, close: series.close, period: period)
    }
}
