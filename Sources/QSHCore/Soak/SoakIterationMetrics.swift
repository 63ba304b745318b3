/// One iteration's totals, as the tuner reads them (the simulator's EDGE report fills this in).
public struct SoakIterationMetrics: Sendable, Equatable {
    public var netBps: Double
    public var cancelRatio: Double
    public var makerShare: Double
    public var adverseBpsP95: Double
    public var slippageBpsP95: Double
    public var orderAgeP95Ms: Double
    public var wsLagP95Ms: Double

    public init(
        netBps: Double, cancelRatio: Double, makerShare: Double, adverseBpsP95: Double, slippageBpsP95: Double,
        orderAgeP95Ms: Double, wsLagP95Ms: Double
    ) {
        self.netBps = netBps
        self.cancelRatio = cancelRatio
        self.makerShare = makerShare
        self.adverseBpsP95 = adverseBpsP95
        self.slippageBpsP95 = slippageBpsP95
        self.orderAgeP95Ms = orderAgeP95Ms
        self.wsLagP95Ms = wsLagP95Ms
    }

    public subscript(metric: SoakMetric) -> Double {
        switch metric {
        case .netBps: netBps
        case .cancelRatio: cancelRatio
        case .makerShare: makerShare
        case .adverseBpsP95: adverseBpsP95
        case .slippageBpsP95: slippageBpsP95
        case .orderAgeP95Ms: orderAgeP95Ms
        case .wsLagP95Ms: wsLagP95Ms
        }
    }
}
