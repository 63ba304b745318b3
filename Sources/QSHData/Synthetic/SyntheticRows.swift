import Foundation
import QSHCore
import Synchronization

/// The bars of a synthetic window from its log path: each row a pure function of the path
/// and its bar index, so rows can be built in any order. Large windows are built on two
/// threads, the first half here (polling `shouldStop` and reporting progress as before) and
/// the second on a thread of its own. Why: the rows pass (four `exp` a bar) was about 60 % of
/// generating 1,000,000 minute bars, which was most of a synthetic paper replay.
struct SyntheticRows {
    let profile: SyntheticProfile
    /// Bar index of row 0.
    let first: Int64
    /// Log closes and volatilities, one point before row 0 (for its open) then one per row.
    let logClose: [Double]
    let sigma: [Double]

    /// Windows from this many rows on are built on two threads (when there are two cores).
    static func usesTwoThreads(_ count: Int) -> Bool {
        count >= 1 << 16 && ProcessInfo.processInfo.activeProcessorCount >= 2
    }

    /// Writes rows `rows` (the open of the first from the close before it).
    func build(_ rows: Range<Int>, into out: ColumnBuffers, stop: (Int) -> Bool) -> Int {
        let step = profile.intervalMillis
        guard let firstRow = rows.first else { return rows.lowerBound }
        var previousClose = PortableRandom.exp(logClose[firstRow])
        for row in rows {
            if stop(row) { return row }
            let n = first + Int64(row)
            let x = logClose[row + 1]
            let sigma = sigma[row + 1]
            let move = abs(x - logClose[row]) / sigma
            var rng = SplitMix64(seed: PortableRandom.seed(profile.pathSeed, stream: 2, index: n))
            let barClose = PortableRandom.exp(x)
            let barOpen = previousClose * PortableRandom.exp(0.08 * sigma * rng.normal())
            let top = max(barOpen, barClose), bottom = min(barOpen, barClose)
            // Intrabar excursions beyond the body, about half a bar sigma each side.
            let up = PortableRandom.exp(sigma * (0.05 + 0.45 * abs(rng.normal())))
            let down = PortableRandom.exp(-sigma * (0.05 + 0.45 * abs(rng.normal())))
            let noise = PortableRandom.exp(0.35 * rng.normal())
            out.timestamps[row] = n * step
            out.open[row] = barOpen
            out.close[row] = barClose
            out.high[row] = max(top * up, top)
            out.low[row] = min(bottom * down, bottom)
            // Busier in stormy regimes and on big moves.
            let activity = (sigma / profile.barVolatility) * (1 + 0.8 * min(move, 8))
            out.volume[row] = max(1, (profile.barVolume * activity * noise).rounded())
            previousClose = barClose
        }
        return rows.upperBound
    }

    /// All `count` rows; `poll(row)` runs every 16,384 rows built (true stops): on two threads,
    /// every 8,192 rows of the first half, which take the time of 16,384 on one. Returns the
    /// rows built from row 0 on without a gap.
    func buildAll(count: Int, into out: ColumnBuffers, poll: (Int) -> Bool) -> Int {
        guard Self.usesTwoThreads(count) else {
            return build(0..<count, into: out) { row in row & 0x3FFF == 0 && row > 0 && poll(row) }
        }
        func polled(_ row: Int) -> Bool { row & 0x1FFF == 0 && row > 0 && poll(row) }
        let half = count / 2
        let stopped = StopFlag()
        let second = SecondThread(name: "qsh synthetic bars") {
            _ = build(half..<count, into: out) { row in row & 0x3FFF == 0 && stopped.isSet }
        }
        let done = build(0..<half, into: out, stop: polled)
        if done < half { stopped.set() }
        second.wait()
        return done < half ? done : count
    }

    /// The rows as a series (fewer when `poll` said stop), written in place.
    func series(count: Int, poll: (Int) -> Bool) -> (BarSeries, Int) {
        var generated = 0
        let series = ColumnBuffers.series(capacity: count, hasHighLow: true) { out in
            generated = buildAll(count: count, into: out, poll: poll)
            return generated
        }
        return (series, generated)
    }
}

extension SyntheticRows {
    /// Tells a second thread to give up (the first was stopped; its work is dropped).
    final class StopFlag: Sendable {
        private let flag = Atomic<Bool>(false)
        var isSet: Bool { flag.load(ordering: .relaxed) }
        func set() { flag.store(true, ordering: .relaxed) }
    }
}
