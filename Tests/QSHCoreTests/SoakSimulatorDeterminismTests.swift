import QSHCore
import Testing

/// Seeds fix everything; an iteration re-runs alone; accounting adds up.
struct SoakSimulatorDeterminismTests {
    static func spec(seed: UInt64 = 5, symbol: String = "ETHUSDT", iteration: Int = 1, ms: Int = 30_000) -> SoakSimulationSpec {
        SoakSimulationSpec(
            masterSeed: seed, symbol: symbol, iteration: iteration, durationMs: ms, parameters: SoakConvergence.s1,
            preset: .standard)
    }

    static func run(_ spec: SoakSimulationSpec, simulator: inout SoakSimulator, chunk: Int = .max) -> SoakSymbolIteration {
        simulator.begin(spec)
        while simulator.stepsRemaining > 0 { _ = simulator.advance(steps: chunk) }
        return simulator.finish()
    }

    @Test func sameSpecSameResult() {
        var a = SoakSimulator(preset: .standard, maxDurationMs: 30_000)
        var b = SoakSimulator(preset: .standard, maxDurationMs: 30_000)
        let first = Self.run(Self.spec(), simulator: &a)
        #expect(first == Self.run(Self.spec(), simulator: &b, chunk: 777))
        #expect(first.steps == 30_000)
        #expect(first.fills > 100)
    }

    @Test func iterationAloneEqualsIterationAfterOthers() {
        var reused = SoakSimulator(preset: .standard, maxDurationMs: 30_000)
        var third: SoakSymbolIteration?
        for k in 1...3 { third = Self.run(Self.spec(iteration: k), simulator: &reused) }
        var fresh = SoakSimulator(preset: .standard, maxDurationMs: 30_000)
        #expect(third == Self.run(Self.spec(iteration: 3), simulator: &fresh))
    }

    @Test func copiesAreIndependent() {
        var original = SoakSimulator(preset: .standard, maxDurationMs: 30_000)
        original.begin(Self.spec())
        _ = original.advance(steps: 10_000)
        var copy = original
        _ = copy.advance(steps: 20_000)
        let fromCopy = copy.finish()
        _ = original.advance(steps: 20_000)
        #expect(original.finish() == fromCopy)
    }

    @Test func differentSeedsDiffer() {
        var simulator = SoakSimulator(preset: .standard, maxDurationMs: 30_000)
        let a = Self.run(Self.spec(seed: 1), simulator: &simulator)
        let b = Self.run(Self.spec(seed: 2), simulator: &simulator)
        let c = Self.run(Self.spec(seed: 1, iteration: 2), simulator: &simulator)
        #expect(a.metrics != b.metrics)
        #expect(a.metrics != c.metrics)
        #expect(a.streamSeeds != b.streamSeeds)
    }

    @Test func accountingAddsUp() {
        var simulator = SoakSimulator(preset: .standard, maxDurationMs: 60_000)
        let r = Self.run(Self.spec(ms: 60_000), simulator: &simulator)
        #expect(r.fills == r.makerFills + r.takerFills)
        #expect(r.takerFills > 0)
        // pnl = realised cash flow + end inventory marked at the mid - fees.
        #expect(abs(r.pnl - (r.cash + r.inventoryMark - r.fees)) < 1e-9 * max(1, r.notional))
        #expect(r.inventoryNotional == r.inventoryMark)
        // Fees from the rates: maker notional at the maker rate, the rest at the taker rate.
        let preset = SoakMarketPreset.standard
        let expected = r.makerNotional * preset.makerFeeBps / 1e4 + (r.notional - r.makerNotional) * preset.takerFeeBps / 1e4
        #expect(abs(r.fees - expected) < 1e-9 * max(1, r.notional))
        #expect(r.metrics.makerShare == r.makerNotional / r.notional)
        #expect(r.metrics.cancelRatio == Double(r.cancels) / Double(r.cancels + r.filledOrders))
        #expect(r.histograms.adverse1s.sampleCount == r.fills)
        #expect(r.histograms.slippage.sampleCount == r.takerFills)
    }

    @Test func pooledP95IsExactOverAllSamples() {
        var simulator = SoakSimulator(preset: .standard, maxDurationMs: 30_000)
        let results = SoakSymbolUniverse.top(3).map { Self.run(Self.spec(symbol: $0), simulator: &simulator) }
        let totals = SoakIterationTotals(combining: results)
        var samples: [Double] = []
        for r in results {
            for (point, count) in zip(r.histograms.orderAge.points, r.histograms.orderAge.counts) {
                samples += Array(repeating: Double(point), count: count)
            }
        }
        samples.sort()
        let rank = Int((0.95 * Double(samples.count)).rounded(.up))
        #expect(totals.metrics.orderAgeP95Ms == samples[rank - 1])
        #expect(totals.fills == results.reduce(0) { $0 + $1.fills })
        #expect(totals.steps == 90_000)
    }

    @Test func universeAndPresets() {
        #expect(SoakSymbolUniverse.symbols.count >= 12)
        #expect(SoakSymbolUniverse.top(0) == ["BTCUSDT"])
        #expect(SoakSymbolUniverse.top(99).count == SoakSymbolUniverse.symbols.count)
        #expect(SoakMarketPreset.named("default") == .standard)
        #expect(SoakMarketPreset.named("nope") == nil)
        for name in SoakMarketPreset.names { #expect(SoakMarketPreset.named(name)?.name == name) }
    }
}
