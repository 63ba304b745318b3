import QSHArtifacts
import QSHCore
import QSHServices
import Testing

/// EDGE_REPORT.json: every documented field, and the same bytes for the same seed.
struct SoakEdgeReportTests {
    static func report(seed: UInt64) -> String {
        var simulator = SoakSimulator(preset: .standard, maxDurationMs: 20_000)
        var results: [SoakSymbolIteration] = []
        for symbol in SoakSymbolUniverse.top(2) {
            simulator.begin(
                SoakSimulationSpec(
                    masterSeed: seed, symbol: symbol, iteration: 3, durationMs: 20_000, parameters: SoakConvergence.s1,
                    preset: .standard))
            _ = simulator.advance(steps: 20_000)
            results.append(simulator.finish())
        }
        return SoakEdgeReport.document(
            iteration: 3, masterSeed: seed, symbols: results, totals: SoakIterationTotals(combining: results)
        ).formatted()
    }

    @Test func fieldsArePresent() throws {
        let document = try JSONValue.parse(Self.report(seed: 7))
        let totalFields = [
            "net_bps", "cancel_ratio", "maker_share", "adverse_bps_p95", "slippage_bps_p95", "order_age_p95_ms",
            "ws_lag_p95_ms", "ws_lag_network_p95_ms", "ws_lag_queue_p95_ms", "fills", "maker_fills", "taker_fills",
            "orders", "cancels", "notional", "pnl", "fees", "steps",
        ]
        #expect(document["schema"]?.stringValue == SoakEdgeReport.schema)
        #expect(document["iteration"]?.intValue == 3)
        #expect(document["master_seed"]?.stringValue == "7")
        #expect(document["parameters"]?["min_interval_ms"]?.doubleValue == 60)
        let total = try #require(document["total"])
        for field in totalFields { #expect(total[field] != nil, "total.\(field)") }
        #expect(total["steps"]?.intValue == 40_000)
        let btc = try #require(document["symbols"]?["BTCUSDT"])
        for field in totalFields + ["inventory", "inventory_notional", "adverse_bps_100ms_p95", "adverse_bps_5s_p95"] {
            #expect(btc[field] != nil, "symbols.BTCUSDT.\(field)")
        }
        #expect(btc["seeds"]?["price"]?.stringValue != nil)
        #expect(document["symbols"]?["ETHUSDT"] != nil)
    }

    @Test func sameSeedSameBytes() {
        let first = Self.report(seed: 11)
        #expect(first == Self.report(seed: 11))
        #expect(first != Self.report(seed: 12))
    }
}
