/// The market a soak runs against: volatility, order flow, latencies, the client's costs and
/// fees, plus the quoting strategy's fixed settings (the five runtime parameters come from the
/// spec). Units are bps of the mid, milliseconds, microseconds (client service times) and lots.
///
/// The standard preset is calibrated (docs/soak-market.md) so that the S1 profile can reach an
/// iteration where no reference rule fires.
public struct SoakMarketPreset: Sendable, Equatable {
    public let name: String

    // True price: ±1 move per ms of `stepTicks`, calm/fast regime, exogenous jumps.
    /// Standard deviation of the true mid over 1 s in the calm regime (bps).
    public var volatilityBps1s: Double
    /// Fast-regime multiplier on volatility and on both flow rates.
    public var fastVolatilityMultiplier: Double
    public var fastFlowMultiplier: Double
    /// Markov switching rates, per second (calm -> fast, fast -> calm).
    public var fastEnterPerSec: Double
    public var fastExitPerSec: Double
    /// News-like jumps of the true mid (either direction), per second, mean size (bps).
    public var jumpsPerSec: Double
    public var jumpMeanBps: Double

    // Market orders: per side, per second; reach exp(-k * depth_bps); size in lots.
    public var noiseOrdersPerSec: Double
    public var noiseDecayPerBps: Double
    public var noiseMeanLots: Double
    public var toxicOrdersPerSec: Double
    /// Toxic flow sits near the touch: toxicDecayPerBps > noiseDecayPerBps.
    public var toxicDecayPerBps: Double
    public var toxicMeanLots: Double
    /// The true mid moves this far against the toxic order's passive side right after it.
    public var toxicJumpMeanBps: Double

    // Book.
    /// The market's own best bid/ask distance from the true mid (bps, at least one tick).
    public var marketHalfSpreadBps: Double
    /// Displayed lots at the touch (queue-ahead draws, quote size, hedge walk per tick).
    public var touchDepthLots: Int
    /// Fraction of the queue ahead of us that cancels per second.
    public var queueDecayPerSec: Double

    // Strategy (fixed part; the runtime parameters add to it).
    /// Half-spread before `base_spread_bps_delta` (bps from the client's mid).
    public var quoteHalfSpreadBps: Double
    /// A quote is replaced once its target moved this far (bps).
    public var replaceToleranceBps: Double
    /// Inventory cap = capMultiple x quote size; beyond it a taker hedge back to half the cap.
    public var capMultiple: Int
    /// Quotes shift by this much at full cap, against the inventory (bps).
    public var skewBpsAtCap: Double
    /// Wait after learning of a full fill before placing that side again (ms).
    public var fillCooldownMs: Int
    /// Replace token bucket size (tokens; one replace costs one).
    public var replaceBurst: Int

    // Latency (ms): base + jitter * (1/x^3 - 1), x uniform on [clip, 1] (ABIDES' cubic family).
    public var feedBaseMs: Double
    public var feedJitterMs: Double
    public var orderBaseMs: Double
    public var orderJitterMs: Double
    public var latencyClip: Double
    /// Feed spike regime: per-second enter/exit rates and the extra delay while in it.
    public var feedSpikeEnterPerSec: Double
    public var feedSpikeExitPerSec: Double
    public var feedSpikeExtraMs: Double

    // Client backlog: service time per message (microseconds), one server per symbol.
    public var marketDataServiceUs: Int
    public var orderServiceUs: Int
    public var responseServiceUs: Int

    // Fees (bps of notional; negative is a rebate).
    public var makerFeeBps: Double
    public var takerFeeBps: Double

    /// Notional of one lot at the start price (quote currency).
    public var lotNotional: Double

    public init(
        name: String, volatilityBps1s: Double, fastVolatilityMultiplier: Double, fastFlowMultiplier: Double,
        fastEnterPerSec: Double, fastExitPerSec: Double, jumpsPerSec: Double, jumpMeanBps: Double,
        noiseOrdersPerSec: Double, noiseDecayPerBps: Double, noiseMeanLots: Double, toxicOrdersPerSec: Double,
        toxicDecayPerBps: Double, toxicMeanLots: Double, toxicJumpMeanBps: Double, marketHalfSpreadBps: Double,
        touchDepthLots: Int, queueDecayPerSec: Double, quoteHalfSpreadBps: Double, replaceToleranceBps: Double,
        capMultiple: Int, skewBpsAtCap: Double, fillCooldownMs: Int, replaceBurst: Int, feedBaseMs: Double,
        feedJitterMs: Double, orderBaseMs: Double, orderJitterMs: Double, latencyClip: Double,
        feedSpikeEnterPerSec: Double, feedSpikeExitPerSec: Double, feedSpikeExtraMs: Double,
        marketDataServiceUs: Int, orderServiceUs: Int, responseServiceUs: Int, makerFeeBps: Double,
        takerFeeBps: Double, lotNotional: Double
    ) {
        self.name = name
        self.volatilityBps1s = volatilityBps1s
        self.fastVolatilityMultiplier = fastVolatilityMultiplier
        self.fastFlowMultiplier = fastFlowMultiplier
        self.fastEnterPerSec = fastEnterPerSec
        self.fastExitPerSec = fastExitPerSec
        self.jumpsPerSec = jumpsPerSec
        self.jumpMeanBps = jumpMeanBps
        self.noiseOrdersPerSec = noiseOrdersPerSec
        self.noiseDecayPerBps = noiseDecayPerBps
        self.noiseMeanLots = noiseMeanLots
        self.toxicOrdersPerSec = toxicOrdersPerSec
        self.toxicDecayPerBps = toxicDecayPerBps
        self.toxicMeanLots = toxicMeanLots
        self.toxicJumpMeanBps = toxicJumpMeanBps
        self.marketHalfSpreadBps = marketHalfSpreadBps
        self.touchDepthLots = touchDepthLots
        self.queueDecayPerSec = queueDecayPerSec
        self.quoteHalfSpreadBps = quoteHalfSpreadBps
        self.replaceToleranceBps = replaceToleranceBps
        self.capMultiple = capMultiple
        self.skewBpsAtCap = skewBpsAtCap
        self.fillCooldownMs = fillCooldownMs
        self.replaceBurst = replaceBurst
        self.feedBaseMs = feedBaseMs
        self.feedJitterMs = feedJitterMs
        self.orderBaseMs = orderBaseMs
        self.orderJitterMs = orderJitterMs
        self.latencyClip = latencyClip
        self.feedSpikeEnterPerSec = feedSpikeEnterPerSec
        self.feedSpikeExitPerSec = feedSpikeExitPerSec
        self.feedSpikeExtraMs = feedSpikeExtraMs
        self.marketDataServiceUs = marketDataServiceUs
        self.orderServiceUs = orderServiceUs
        self.responseServiceUs = responseServiceUs
        self.makerFeeBps = makerFeeBps
        self.takerFeeBps = takerFeeBps
        self.lotNotional = lotNotional
    }

