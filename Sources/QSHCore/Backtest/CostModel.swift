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

    /// The per-bar slippage of the frame that starts at `frameStart` (ATR mode: a fresh ATR
    /// pass and one value per frame bar, for a single run).
    public func slippageTrack(for series: BarSeries, frameStart: Int) -> SlippageTrack {
        switch slippageMode {
        case .fixed:
            return .fixed(slippageBps / 10_000)
        case .atr:
            let atr = Indicators.atr(series)
            return .perBar((frameStart..<series.count).map { row in
                CostModel.atrSlippage(kATR: kATR, atr: atr[row], close: series.close[row])
            })
        }
    }

    /// The same track over a shared feature set: ATR mode reads the set's ATR column on
    /// demand, so a run allocates nothing for it.
    public func slippageTrack(features: FeatureSet, frameStart: Int) -> SlippageTrack {
        switch slippageMode {
        case .fixed:
            return .fixed(slippageBps / 10_000)
        case .atr:
            return .atr(ATRSlippage(
                kATR: kATR, atr: features.values(CostModel.atrFeature), close: features.series.close,
                frameStart: frameStart))
        }
    }

    /// The ATR column ATR-mode slippage reads.
    public static let atrFeature = FeatureKey.atr(period: 14)

    /// The features `slippageTrack(features:frameStart:)` reads.
    public var requiredFeatures: [FeatureKey] { slippageMode == .atr ? [CostModel.atrFeature] : [] }

    /// `clamp(k_atr * ATR / close, 0.0002, 0.0030)`, the lower bound when `close <= 0`.
    @inlinable @inline(__always)
    public static func atrSlippage(kATR: Double, atr: Double, close: Double) -> Double {
        guard close > 0 else { return atrSlippageBounds.lowerBound }
        return min(max(kATR * atr / close, atrSlippageBounds.lowerBound), atrSlippageBounds.upperBound)
    }
}

/// Slippage for each frame bar: one constant, one value per bar, or ATR-scaled values
/// computed on demand from a shared ATR column.
public enum SlippageTrack: Sendable {
    case fixed(Double)
    case perBar([Double])
    case atr(ATRSlippage)

    public subscript(frameIndex: Int) -> Double {
        switch self {
        case .fixed(let value): value
        case .perBar(let values): values[frameIndex]
        case .atr(let track): track[frameIndex]
        }
    }
}

/// ATR-mode slippage of one frame, computed per bar from a precomputed ATR column.
public struct ATRSlippage: Sendable {
    public let kATR: Double
    /// Row-aligned with `close` (series rows, not frame bars).
    public let atr: FeatureColumn<Double>
    public let close: BarColumn<Double>
    public let frameStart: Int

    public init(kATR: Double, atr: FeatureColumn<Double>, close: BarColumn<Double>, frameStart: Int) {
        precondition(atr.count == close.count, "ATR and close columns must be row-aligned")
        self.kATR = kATR
        self.atr = atr
        self.close = close
        self.frameStart = frameStart
    }

    public subscript(frameIndex: Int) -> Double {
        let row = frameStart + frameIndex
        return CostModel.atrSlippage(kATR: kATR, atr: atr[row], close: close[row])
    }
}
