import Foundation
import QSHCore
import QSHData

// Release-build micro-benchmarks for the hot paths. Prints one line per measurement with the
// median and the spread of the repetitions; `scripts/bench` runs this and hyperfine.

let arguments = CommandLine.arguments.dropFirst()
func textOption(_ name: String) -> String? {
    guard let index = arguments.firstIndex(of: name), arguments.index(after: index) < arguments.endIndex else { return nil }
    return arguments[arguments.index(after: index)]
}
func option(_ name: String, default value: Int) -> Int { textOption(name).flatMap { Int($0) } ?? value }
let bars = option("--bars", default: 1_000_000)
/// `--only pipeline|grid|tune|format|csv` runs one group of measurements.
let only = textOption("--only")
func runs(_ group: String) -> Bool { only == nil || only == group }
let repetitions = option("--repeat", default: 21)
let minute = try! BarInterval(parsing: "1m")
let series = SyntheticBars.generate(
    ticker: "SYN-BENCH", interval: minute, startMillis: 1_600_000_000_000,
    endMillis: 1_600_000_000_000 + Int64(bars) * minute.milliseconds)
print("bars: \(series.count), repetitions: \(repetitions)")

// The pipeline as the tuner runs it: one reused workspace, so the per-bar buffers are not
// re-allocated (and page-faulted) for every run. Indicators, signals, backtest and every
// metric (reference and extended) are included.
var workspace = BacktestWorkspace(capacity: series.count)
for name in ["sma_cross", "rsi_ma_cross_v2", "buy_and_hold"] where runs("pipeline") {
    let strategy = try StrategyRegistry.make(named: name)
    var sink = 0.0
    let timing = try measure(repetitions: repetitions) {
        let summary = try Backtester.run(
            series: series, strategy: strategy, costs: CostModel(), initialCash: 1000, interval: minute,
            workspace: &workspace)
        sink += summary.reference.totalReturn
    }
    report("pipeline \(name)", units: series.count, unitName: "bars", timing)
    if sink.isNaN { print("") }
}

// The same with fresh per-bar arrays returned to the caller (what one `qsh run` does).
for name in ["sma_cross", "rsi_ma_cross_v2"] where runs("pipeline") {
    let strategy = try StrategyRegistry.make(named: name)
    let timing = try measure(repetitions: repetitions) {
        _ = try Backtester.run(series: series, strategy: strategy, costs: CostModel(), initialCash: 1000, interval: minute)
    }
    report("pipeline+arrays \(name)", units: series.count, unitName: "bars", timing)
}

// 27 parameter sets over the same series, features shared against independent runs.
if runs("grid") { try SharedFeatureBench.run(series: series, interval: minute, repetitions: repetitions) }

// Issue 10: the 1,590-combination sma_cross grid, evaluation only.
if runs("tune") { try TuneGridBench.run(repetitions: repetitions) }

// Writing text: float printing and a per-bar table (no disk).
if runs("format") { try FormatBench.run(series: series, repetitions: repetitions) }

if runs("soak") { try SoakSimulatorBench.run(repetitions: repetitions) }

// CSV parsing of the same bars written as a file.
guard runs("csv") else { exit(0) }
let csvPath = NSTemporaryDirectory() + "/qsh-bench-\(getpid()).csv"
var text = "date,open,high,low,close,adj_close,volume\n"
text.reserveCapacity(series.count * 96)
for i in 0..<series.count {
    text += "\(Timestamp.formatISO(series.timestamps[i])),\(series.open[i]),\(series.high[i]),\(series.low[i]),\(series.close[i]),\(series.close[i]),\(series.volume[i])\n"
}
try! text.write(toFile: csvPath, atomically: false, encoding: .utf8)
defer { try? FileManager.default.removeItem(atPath: csvPath) }
let csvTiming = try measure(repetitions: max(5, repetitions / 3)) {
    _ = try CSVBarReader.read(path: csvPath)
}
report("csv read (\(series.count) rows)", units: series.count, unitName: "rows", csvTiming)
