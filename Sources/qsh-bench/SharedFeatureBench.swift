import Foundation
import QSHCore

/// Many parameter sets over one series (issue 7's target: shared <= 1/4 of independent).
///
/// "independent": each parameter set as its own fused run (the fastest single run), one reused
/// workspace. "shared": a fresh `FeatureSet` per repetition (its columns are computed inside
/// the measurement) and every parameter set against it, the same workspace reused.
enum SharedFeatureBench {
    /// rsi_buy_max 55/60/65 x rsi_sell_min 70/75/80 x cooldown_days 0/2/5.
    static let rsiGrid: [[(String, Double)]] = [55.0, 60, 65].flatMap { buy in
        [70.0, 75, 80].flatMap { sell in
            [0.0, 2, 5].map { cooldown in [("rsi_buy_max", buy), ("rsi_sell_min", sell), ("cooldown_days", cooldown)] }
        }
    }

    static func run(series: BarSeries, interval: BarInterval, repetitions: Int) throws {
        let strategies = try rsiGrid.map { try StrategyRegistry.make(named: "rsi_ma_cross_v2", overrides: $0) }
        let units = series.count * strategies.count
        var sharedFixed = 0.0
        for (label, costs) in [("fixed", CostModel()), ("atr", CostModel(slippageMode: .atr))] {
            var workspace = BacktestWorkspace(capacity: series.count)
            var sink = 0.0
            // Alternated, so both see the same machine.
            let (independent, shared) = try measureAlternately(repetitions: repetitions) {
                for strategy in strategies {
                    sink += try Backtester.run(
                        series: series, strategy: strategy, costs: costs, initialCash: 1000, interval: interval,
                        workspace: &workspace
                    ).reference.totalReturn
                }
            } _: {
                let features = FeatureSet(series: series)
                for strategy in strategies {
                    sink += try Backtester.run(
                        features: features, strategy: strategy, costs: costs, initialCash: 1000, interval: interval,
                        workspace: &workspace
                    ).reference.totalReturn
                }
            }
            report("grid 27 independent (\(label))", units: units, unitName: "bars", independent)
            report("grid 27 shared (\(label))", units: units, unitName: "bars", shared)
            if label == "fixed" { sharedFixed = shared.median }
            print(String(
                format: "grid ratio shared / independent (%@): %.3f (target <= 0.25: %@)", label as NSString,
                shared.median / independent.median, shared.median <= independent.median / 4 ? "met" : "not met"))
            if sink.isNaN { print("") }
        }
        let fresh = try singleRun(series: series, interval: interval, repetitions: repetitions)
        // Against the other single-run path: each of the 27 with a FeatureSet of its own.
        print(String(
            format: "grid ratio shared / 27 single runs with fresh features (fixed): %.3f", sharedFixed / (27 * fresh)))
    }

    /// One parameter set of each strategy, two ways, alternated: the fused pass, and a fresh
    /// `FeatureSet` (its columns computed inside the measurement) with the rules pass. Then,
    /// for rsi_ma_cross_v2, the rules pass alone once the features exist (what each further
    /// grid point costs) and the feature columns alone.
    /// Returns the median of rsi_ma_cross_v2 with fresh features.
    static func singleRun(series: BarSeries, interval: BarInterval, repetitions: Int) throws -> Double {
        var workspace = BacktestWorkspace(capacity: series.count)
        var sink = 0.0
        var rsiFresh = 0.0
        for name in ["rsi_ma_cross_v2", "sma_cross", "buy_and_hold"] {
            let strategy = try StrategyRegistry.make(named: name)
            let (fused, fresh) = try measureAlternately(repetitions: repetitions) {
                sink += try Backtester.run(
                    series: series, strategy: strategy, costs: CostModel(), initialCash: 1000, interval: interval,
                    workspace: &workspace
                ).reference.totalReturn
            } _: {
                sink += try Backtester.run(
                    features: FeatureSet(series: series), strategy: strategy, costs: CostModel(), initialCash: 1000,
                    interval: interval, workspace: &workspace
                ).reference.totalReturn
            }
            report("single \(name), fused", units: series.count, unitName: "bars", fused)
            report("single \(name), fresh features", units: series.count, unitName: "bars", fresh)
            if name == "rsi_ma_cross_v2" { rsiFresh = fresh.median }
        }
        let strategy = try StrategyRegistry.make(named: "rsi_ma_cross_v2")
        let features = FeatureSet(series: series)
        features.prepare(Backtester.requiredFeatures(strategy: strategy, costs: CostModel()))
        let rules = try measure(repetitions: repetitions) {
            sink += try Backtester.run(
                features: features, strategy: strategy, costs: CostModel(), initialCash: 1000, interval: interval,
                workspace: &workspace
            ).reference.totalReturn
        }
        report("single run, features ready", units: series.count, unitName: "bars", rules)
        let columns = measure(repetitions: repetitions) {
            FeatureSet(series: series).prepare(Backtester.requiredFeatures(strategy: strategy, costs: CostModel()))
        }
        report("features of rsi_ma_cross_v2", units: series.count, unitName: "bars", columns)
        if sink.isNaN { print("") }
        return rsiFresh
    }
}
