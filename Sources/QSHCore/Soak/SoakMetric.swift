/// The EDGE-report totals the auto-tune rules may read, by their report names.
public enum SoakMetric: String, CaseIterable, Sendable, Hashable {
    case netBps = "net_bps"
    case cancelRatio = "cancel_ratio"
    case makerShare = "maker_share"
    case adverseBpsP95 = "adverse_bps_p95"
    case slippageBpsP95 = "slippage_bps_p95"
    case orderAgeP95Ms = "order_age_p95_ms"
    case wsLagP95Ms = "ws_lag_p95_ms"
}
