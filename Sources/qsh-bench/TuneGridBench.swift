import Foundation
import QSHCore
import QSHData

/// Issue 10's evaluation target: the 1,590-combination sma_cross grid (fast 5..50, slow
/// 20..200 step 5, fast < slow) on 10 years of synthetic daily bars, every metric computed,
/// against one shared `FeatureSet`: combinations per second on one thread and on every core
/// (each thread its own workspace), no files written.
enum TuneGridBench {
    static func run(repetitions: Int) throws {
        let daily = try BarInterval(parsing: "1d")
        let start = Timestamp.parse("2014-01-01")!, end = Timestamp.parse("2024-01-01")!
        let series = SyntheticBars.generate(ticker: "SYN-ETH", interval: daily, startMillis: start, endMillis: end)
        var grid: [[(String, Double)]] = []
        for fast in 5...50 {
            for slow in stride(from: 20, through: 200, by: 5) where fast < slow {
                grid.append([("fast", Double(fast)), ("slow", Double(slow))])
            }
        }
        let strategies = try grid.map { try StrategyRegistry.make(named: "sma_cross", overrides: $0) }
        let features = FeatureSet(series: series)
        var workspace = BacktestWorkspace(capacity: series.count)
        var sink = 0.0
        // Features computed once, outside the measurement (as a tuning session does once).
        for strategy in strategies.prefix(1) {
            sink += try Backtester.run(
                features: features, strategy: strategy, costs: CostModel(), initialCash: 1000, interval: daily, workspace: &workspace
            ).reference.totalReturn
        }
        let single = try measure(repetitions: repetitions) {
            for strategy in strategies {
                sink += try Backtester.run(
                    features: features, strategy: strategy, costs: CostModel(), initialCash: 1000, interval: daily,
                    workspace: &workspace
                ).reference.totalReturn
            }
        }
        let cores = ProcessInfo.processInfo.activeProcessorCount
        let parallel = measure(repetitions: repetitions) {
            DispatchQueue.concurrentPerform(iterations: cores) { worker in
                var own = BacktestWorkspace(capacity: series.count)
                var index = worker
                while index < strategies.count {
                    _ = try? Backtester.run(
                        features: features, strategy: strategies[index], costs: CostModel(), initialCash: 1000, interval: daily,
                        workspace: &own)
                    index += cores
                }
            }
        }
        for (label, timing) in [("1 thread", single), ("\(cores) threads", parallel)] {
            print(String(
                format: "tune grid %d sma_cross on %d daily bars, %@: median %.2f ms = %.0f combinations/s",
                strategies.count, series.count, label as NSString, timing.median * 1000, Double(strategies.count) / timing.median))
        }
        if sink.isNaN { print("") }
    }
}
