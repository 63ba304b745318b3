/// Trading costs charged on the bar of each trade, as return penalties (backtest) or as price
/// and cash adjustments (paper broker).
public struct CostModel: Sendable, Equatable {
    public enum SlippageMode: String, Sendable, CaseIterable { case fixed, atr }

    public static let defaultFee = 0.002
    public static let defaultSlippageBps = 8.0
    public static let defaultKATR = 0.05
    /// Bounds of the ATR-scaled slippage, as a fraction of price.
    public static let atrSlippageBounds = 0.0002...0.0030

    public var fee: Double
    public var slippageBps: Double
    public var slippageMode: SlippageMode
    public var kATR: Double

    public init(
        fee: Double = CostModel.defaultFee, slippageBps: Double = CostModel.defaultSlippageBps,
        slippageMode: SlippageMode = .fixed, kATR: Double = CostModel.defaultKATR
    ) {
        self.fee = fee
        self.slippageBps = slippageBps
        self.slippageMode = slippageMode
        self.kATR = kATR
    }

    /// Rejects values no market has: negative or non-finite costs.
    public func validate() throws(InvalidInputError) {
        guard fee.isFinite, fee >= 0, fee < 1 else {
            throw InvalidInputError("--fee: \(fee) must be a fraction in [0, 1)")
        }
        guard slippageBps.isFinite, slippageBps >= 0, slippageBps < 10_000 else {
            throw InvalidInputError("--slippage-bps: \(slippageBps) must be in [0, 10000)")
        }
        guard kATR.isFinite, kATR >= 0 else {
            throw InvalidInputError("--k-atr: \(kATR) must be a non-negative number")
        }
    }

    /// The per-bar slippage of the frame that starts at `frameStart`.
    public func slippageTrack(for series: BarSeries, frameStart: Int) -> SlippageTrack {
        switch slippageMode {
        case .fixed:
            return .fixed(slippageBps / 10_000)
        case .atr:
            let atr = Indicators.atr(series)
            let frame = (frameStart..<series.count).map { row -> Double in
                let close = series.close[row]
                guard close > 0 else { return CostModel.atrSlippageBounds.lowerBound }
                return min(max(kATR * atr[row] / close, CostModel.atrSlippageBounds.lowerBound),
                           CostModel.atrSlippageBounds.upperBound)
            }
            return .perBar(frame)
        }
    }
}

/// Slippage for each frame bar: one constant, or one value per bar (ATR mode).
public enum SlippageTrack: Sendable {
    case fixed(Double)
    case perBar([Double])

    public subscript(frameIndex: Int) -> Double {
        switch self {
        case .fixed(let value): value
        case .perBar(let values): values[frameIndex]
        }
    }
}
