import Foundation

func nowNanoseconds() -> UInt64 { DispatchTime.now().uptimeNanoseconds }

typealias Timing = (median: Double, min: Double, max: Double)

/// Median, min and max of `repetitions` timings of `body` (after one warm-up call).
func measure(repetitions: Int, _ body: () throws -> Void) rethrows -> Timing {
    try body()
    var samples: [Double] = []
    for _ in 0..<repetitions {
        let start = nowNanoseconds()
        try body()
        samples.append(Double(nowNanoseconds() - start) / 1e9)
    }
    return summary(samples)
}

/// Timings of `first` and `second` taken alternately (after one warm-up call of each), so a
/// noisy, shared machine slows both alike and their ratio stays meaningful.
func measureAlternately(
    repetitions: Int, _ first: () throws -> Void, _ second: () throws -> Void
) rethrows -> (Timing, Timing) {
    try first()
    try second()
    var a: [Double] = [], b: [Double] = []
    for _ in 0..<repetitions {
        var start = nowNanoseconds()
        try first()
        a.append(Double(nowNanoseconds() - start) / 1e9)
        start = nowNanoseconds()
        try second()
        b.append(Double(nowNanoseconds() - start) / 1e9)
    }
    return (summary(a), summary(b))
}

func summary(_ samples: [Double]) -> Timing {
    let sorted = samples.sorted()
    return (sorted[sorted.count / 2], sorted.first!, sorted.last!)
}

func report(_ name: String, units: Int, unitName: String, _ timing: Timing) {
    let rate = Double(units) / timing.median / 1e6
    print(String(
        format: "%-34@ median %8.3f ms  (min %.3f, max %.3f)  %7.1f M %@/s",
        name as NSString, timing.median * 1e3, timing.min * 1e3, timing.max * 1e3, rate, unitName as NSString))
}
