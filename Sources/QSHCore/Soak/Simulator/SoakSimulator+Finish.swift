extension SoakSimulator {
    /// Ends the iteration: the inventory is marked at the true mid, then the market alone runs
    /// 5 s further (no quoting) so every fill's markouts resolve; builds the result.
    public mutating func finish() -> SoakSymbolIteration {
        let steps = now
        let markMid = Double(mid) * profile.tickSize
        let mark = Double(inventory) * lotQuantity * markMid
        makeUnique()
        for _ in 0..<5001 { step(quoting: false) }
        let histograms = SoakIterationHistograms(
            wsLag: wsLag.snapshot(), wsLagNetwork: wsLagNetwork.snapshot(), wsLagQueue: wsLagQueue.snapshot(),
            orderAge: orderAge.snapshot(), orderAck: orderAck.snapshot(), adverse100ms: adverse100ms.snapshot(),
            adverse1s: adverse1s.snapshot(), adverse5s: adverse5s.snapshot(), slippage: slippage.snapshot())
        let metrics = SoakIterationMetrics.from(
            histograms, notional: notional, makerNotional: makerNotional, netBpsNotional: netBpsNotional,
            cancels: cancels, filledOrders: filledOrders)
        now = steps
        durationMs = steps
        return SoakSymbolIteration(
            spec: spec, steps: steps, metrics: metrics, wsLagNetworkP95Ms: histograms.wsLagNetwork.p95,
            wsLagQueueP95Ms: histograms.wsLagQueue.p95, orderAckP95Ms: histograms.orderAck.p95,
            adverseBps100msP95: histograms.adverse100ms.p95, adverseBps5sP95: histograms.adverse5s.p95, fills: fills,
            makerFills: makerFills, takerFills: takerFills, ordersPlaced: ordersPlaced, cancels: cancels,
            notional: notional, makerNotional: makerNotional, pnl: cash + mark - fees, fees: fees,
            inventory: Double(inventory) * lotQuantity, inventoryNotional: mark, streamSeeds: SoakStream.seeds(for: spec),
            filledOrders: filledOrders, netBpsNotional: netBpsNotional, cash: cash, inventoryMark: mark,
            histograms: histograms)
    }
}
