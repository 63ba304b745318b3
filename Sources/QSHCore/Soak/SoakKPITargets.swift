/// The KPI gate's thresholds (the reference's by default; `configs/soak/kpi.yaml` may override).
public struct SoakKPITargets: Sendable, Equatable {
    public var netBpsMin: Double
    public var cancelRatioMax: Double
    public var orderAgeP95MsMax: Double
    public var makerShareMin: Double
    public var adverseBpsP95Max: Double
    public var wsLagP95MsMax: Double

    public init(
        netBpsMin: Double = 2.5, cancelRatioMax: Double = 0.55, orderAgeP95MsMax: Double = 330,
        makerShareMin: Double = 0.85, adverseBpsP95Max: Double = 4.0, wsLagP95MsMax: Double = 120
    ) {
        self.netBpsMin = netBpsMin
        self.cancelRatioMax = cancelRatioMax
        self.orderAgeP95MsMax = orderAgeP95MsMax
        self.makerShareMin = makerShareMin
        self.adverseBpsP95Max = adverseBpsP95Max
        self.wsLagP95MsMax = wsLagP95MsMax
    }

    public static let reference = SoakKPITargets()
}
