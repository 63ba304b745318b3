import QSHCore
import Testing

/// Many parameter sets against one shared `FeatureSet` give exactly the numbers of independent
/// fused runs: every metric, every per-bar value, every trade.
@Suite struct SharedFeatureParityTests {
    /// The reference grid: rsi_buy_max 55/60/65 x rsi_sell_min 70/75/80 x cooldown_days 0/2/5.
    static let rsiGrid: [[(String, Double)]] = [55.0, 60, 65].flatMap { buy in
        [70.0, 75, 80].flatMap { sell in
            [0.0, 2, 5].map { cooldown in [("rsi_buy_max", buy), ("rsi_sell_min", sell), ("cooldown_days", cooldown)] }
        }
    }

    static let smaGrid: [[(String, Double)]] = [5.0, 10, 20, 30].flatMap { fast in
        [40.0, 50, 100].map { slow in [("fast", fast), ("slow", slow)] }
    }

    static let fixedCosts = CostModel(fee: 0.002, slippageBps: 8, slippageMode: .fixed)
    static let atrCosts = CostModel(fee: 0.002, slippageMode: .atr, kATR: 0.05)

    static func strategies(_ name: String, _ grid: [[(String, Double)]]) throws -> [any Strategy] {
        try grid.map { try StrategyRegistry.make(named: name, overrides: $0) }
    }

