/// A parameter-independent column derived from a series: what many parameter sets of a
/// strategy share, computed once per loaded series by a `FeatureSet`.
///
/// Every column is row-aligned with the series (row `r` of the column belongs to bar `r`) and
/// computed over the whole series from row 0, exactly as the fused single-run path computes
/// the same indicator, so rules reading a column see the same bits.
public enum FeatureKey: Hashable, Sendable, CustomStringConvertible {
    /// pandas' `rolling(window).mean()` of close (`RollingMean`); NaN until `window` rows.
    case sma(window: Int)
    /// RSI of close as the reference computes it (`RSI`, exponential); NaN for `period - 1` rows.
    case rsi(period: Int)
    /// ATR as the reference computes it (`ATR`); all zeros when the series has no high/low.
    case atr(period: Int)
    /// `close[r] / close[r - 1] - 1`; row 0 holds `close[0] / close[0] - 1`.
    case barReturn
    /// Close crossing its `window`-bar average at row `r` (compared with row `r - 1`): +1 for
    /// `C_r > MA_r && C_{r-1} <= MA_{r-1}`, -1 for `C_r < MA_r && C_{r-1} >= MA_{r-1}`, else 0;
    /// row 0 is 0. (A frame's first bar has no cross whatever this says: rules mask it.)
    case closeCrossesSMA(window: Int)
    /// RSI(`period`) folded into the cross of close and its `window`-bar average, as a pair of
    /// columns (`FeatureSet.pair`), so that an entry or exit test is one comparison of one
    /// value per bar:
    /// - `first`: RSI on the rows where close crosses above the average, NaN elsewhere
    ///   (`first < x` is exactly "cross up and RSI < x");
    /// - `second`: +infinity on the rows where close crosses below the average, RSI elsewhere
    ///   (`second > x` is exactly "cross down or RSI > x" for finite `x`).
    /// Computed in one pass from close (the average, RSI and flags are not stored).
    case rsiCrossGates(window: Int, period: Int)

    public enum Kind: Sendable {
        /// `Double` per row (`FeatureSet.values`).
        case values
        /// `Int8` per row (`FeatureSet.flags`).
        case flags
        /// Two `Double` columns (`FeatureSet.pair`).
        case pair
    }

    public var kind: Kind {
        switch self {
        case .sma, .rsi, .atr, .barReturn: .values
        case .closeCrossesSMA: .flags
        case .rsiCrossGates: .pair
        }
    }

    public var description: String {
        switch self {
        case .sma(let window): "sma(\(window))"
        case .rsi(let period): "rsi(\(period))"
        case .atr(let period): "atr(\(period))"
        case .barReturn: "bar_return"
        case .closeCrossesSMA(let window): "close_crosses_sma(\(window))"
        case .rsiCrossGates(let window, let period): "rsi_cross_gates(\(window), \(period))"
        }
    }
}
