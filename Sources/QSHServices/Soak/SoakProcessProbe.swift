import Foundation

/// The soak's own process as the steady-state evidence measures it: resident memory and open
/// file descriptors, read from /proc (Linux). Reading them is measuring the work itself, not
/// consulting process-wide settings; where /proc is missing they read as 0.
enum SoakProcessProbe {
    static func residentBytes() -> Int {
        guard let text = try? String(contentsOfFile: "/proc/self/statm", encoding: .utf8) else { return 0 }
        let fields = text.split(separator: " ")
        guard fields.count > 1, let pages = Int(fields[1]) else { return 0 }
        return pages * Int(sysconf(Int32(_SC_PAGESIZE)))
    }

    static func openFiles() -> Int {
        (try? FileManager.default.contentsOfDirectory(atPath: "/proc/self/fd").count) ?? 0
    }
}

/// Nearest-rank percentiles and a least-squares slope, for the steady-state evidence.
enum SoakStatistics {
    /// The nearest-rank `p` percentile (0 < p <= 100) of `values`; NaN when empty.
    static func percentile(_ values: [Double], _ p: Double) -> Double {
        guard !values.isEmpty else { return .nan }
        let sorted = values.sorted()
        let rank = Int((p / 100 * Double(sorted.count)).rounded(.up))
        return sorted[min(max(rank, 1), sorted.count) - 1]
    }

    /// Slope of the least-squares line through (x, y); NaN with fewer than two points.
    static func slope(_ xs: [Double], _ ys: [Double]) -> Double {
        guard xs.count >= 2, xs.count == ys.count else { return .nan }
        let n = Double(xs.count)
        let meanX = xs.reduce(0, +) / n
        let meanY = ys.reduce(0, +) / n
        var numerator = 0.0
        var denominator = 0.0
        for (x, y) in zip(xs, ys) {
            numerator += (x - meanX) * (y - meanY)
            denominator += (x - meanX) * (x - meanX)
        }
        return denominator == 0 ? .nan : numerator / denominator
    }
}
