import Histogram
import QSHArtifacts

/// The steady-state evidence of a soak (soak-simulator.md, "Steady-state evidence"), from
/// the iteration history and the symbols' step timings.
struct SoakSteadyState {
    /// Iterations left out of the RSS slope: the first tenth, at least 1 and at most 50
    /// (allocators and caches grow at first, then level off).
    static func warmUp(_ count: Int) -> Int { min(50, max(1, count / 10)) }

    static func json(records: [SoakIterationRecord], stats: [SoakSymbolStats], iterationMs: Int, realtime: Bool) -> JSONValue {
        let rss = records.map { Double($0.rssBytes) }
        let walls = records.map(\.wallSeconds)
        let warm = warmUp(records.count)
        let after = Array(records.dropFirst(warm))
        let wallTotal = walls.reduce(0, +)
        let steps = records.reduce(0) { $0 + $1.steps }
        let simulatedSeconds = Double(records.count) * Double(iterationMs) / 1000
        var latency = SoakSymbolStats.histogram()
        var lateness = SoakSymbolStats.histogram()
        var loop = SoakSymbolStats.histogram()
        for symbol in stats {
            latency.add(symbol.stepLatency)
            lateness.add(symbol.lateness)
            loop.add(symbol.loopLatency)
        }
        var fields: [String: JSONValue] = [
            "iterations": .int(Int64(records.count)),
            "warm_up_iterations": .int(Int64(warm)),
            "rss_first_bytes": rss.first.map { .int(Int64($0)) } ?? .null,
            "rss_max_bytes": rss.max().map { .int(Int64($0)) } ?? .null,
            "rss_last_bytes": rss.last.map { .int(Int64($0)) } ?? .null,
            "rss_slope_bytes_per_iteration": .double(
                SoakStatistics.slope(after.map { Double($0.iteration) }, after.map { Double($0.rssBytes) })),
            "iteration_wall_seconds": .object([
                "p50": .double(SoakStatistics.percentile(walls, 50)),
                "p95": .double(SoakStatistics.percentile(walls, 95)),
                "p99": .double(SoakStatistics.percentile(walls, 99)),
                "max": walls.max().map { .double($0) } ?? .null,
            ]),
            "iterations_per_second": .double(wallTotal > 0 ? Double(records.count) / wallTotal : .nan),
            "steps": .int(Int64(steps)),
            "steps_per_second": .double(wallTotal > 0 ? Double(steps) / wallTotal : .nan),
            "simulated_to_wall_ratio": .double(wallTotal > 0 ? simulatedSeconds / wallTotal : .nan),
            "open_files_first": records.first.map { .int(Int64($0.openFiles)) } ?? .null,
            "open_files_max": records.map(\.openFiles).max().map { .int(Int64($0)) } ?? .null,
            "open_files_last": records.last.map { .int(Int64($0.openFiles)) } ?? .null,
            "step_latency_ns": percentiles(latency),
        ]
        if realtime {
            fields["step_lateness_ns"] = percentiles(lateness)
            fields["loop_latency_ns"] = percentiles(loop)
        }
        return .object(fields)
    }

    static func percentiles(_ histogram: Histogram<UInt64>) -> JSONValue {
        guard histogram.totalCount > 0 else { return .null }
        return .object([
            "count": .int(Int64(histogram.totalCount)),
            "p50": .int(Int64(histogram.valueAtPercentile(50))),
            "p99": .int(Int64(histogram.valueAtPercentile(99))),
            "max": .int(Int64(histogram.max)),
        ])
    }
}
