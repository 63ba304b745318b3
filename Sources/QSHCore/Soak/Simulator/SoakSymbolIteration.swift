/// The exact sample grids of one symbol's iteration, kept so that pooled p95s are exact.
public struct SoakIterationHistograms: Sendable, Equatable {
    public let wsLag: SoakHistogram
    public let wsLagNetwork: SoakHistogram
    public let wsLagQueue: SoakHistogram
    public let orderAge: SoakHistogram
    public let orderAck: SoakHistogram
    public let adverse100ms: SoakHistogram
    public let adverse1s: SoakHistogram
    public let adverse5s: SoakHistogram
    public let slippage: SoakHistogram

    public static func merged(_ all: [SoakIterationHistograms]) -> SoakIterationHistograms {
        SoakIterationHistograms(
            wsLag: .merged(all.map(\.wsLag)), wsLagNetwork: .merged(all.map(\.wsLagNetwork)),
            wsLagQueue: .merged(all.map(\.wsLagQueue)), orderAge: .merged(all.map(\.orderAge)),
            orderAck: .merged(all.map(\.orderAck)), adverse100ms: .merged(all.map(\.adverse100ms)),
            adverse1s: .merged(all.map(\.adverse1s)), adverse5s: .merged(all.map(\.adverse5s)),
            slippage: .merged(all.map(\.slippage)))
    }
}

/// One symbol's result of one iteration (metric definitions: docs/soak-market.md).
public struct SoakSymbolIteration: Sendable, Equatable {
    public let spec: SoakSimulationSpec
    public let steps: Int
    public let metrics: SoakIterationMetrics
    public let wsLagNetworkP95Ms: Double
    public let wsLagQueueP95Ms: Double
    public let orderAckP95Ms: Double
    public let adverseBps100msP95: Double
    public let adverseBps5sP95: Double
    public let fills: Int
    public let makerFills: Int
    public let takerFills: Int
    public let ordersPlaced: Int
    public let cancels: Int
    public let notional: Double
    public let makerNotional: Double
    public let pnl: Double
    public let fees: Double
    public let inventory: Double
    public let inventoryNotional: Double
    public let streamSeeds: [SoakStreamSeed]

    /// Orders that ended in a (final) fill: cancel_ratio = cancels / (cancels + filledOrders).
    public let filledOrders: Int
    /// sum of notional_i * (capture_i - adverse_i - fee_i): net_bps = this / notional.
    public let netBpsNotional: Double
    /// Realised cash flow of all fills and the mark of the end inventory (pnl = cash + mark - fees).
    public let cash: Double
    public let inventoryMark: Double
    public let histograms: SoakIterationHistograms
}

/// All symbols of one iteration pooled: p95s over the pooled samples, ratios of summed counts.
public struct SoakIterationTotals: Sendable, Equatable {
    public let metrics: SoakIterationMetrics
    public let wsLagNetworkP95Ms: Double
    public let wsLagQueueP95Ms: Double
    public let orderAckP95Ms: Double
    public let fills: Int
    public let makerFills: Int
    public let takerFills: Int
    public let ordersPlaced: Int
    public let cancels: Int
    public let notional: Double
    public let pnl: Double
    public let fees: Double
    public let steps: Int
    public let histograms: SoakIterationHistograms

    public init(combining symbols: [SoakSymbolIteration]) {
        let pooled = SoakIterationHistograms.merged(symbols.map(\.histograms))
        histograms = pooled
        fills = symbols.reduce(0) { $0 + $1.fills }
        makerFills = symbols.reduce(0) { $0 + $1.makerFills }
        takerFills = symbols.reduce(0) { $0 + $1.takerFills }
        ordersPlaced = symbols.reduce(0) { $0 + $1.ordersPlaced }
        cancels = symbols.reduce(0) { $0 + $1.cancels }
        notional = symbols.reduce(0) { $0 + $1.notional }
        pnl = symbols.reduce(0) { $0 + $1.pnl }
        fees = symbols.reduce(0) { $0 + $1.fees }
        steps = symbols.reduce(0) { $0 + $1.steps }
        let makerNotional = symbols.reduce(0) { $0 + $1.makerNotional }
        let filledOrders = symbols.reduce(0) { $0 + $1.filledOrders }
        let net = symbols.reduce(0) { $0 + $1.netBpsNotional }
        metrics = SoakIterationMetrics.from(
            pooled, notional: notional, makerNotional: makerNotional, netBpsNotional: net, cancels: cancels,
            filledOrders: filledOrders)
        wsLagNetworkP95Ms = pooled.wsLagNetwork.p95
        wsLagQueueP95Ms = pooled.wsLagQueue.p95
        orderAckP95Ms = pooled.orderAck.p95
    }
}

extension SoakIterationMetrics {
    /// The seven tuner metrics from samples and sums (no fills: net 0, maker share 0).
    static func from(
        _ h: SoakIterationHistograms, notional: Double, makerNotional: Double, netBpsNotional: Double, cancels: Int,
        filledOrders: Int
    ) -> SoakIterationMetrics {
        let ended = cancels + filledOrders
        return SoakIterationMetrics(
            netBps: notional > 0 ? netBpsNotional / notional : 0,
            cancelRatio: ended > 0 ? Double(cancels) / Double(ended) : 0,
            makerShare: notional > 0 ? makerNotional / notional : 0, adverseBpsP95: h.adverse1s.p95,
            slippageBpsP95: h.slippage.p95, orderAgeP95Ms: h.orderAge.p95, wsLagP95Ms: h.wsLag.p95)
    }
}
