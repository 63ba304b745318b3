extension SoakSimulator {
    /// Resets every counter, ring and histogram (no growth) and seeds the streams for `spec`.
    public mutating func begin(_ spec: SoakSimulationSpec) {
        precondition(spec.durationMs >= 0 && spec.durationMs <= maxDurationMs, "durationMs beyond maxDurationMs")
        self.spec = spec
        let market = spec.preset
        let parameters = spec.parameters.clamped()
        profile = SoakSymbolProfile(symbol: spec.symbol)
        durationMs = spec.durationMs
        now = 0

        func stream(_ s: SoakStream) -> SplitMix64 {
            SplitMix64(seed: SoakStream.seed(master: spec.masterSeed, symbol: spec.symbol, iteration: spec.iteration, stream: s))
        }
        priceRandom = stream(.price)
        flowRandom = stream(.flow)
        regimeRandom = stream(.regime)
        feedRandom = stream(.feedLatency)
        orderRandom = stream(.orderLatency)
        queueRandom = stream(.queue)

        // Price: a +-stepTicks move with probability p per ms has variance p * step^2 per ms.
        let tickBps = profile.tickBps
        let scale = profile.volatilityScale
        let msVariance = (market.volatilityBps1s * scale / tickBps) * (market.volatilityBps1s * scale / tickBps) / 1000
        let fastVariance = msVariance * market.fastVolatilityMultiplier * market.fastVolatilityMultiplier
        var step = 1
        while fastVariance / Double(step * step) > 0.5 { step += 1 }
        stepTicks = step
        calmMove = SoakMath.threshold64(msVariance / Double(step * step))
        fastMove = SoakMath.threshold64(fastVariance / Double(step * step))
        calmEvents = Self.events(market, flowScale: scale)
        fastEvents = Self.events(market, flowScale: scale * market.fastFlowMultiplier)
        fastEnter = SoakMath.threshold32(market.fastEnterPerSec / 1000)
        fastExit = SoakMath.threshold32(market.fastExitPerSec / 1000)
        spikeEnter = SoakMath.threshold32(market.feedSpikeEnterPerSec / 1000)
        spikeExit = SoakMath.threshold32(market.feedSpikeExitPerSec / 1000)
        for depth in 0..<Self.reachTableSize {
            let bps = Double(depth) * tickBps
            noiseReach[depth] = SoakMath.threshold64(PortableRandom.exp(-market.noiseDecayPerBps * bps))
            toxicReach[depth] = SoakMath.threshold64(PortableRandom.exp(-market.toxicDecayPerBps * bps))
        }
        marketHalfTicks = max(1, Int((market.marketHalfSpreadBps / tickBps).rounded()))
        queueDecay = Int(market.queueDecayPerSec / 1000 * 4_294_967_296)
        jumpMeanTicks = market.jumpMeanBps / tickBps
        toxicJumpMeanTicks = market.toxicJumpMeanBps / tickBps
        lotQuantity = market.lotNotional / profile.startPrice

        halfSpreadTicks = max(1, Int(((market.quoteHalfSpreadBps + parameters.baseSpreadBpsDelta) / tickBps).rounded()))
        toleranceTicks = max(1, Int((market.replaceToleranceBps / tickBps).rounded()))
        quoteSize = max(1, Int(parameters.impactCapRatio * Double(market.touchDepthLots)))
        capLots = max(1, market.capMultiple) * quoteSize
        skewTicksAtCap = Int((market.skewBpsAtCap / tickBps).rounded())
        minIntervalMs = Int(parameters.minIntervalMs)
        tailAgeMs = Int(parameters.tailAgeMs)
        tokenRefill = Int(parameters.replaceRatePerMin)
        tokenCapacity = max(1, market.replaceBurst) * Self.tokenCost

        mid = profile.startTicks
        fast = false
        spike = false
        tradedThisStep = false
        bid = SoakQuoteSide(sign: 1)
        ask = SoakQuoteSide(sign: -1)
        nextOrderId = 1
        tokens = tokenCapacity
        backlogUs = 0
        viewMid = mid
        clientInventory = 0
        hedgePending = 0
        hedgeArrival = Int.max
        hedgeQuantity = 0
        hedgeDecisionMid = mid
        lastFeedArrival = 0
        lastResponseArrival = 0
        makeUnique()
        feed.removeAll()
        responses.removeAll()
        backlog.removeAll()
        markout100ms.removeAll()
        markout1s.removeAll()
        markout5s.removeAll()
        inventory = 0
        cash = 0
        fees = 0
        notional = 0
        makerNotional = 0
        netBpsNotional = 0
        fills = 0
        makerFills = 0
        takerFills = 0
        ordersPlaced = 0
        cancels = 0
        filledOrders = 0
        wsLag.reset()
        wsLagNetwork.reset()
        wsLagQueue.reset()
        orderAge.reset()
        orderAck.reset()
        adverse100ms.reset()
        adverse1s.reset()
        adverse5s.reset()
        slippage.reset()
    }

    static func events(_ market: SoakMarketPreset, flowScale: Double) -> SoakEventThresholds {
        let noise = market.noiseOrdersPerSec * flowScale / 1000
        let toxic = market.toxicOrdersPerSec * flowScale / 1000
        let jump = market.jumpsPerSec / 1000
        return SoakEventThresholds(
            noiseBuy: SoakMath.threshold64(noise), noiseSell: SoakMath.threshold64(2 * noise),
            toxicBuy: SoakMath.threshold64(2 * noise + toxic), toxicSell: SoakMath.threshold64(2 * noise + 2 * toxic),
            jump: SoakMath.threshold64(2 * noise + 2 * toxic + jump))
    }
}

/// Integer thresholds and the exponential quantile table, from IEEE arithmetic and
/// `PortableRandom.exp` only, so they are the same bits on every platform.
enum SoakMath {
    /// p * 2^64 (saturating): `next() < threshold64(p)` has probability p.
    static func threshold64(_ p: Double) -> UInt64 {
        if p <= 0 { return 0 }
        if p >= 1 { return UInt64.max }
        return UInt64(p * 18_446_744_073_709_551_616.0)
    }

    static func threshold32(_ p: Double) -> UInt32 {
        if p <= 0 { return 0 }
        if p >= 1 { return UInt32.max }
        return UInt32(p * 4_294_967_296.0)
    }

    /// ln y for 0 < y <= 1 by Newton's method on exp (no libm).
    static func log(_ y: Double) -> Double {
        var x = 0.0
        for _ in 0..<200 { x = x - 1 + y / PortableRandom.exp(x) }
        return x
    }

    /// Quantiles of the unit exponential at (i + 0.5) / 256: `table[next() >> 56]` draws one.
    static let exponential: [Double] = (0..<256).map { -log(1 - (Double($0) + 0.5) / 256) }
}