    /// Every strategy of `name` over `grid`: shared (one set, one reused workspace for the
    /// summaries, full results too) against independent fused runs.
    func expectGridParity(
        _ series: BarSeries, _ name: String, _ grid: [[(String, Double)]], costs: CostModel, interval: BarInterval,
        tradesPerRun: Int = 10, sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let features = FeatureSet(series: series)
        var workspace = BacktestWorkspace()
        var trades = 0
        for (strategy, overrides) in zip(try Self.strategies(name, grid), grid) {
            let label = "\(name) \(overrides.map { "\($0.0)=\($0.1)" }.joined(separator: " ")) \(costs.slippageMode)"
            let independent = try Backtester.run(
                series: series, strategy: strategy, costs: costs, initialCash: 1000, interval: interval)
            let shared = try Backtester.run(
                features: features, strategy: strategy, costs: costs, initialCash: 1000, interval: interval)
            IdenticalResults.expect(shared, independent, label, sourceLocation: sourceLocation)
            let summary = try Backtester.run(
                features: features, strategy: strategy, costs: costs, initialCash: 1000, interval: interval,
                workspace: &workspace)
            #expect(
                IdenticalResults.fields(summary.reference) == IdenticalResults.fields(independent.reference)
                    && IdenticalResults.fields(summary.extended) == IdenticalResults.fields(independent.extended),
                "\(label): workspace summary", sourceLocation: sourceLocation)
            trades += independent.reference.trades
        }
        // The grid is not vacuous: the runs trade.
        #expect(trades >= tradesPerRun * grid.count, sourceLocation: sourceLocation)
        // Only what the strategies and costs declared was computed.
        let declared = Set(try Self.strategies(name, grid).flatMap { Backtester.requiredFeatures(strategy: $0, costs: costs) })
        let dependencies: Set<FeatureKey> = Set(declared.compactMap {
            if case .closeCrossesSMA(let window) = $0 { return .sma(window: window) } else { return nil }
        })
        #expect(features.computedKeys.isSubset(of: declared.union(dependencies)), sourceLocation: sourceLocation)
        #expect(features.computationCount == features.computedKeys.count, sourceLocation: sourceLocation)
    }

    @Test(.enabled(if: RealData.isAvailable, "../shared/data/real is absent; the ETH-USD grid needs the real price files"),
          arguments: [fixedCosts, atrCosts])
    func rsiGridOnEthereum2023(costs: CostModel) throws {
        let series = try RealData.load("ETH-USD_1d.csv", start: "2023-01-01", end: "2024-01-01")
        #expect(series.count == 365)
        try expectGridParity(series, "rsi_ma_cross_v2", Self.rsiGrid, costs: costs, interval: .daily)
    }

    @Test(.enabled(if: RealData.isAvailable, "../shared/data/real is absent; the ETH-USD grid needs the real price files"),
          arguments: [fixedCosts, atrCosts])
    func smaGridOnEthereum(costs: CostModel) throws {
        let series = try RealData.load("ETH-USD_1d.csv")
        try expectGridParity(series, "sma_cross", Self.smaGrid, costs: costs, interval: .daily)
    }

    @Test(arguments: [fixedCosts, atrCosts])
    func gridsOnAWindowOfARandomWalk(costs: CostModel) throws {
        // A view that starts inside its storage, many trades, minute bars.
        let series = randomWalkBars(count: 40_000, seed: 7).rows(1_234..<38_000)
        let minute = try BarInterval(parsing: "1m")
        try expectGridParity(series, "rsi_ma_cross_v2", Self.rsiGrid, costs: costs, interval: minute)
        try expectGridParity(series, "sma_cross", Self.smaGrid, costs: costs, interval: minute)
        try expectGridParity(series, "buy_and_hold", [[]], costs: costs, interval: minute, tradesPerRun: 1)
    }

    @Test func craftedSeriesVariants() throws {
        for hasHighLow in [true, false] {
            let series = CraftedSeries.series(hasHighLow: hasHighLow)
            let grid = Self.rsiGrid + [[("rsi_buy_max", 62)], [("rsi_sell_min", 100)], [("rsi_buy_max", 0)]]
            for costs in [Self.fixedCosts, Self.atrCosts] {
                let features = FeatureSet(series: series)
                for (strategy, overrides) in zip(try Self.strategies("rsi_ma_cross_v2", grid), grid) {
                    IdenticalResults.expect(
                        try Backtester.run(features: features, strategy: strategy, costs: costs, initialCash: 1000, interval: .daily),
                        try Backtester.run(series: series, strategy: strategy, costs: costs, initialCash: 1000, interval: .daily),
                        "crafted \(overrides) \(costs.slippageMode) high/low \(hasHighLow)")
                }
            }
        }
    }

    @Test func oneSetSharedByConcurrentWorkers() async throws {
        // Nothing prepared: the workers race to compute the columns themselves.
        let series = randomWalkBars(count: 60_000, seed: 5)
        let features = FeatureSet(series: series)
        let jobs = try Self.strategies("rsi_ma_cross_v2", Self.rsiGrid).map { ($0, Self.atrCosts) }
            + (try Self.strategies("sma_cross", Self.smaGrid)).map { ($0, Self.fixedCosts) }
        let workers = 6
        let shared = try await withThrowingTaskGroup(of: [(Int, BacktestResult)].self) { group in
            for worker in 0..<workers {
                group.addTask {
                    try stride(from: worker, to: jobs.count, by: workers).map { index in
                        let (strategy, costs) = jobs[index]
                        return (index, try Backtester.run(
                            features: features, strategy: strategy, costs: costs, initialCash: 1000, interval: .daily))
                    }
                }
            }
            var results: [Int: BacktestResult] = [:]
            for try await batch in group { for (index, result) in batch { results[index] = result } }
            return results
        }
        #expect(shared.count == jobs.count)
        for (index, (strategy, costs)) in jobs.enumerated() {
            let independent = try Backtester.run(series: series, strategy: strategy, costs: costs, initialCash: 1000, interval: .daily)
            IdenticalResults.expect(try #require(shared[index]), independent, "job \(index)")
        }
        #expect(features.computationCount == features.computedKeys.count)
    }

    @Test func atrTracksAgreeWithoutAPerRunArray() throws {
        let series = randomWalkBars(count: 5_000, seed: 3)
        let features = FeatureSet(series: series)
        for kATR in [0.0, 0.05, 0.3, 2.0] {
            let costs = CostModel(slippageMode: .atr, kATR: kATR)
            let single = costs.slippageTrack(for: series, frameStart: 99)
            let shared = costs.slippageTrack(features: features, frameStart: 99)
            guard case .atr = shared else {
                Issue.record("expected the on-demand ATR track")
                return
            }
            #expect((0..<(series.count - 99)).allSatisfy { single[$0].bitPattern == shared[$0].bitPattern }, "k_atr \(kATR)")
        }
        #expect(features.computedKeys == [CostModel.atrFeature])
    }

    @Test func sharedRunsStopLikeSingleRuns() throws {
        let series = randomWalkBars(count: 3 * BacktestKernel.stopCheckInterval, seed: 1)
        let strategy = try StrategyRegistry.make(named: "rsi_ma_cross_v2")
        var polls = 0
        #expect(throws: CancelledError.self) {
            _ = try Backtester.run(
                features: FeatureSet(series: series), strategy: strategy, costs: CostModel(), initialCash: 1000,
                interval: .daily, shouldStop: {
                    polls += 1
                    return true
                })
        }
        #expect(polls == 1)
    }

    @Test func tooShortWindowsAreDataErrors() throws {
        let strategy = try StrategyRegistry.make(named: "sma_cross", overrides: [("slow", 150)])
        #expect(throws: DataError.self) {
            _ = try Backtester.run(
                features: FeatureSet(series: randomWalkBars(count: 99, seed: 1)), strategy: strategy, costs: CostModel(),
                initialCash: 1000, interval: .daily)
        }
        #expect(throws: DataError.self) {
            _ = try Backtester.run(
                features: FeatureSet(series: randomWalkBars(count: 120, seed: 1)), strategy: strategy, costs: CostModel(),
                initialCash: 1000, interval: .daily)
        }
    }
}
