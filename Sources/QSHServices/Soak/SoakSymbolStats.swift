import Foundation
import Histogram
import QSHCore

/// What the monitor shows of one symbol, accumulated over the whole soak: iterations, fills,
/// simulated time, and the step latency histogram (nanoseconds, HdrHistogram with three
/// significant digits: a reported percentile is within 0.1% of the exact value).
struct SoakSymbolStats: Sendable {
    let symbol: String
    var iterations = 0
    var fills = 0
    var simulatedMs = 0
    /// Compute time of one simulator step (realtime: each step timed; accelerated: the mean
    /// step time of each chunk, recorded once per step of the chunk).
    var stepLatency = SoakSymbolStats.histogram()
    /// Realtime only: how long after its due wall-clock instant each step had run.
    var lateness = SoakSymbolStats.histogram()
    /// Realtime only, on each worker's first symbol: one pass of the worker's loop (one step
    /// of every symbol it runs), the unit the replaced system measured at 62 ms.
    var loopLatency = SoakSymbolStats.histogram()

    init(symbol: String) { self.symbol = symbol }

    static func histogram() -> Histogram<UInt64> {
        Histogram<UInt64>(lowestDiscernibleValue: 1, highestTrackableValue: 60_000_000_000, numberOfSignificantValueDigits: .three)
    }

    /// Folds a worker's local counts in (the worker keeps its own between merges, so the lock
    /// is taken once per chunk, not once per step).
    mutating func merge(_ local: inout SoakStepSamples) {
        simulatedMs += local.steps
        stepLatency.add(local.stepLatency)
        lateness.add(local.lateness)
        loopLatency.add(local.loopLatency)
        local.reset()
    }
}

/// One worker's step timings for one symbol since the last merge.
struct SoakStepSamples: Sendable {
    var steps = 0
    var stepLatency = SoakSymbolStats.histogram()
    var lateness = SoakSymbolStats.histogram()
    var loopLatency = SoakSymbolStats.histogram()

    mutating func reset() {
        steps = 0
        stepLatency.reset()
        lateness.reset()
        loopLatency.reset()
    }
}

/// Monotonic nanoseconds (CLOCK_MONOTONIC): for measuring, never for timestamps.
enum MonotonicClock {
    static func nanoseconds() -> UInt64 {
        var time = timespec()
        clock_gettime(CLOCK_MONOTONIC, &time)
        return UInt64(time.tv_sec) &* 1_000_000_000 &+ UInt64(time.tv_nsec)
    }
}
