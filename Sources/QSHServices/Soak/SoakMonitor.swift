import Foundation
import QSHCore

/// Every `seconds` of wall time, one line per symbol: iterations, fills, elapsed, iterations
/// per second, simulated-to-wall ratio and the step latency p50/p99 (HdrHistogram). Runs
/// beside the iteration loop until cancelled.
enum SoakMonitor {
    static func run(engine: SoakEngine, seconds: Double, context: ServiceContext) async {
        let start = MonotonicClock.nanoseconds()
        let period = UInt64(seconds * 1e9)
        var next = start &+ period
        while !Task.isCancelled {
            let now = MonotonicClock.nanoseconds()
            if next > now {
                do { try await Task.sleep(nanoseconds: next &- now) } catch { return }
            }
            next &+= period
            let elapsed = Double(MonotonicClock.nanoseconds() &- start) / 1e9
            for line in engine.stats.withLock({ $0.map { line($0, elapsed: elapsed) } }) { context.emit(MarkerEvent(line)) }
        }
    }

    static func line(_ stats: SoakSymbolStats, elapsed: Double) -> String {
        let p50 = stats.stepLatency.totalCount > 0 ? String(stats.stepLatency.valueAtPercentile(50)) : "-"
        let p99 = stats.stepLatency.totalCount > 0 ? String(stats.stepLatency.valueAtPercentile(99)) : "-"
        return "| soak_monitor | OK | SYMBOL=\(stats.symbol) ITERATIONS=\(stats.iterations) FILLS=\(stats.fills)"
            + " ELAPSED=\(SoakNumberText.fixed(elapsed, digits: 1))s"
            + " ITER_PER_S=\(SoakNumberText.fixed(Double(stats.iterations) / max(elapsed, 1e-9), digits: 3))"
            + " SIM_WALL=\(SoakNumberText.fixed(Double(stats.simulatedMs) / 1000 / max(elapsed, 1e-9), digits: 1))"
            + " STEP_P50_NS=\(p50) STEP_P99_NS=\(p99) |"
    }
}