    /// Calibrated against the reference rule table (docs/soak-market.md, "Calibration").
    public static let standard = SoakMarketPreset(
        name: "default", volatilityBps1s: 0.85, fastVolatilityMultiplier: 2.0, fastFlowMultiplier: 1.5,
        fastEnterPerSec: 1.0 / 60, fastExitPerSec: 1.0 / 8, jumpsPerSec: 0.05, jumpMeanBps: 3.0,
        noiseOrdersPerSec: 40, noiseDecayPerBps: 0.5, noiseMeanLots: 20, toxicOrdersPerSec: 1,
        toxicDecayPerBps: 1.2, toxicMeanLots: 60, toxicJumpMeanBps: 1.0, marketHalfSpreadBps: 0.5,
        touchDepthLots: 100, queueDecayPerSec: 0.5, quoteHalfSpreadBps: 2.5, replaceToleranceBps: 0.5,
        capMultiple: 4, skewBpsAtCap: 1.0, fillCooldownMs: 20, replaceBurst: 2, feedBaseMs: 20,
        feedJitterMs: 1.5, orderBaseMs: 10, orderJitterMs: 1, latencyClip: 0.4, feedSpikeEnterPerSec: 1.0 / 60,
        feedSpikeExitPerSec: 1.0 / 2, feedSpikeExtraMs: 60, marketDataServiceUs: 250, orderServiceUs: 1500,
        responseServiceUs: 400, makerFeeBps: -0.5, takerFeeBps: 7.0, lotNotional: 100)

    /// A busier, more toxic market for stress runs (not calibrated for convergence).
    public static let volatile = standard.renamed(
        "volatile", volatility: 2.0, toxicOrdersPerSec: 6, feedSpikeEnterPerSec: 1.0 / 10)

    /// A slow market: low volatility and flow (cheap quiet milliseconds).
    public static let quiet = standard.renamed(
        "quiet", volatility: 0.5, toxicOrdersPerSec: 1, feedSpikeEnterPerSec: 1.0 / 120)

    public static let names: [String] = [standard.name, volatile.name, quiet.name]

    public static func named(_ name: String) -> SoakMarketPreset? {
        switch name {
        case standard.name: standard
        case volatile.name: volatile
        case quiet.name: quiet
        default: nil
        }
    }

    func renamed(
        _ name: String, volatility: Double, toxicOrdersPerSec: Double, feedSpikeEnterPerSec: Double
    ) -> SoakMarketPreset {
        let copy = SoakMarketPreset(
            name: name, volatilityBps1s: volatility, fastVolatilityMultiplier: fastVolatilityMultiplier,
            fastFlowMultiplier: fastFlowMultiplier, fastEnterPerSec: fastEnterPerSec, fastExitPerSec: fastExitPerSec,
            jumpsPerSec: jumpsPerSec, jumpMeanBps: jumpMeanBps, noiseOrdersPerSec: noiseOrdersPerSec,
            noiseDecayPerBps: noiseDecayPerBps, noiseMeanLots: noiseMeanLots, toxicOrdersPerSec: toxicOrdersPerSec,
            toxicDecayPerBps: toxicDecayPerBps, toxicMeanLots: toxicMeanLots, toxicJumpMeanBps: toxicJumpMeanBps,
            marketHalfSpreadBps: marketHalfSpreadBps, touchDepthLots: touchDepthLots,
            queueDecayPerSec: queueDecayPerSec, quoteHalfSpreadBps: quoteHalfSpreadBps,
            replaceToleranceBps: replaceToleranceBps, capMultiple: capMultiple, skewBpsAtCap: skewBpsAtCap,
            fillCooldownMs: fillCooldownMs, replaceBurst: replaceBurst, feedBaseMs: feedBaseMs,
            feedJitterMs: feedJitterMs, orderBaseMs: orderBaseMs, orderJitterMs: orderJitterMs,
            latencyClip: latencyClip, feedSpikeEnterPerSec: feedSpikeEnterPerSec,
            feedSpikeExitPerSec: feedSpikeExitPerSec, feedSpikeExtraMs: feedSpikeExtraMs,
            marketDataServiceUs: marketDataServiceUs, orderServiceUs: orderServiceUs,
            responseServiceUs: responseServiceUs, makerFeeBps: makerFeeBps, takerFeeBps: takerFeeBps,
            lotNotional: lotNotional)
        return copy
    }
}
