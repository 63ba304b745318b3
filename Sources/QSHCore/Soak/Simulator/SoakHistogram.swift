/// Exact counts of samples on a fixed grid (`quantum`), as a result carries them: only the
/// occupied grid points, ascending. Pooling symbols merges counts, so a pooled p95 is exactly
/// the nearest-rank p95 of all pooled (grid-rounded) samples.
public struct SoakHistogram: Sendable, Equatable {
    /// Grid step in the sample's unit (0.1 ms, 1 ms, 0.01 bps).
    public let quantum: Double
    /// Occupied grid points (sample = point * quantum), ascending, and how many samples each.
    public let points: [Int]
    public let counts: [Int]

    public init(quantum: Double, points: [Int], counts: [Int]) {
        self.quantum = quantum
        self.points = points
        self.counts = counts
    }

    public var sampleCount: Int { counts.reduce(0, +) }

    /// Nearest rank: the ceil(q * n)-th smallest sample; 0 with no samples.
    public func quantile(_ q: Double) -> Double {
        let total = sampleCount
        guard total > 0 else { return 0 }
        let rank = max(1, Int((q * Double(total)).rounded(.up)))
        var seen = 0
        for (point, count) in zip(points, counts) {
            seen += count
            if seen >= rank { return value(point) }
        }
        return value(points[points.count - 1])
    }

    public var p95: Double { quantile(0.95) }

    /// A grid point in the sample's unit. Divided by the points per unit rather than
    /// multiplied by the quantum, so 854 points of 0.01 print as 8.54, not 8.540000000000001.
    func value(_ point: Int) -> Double { Double(point) / (1 / quantum).rounded() }

    /// All samples of all `histograms` (same quantum) in one histogram.
    public static func merged(_ histograms: [SoakHistogram]) -> SoakHistogram {
        guard let first = histograms.first else { return SoakHistogram(quantum: 1, points: [], counts: []) }
        var byPoint: [Int: Int] = [:]
        for histogram in histograms {
            precondition(histogram.quantum == first.quantum, "merging histograms of different grids")
            for (point, count) in zip(histogram.points, histogram.counts) { byPoint[point, default: 0] += count }
        }
        let points = byPoint.keys.sorted()
        return SoakHistogram(quantum: first.quantum, points: points, counts: points.map { byPoint[$0]! })
    }
}

/// The simulator's working histogram: one counter per grid point over a fixed range, allocated
/// once; samples outside the range count at its ends (the range is chosen so they are rare,
/// and `clamped` says how many there were).
struct SoakFixedHistogram: Sendable {
    let quantum: Double
    let lowest: Int
    private var bins: SoakBuffer<UInt32>
    private(set) var clamped = 0

    init(quantum: Double, lowest: Int, highest: Int) {
        self.quantum = quantum
        self.lowest = lowest
        bins = SoakBuffer(count: highest - lowest + 1, filler: 0)
    }

    mutating func makeUnique() { SoakBuffer.uniqued(&bins) }

    mutating func reset() {
        makeUnique()
        bins.pointer.update(repeating: 0, count: bins.count)
        clamped = 0
    }

    /// One sample given in grid points.
    @inline(__always)
    mutating func record(_ point: Int) {
        var index = point - lowest
        if index < 0 {
            index = 0
            clamped += 1
        } else if index >= bins.count {
            index = bins.count - 1
            clamped += 1
        }
        bins.pointer[index] &+= 1
    }

    /// One sample in its unit, rounded half away from zero to the grid.
    @inline(__always)
    mutating func record(value: Double) {
        let scaled = value / quantum
        record(Int(scaled.rounded(.toNearestOrAwayFromZero)))
    }

    /// The occupied points (allocates; for results only).
    func snapshot() -> SoakHistogram {
        var points: [Int] = []
        var counts: [Int] = []
        for index in 0..<bins.count where bins.pointer[index] > 0 {
            let count = bins.pointer[index]
            points.append(index + lowest)
            counts.append(Int(count))
        }
        return SoakHistogram(quantum: quantum, points: points, counts: counts)
    }
}
