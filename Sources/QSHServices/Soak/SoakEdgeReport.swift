import QSHArtifacts
import QSHCore

/// EDGE_REPORT.json of one soak iteration: the parameters used, the pooled totals the tuner
/// reads and each symbol's figures with its stream seeds. Only simulated values, no wall
/// clock, so the same seed and profile print the same bytes (keys sorted by `formatted()`).
public enum SoakEdgeReport {
    public static let schema = "qsh.soak.edge_report.v1"
    /// Bumped whenever the simulator's numbers may change for the same seed.
    public static let simulatorVersion = "soak-sim-1"

    public static func document(
        iteration: Int, masterSeed: UInt64, symbols: [SoakSymbolIteration], totals: SoakIterationTotals
    ) -> JSONValue {
        var bySymbol: [String: JSONValue] = [:]
        for result in symbols {
            var fields = common(
                result.metrics, network: result.wsLagNetworkP95Ms, queue: result.wsLagQueueP95Ms,
                ack: result.orderAckP95Ms, fills: result.fills, maker: result.makerFills, taker: result.takerFills,
                orders: result.ordersPlaced, cancels: result.cancels, notional: result.notional, pnl: result.pnl,
                fees: result.fees, steps: result.steps)
            fields["inventory"] = .number(result.inventory)
            fields["inventory_notional"] = .number(result.inventoryNotional)
            fields["adverse_bps_100ms_p95"] = .number(result.adverseBps100msP95)
            fields["adverse_bps_5s_p95"] = .number(result.adverseBps5sP95)
            fields["maker_notional"] = .number(result.makerNotional)
            var seeds: [String: JSONValue] = [:]
            for seed in result.streamSeeds { seeds[seed.stream] = .string(String(seed.seed)) }
            fields["seeds"] = .object(seeds)
            bySymbol[result.spec.symbol] = .object(fields)
        }
        var total = common(
            totals.metrics, network: totals.wsLagNetworkP95Ms, queue: totals.wsLagQueueP95Ms, ack: totals.orderAckP95Ms,
            fills: totals.fills, maker: totals.makerFills, taker: totals.takerFills, orders: totals.ordersPlaced,
            cancels: totals.cancels, notional: totals.notional, pnl: totals.pnl, fees: totals.fees, steps: totals.steps)
        total["slippage_flagged_no_taker_fills"] = .bool(totals.takerFills == 0)
        var document: [String: JSONValue] = [
            "schema": .string(schema),
            "simulator_version": .string(simulatorVersion),
            "iteration": .int(Int64(iteration)),
            "master_seed": .string(String(masterSeed)),
            "total": .object(total),
            "symbols": .object(bySymbol),
        ]
        if let first = symbols.first {
            document["preset"] = .string(first.spec.preset.name)
            document["duration_ms"] = .int(Int64(first.spec.durationMs))
            document["parameters"] = SoakParametersJSON.object(first.spec.parameters)
        }
        return .object(document)
    }

    private static func common(
        _ m: SoakIterationMetrics, network: Double, queue: Double, ack: Double, fills: Int, maker: Int, taker: Int,
        orders: Int, cancels: Int, notional: Double, pnl: Double, fees: Double, steps: Int
    ) -> [String: JSONValue] {
        [
            "net_bps": .number(m.netBps), "cancel_ratio": .number(m.cancelRatio), "maker_share": .number(m.makerShare),
            "adverse_bps_p95": .number(m.adverseBpsP95), "slippage_bps_p95": .number(m.slippageBpsP95),
            "order_age_p95_ms": .number(m.orderAgeP95Ms), "ws_lag_p95_ms": .number(m.wsLagP95Ms),
            "ws_lag_network_p95_ms": .number(network), "ws_lag_queue_p95_ms": .number(queue),
            "order_ack_p95_ms": .number(ack), "fills": .int(Int64(fills)), "maker_fills": .int(Int64(maker)),
            "taker_fills": .int(Int64(taker)), "orders": .int(Int64(orders)), "cancels": .int(Int64(cancels)),
            "notional": .number(notional), "pnl": .number(pnl), "fees": .number(fees), "steps": .int(Int64(steps)),
        ]
    }
}
