import QSHCore

/// The embedded deterministic price source for tickers named `SYN-*`.
///
/// Bars sit on the grid `t = n * interval` since the Unix epoch, every day. Each bar is a pure
/// function of (ticker, interval, n), so a bar is identical whatever window is asked for, and
/// the bytes are identical on every machine (see `PortableRandom`).
///
/// The log close is pinned at block anchors every 4,096 bars (fewer for long bars; see
/// `SyntheticProfile`) and follows a Brownian bridge between them: a walk with regime-scaled
/// volatility and occasional jumps, its end error spread linearly over the block. The cost is
/// O(window + block).
public enum SyntheticBars {
    public static let tickerPrefix = "SYN-"

    public static func isSynthetic(_ ticker: String) -> Bool { ticker.hasPrefix(tickerPrefix) }

    /// The synthetic ticker to suggest for `ticker`: `syn-eth` means SYN-ETH, `spy` SYN-SPY.
    public static func exampleName(for ticker: String) -> String {
        let upper = ticker.uppercased()
        return upper.hasPrefix(tickerPrefix) ? upper : tickerPrefix + upper
    }

    /// Bars with `startMillis <= t < endMillis`. `shouldStop` is polled every block of the path
    /// and every 16,384 bars; when it says yes, the bars generated so far are returned (the
    /// caller knows why).
    ///
    /// `progress` is called at the same points, and once at the end, with an estimate of the
    /// work done in bars (`barsDone` rises monotonically to `totalBars`, the window's bar
    /// count): the path and the bars are built in two passes, weighted by their cost.
    public static func generate(
        ticker: String, interval: BarInterval, startMillis: Int64, endMillis: Int64,
        shouldStop: () -> Bool = { false }, progress: (_ barsDone: Int, _ totalBars: Int) -> Void = { _, _ in }
    ) -> BarSeries {
        let profile = SyntheticProfile(ticker: ticker, interval: interval)
        let step = profile.intervalMillis
        let first = -floorDivide(-startMillis, step)  // ceiling division
        let end = -floorDivide(-endMillis, step)
        guard end > first else {
            return BarSeries(timestamps: [], open: [], high: [], low: [], close: [], volume: [], hasHighLow: true)
        }
        let meter = GenerationProgress(totalBars: Int(end - first))
        // One bar before the window, for the first open.
        let path = LogPath(profile: profile, first: first - 1, end: end, shouldStop: shouldStop) { points in
            progress(meter.afterPath(points), meter.totalBars)
        }
        let count = min(Int(end - first), path.logClose.count - 1)
        let rows = SyntheticRows(profile: profile, first: first, logClose: path.logClose, sigma: path.sigma)
        let parallel = SyntheticRows.usesTwoThreads(count)
        var reported = 0
        let (series, generated) = rows.series(count: count) { row in
            // Built in two halves, rows done are about twice this one.
            reported = parallel ? min(count, 2 * row) : row
            progress(meter.afterBars(reported), meter.totalBars)
            return shouldStop()
        }
        progress(meter.afterBars(generated == count ? count : max(generated, reported)), meter.totalBars)
        return series
    }
}

/// Log closes and per-bar volatilities for bar indices `first ..< end` (fewer when `shouldStop`
/// said yes between two blocks).
///
/// Blocks depend only on their own index (the regime is a function of time; its cache is
/// per thread), so a long path is built in two halves of blocks, the second on a thread of
/// its own, and joined: the path pass was about 40 % of generating a million minute bars.
private struct LogPath {
    private(set) var logClose: [Double] = []
    private(set) var sigma: [Double] = []

    init(profile: SyntheticProfile, first: Int64, end: Int64, shouldStop: () -> Bool, progress: (Int) -> Void) {
        let length = profile.blockLength
        let firstBlock = floorDivide(first, length)
        let endBlock = floorDivide(end - 1, length) + 1
        guard SyntheticRows.usesTwoThreads(Int(end - first)), endBlock - firstBlock >= 4 else {
            self.init(profile: profile, first: first, end: end, blocks: firstBlock..<endBlock, pollsMidBlock: false) {
                points, _ in
                progress(points)
                return shouldStop()
            }
            return
        }
        let middle = firstBlock + (endBlock - firstBlock) / 2
        let stopped = SyntheticRows.StopFlag()
        var second = LogPath()
        let worker = SecondThread(name: "qsh synthetic path") {
            second = LogPath(profile: profile, first: first, end: end, blocks: middle..<endBlock, pollsMidBlock: false) {
                _, _ in stopped.isSet
            }
        }
        // Two halves at once: polled twice a block (as often in time as one thread polls), with
        // about twice the first half's bars done.
        self.init(profile: profile, first: first, end: end, blocks: firstBlock..<middle, pollsMidBlock: true) {
            _, walked in
            progress(2 * walked)
            return shouldStop()
        }
        let complete = Int64(logClose.count) == middle * length - first
        if !complete { stopped.set() }
        worker.wait()
        if complete {
            logClose += second.logClose
            sigma += second.sigma
        }
    }

    private init() {}

    /// The points of `blocks` within `first ..< end`. `poll(points so far, bars walked)` before
    /// each block but the first, and halfway through each when `pollsMidBlock`; true stops
    /// (the points of the blocks done so far are kept).
    private init(
        profile: SyntheticProfile, first: Int64, end: Int64, blocks: Range<Int64>, pollsMidBlock: Bool,
        poll: (_ points: Int, _ walked: Int) -> Bool
    ) {
        let length = profile.blockLength
        let lower = max(first, blocks.lowerBound * length), upper = min(end, blocks.upperBound * length)
        logClose.reserveCapacity(Int(max(0, upper - lower)))
        sigma.reserveCapacity(Int(max(0, upper - lower)))
        var regime = VolatilityRegime(seed: profile.nameSeed)
        var walk = [Double](repeating: 0, count: Int(length) + 1)
        var walkSigma = walk
        for block in blocks {
            let walked = Int((block - blocks.lowerBound) * length)
            if !logClose.isEmpty, poll(logClose.count, walked) { return }
            let base = block * length
            // The whole block's walk is needed for its end point W_N, even outside the window.
            for i in 1...Int(length) {
                // Never before the first block is in: the bars pass needs a point to start from.
                if pollsMidBlock, i == Int(length) / 2, !logClose.isEmpty, poll(logClose.count, walked + i) { return }
                let n = base + Int64(i)
                let s = profile.barVolatility * regime.factor(at: n * profile.intervalMillis)
                var rng = SplitMix64(seed: PortableRandom.seed(profile.pathSeed, stream: 1, index: n))
                var dx = s * rng.normal() - 0.5 * s * s
                if rng.uniform() < profile.jumpProbability { dx += profile.jumpScale * rng.normal() }
                walk[i] = walk[i - 1] + dx
                walkSigma[i] = s
            }
            walkSigma[0] = profile.barVolatility * regime.factor(at: base * profile.intervalMillis)
            let startLevel = profile.anchor(block: block)
            let gap = profile.anchor(block: block + 1) - startLevel - walk[Int(length)]
            for n in max(first, base)..<min(end, base + length) {
                let i = Int(n - base)
                logClose.append(startLevel + walk[i] + gap * (Double(i) / Double(length)))
                sigma.append(walkSigma[i])
            }
        }
    }
}

/// Turns the two passes' positions into one rising count of bars for `progress`.
private struct GenerationProgress {
    /// The path pass's share of the time (measured in a release build: 0.41 ... 0.44).
    static let pathShare = 0.4

    let totalBars: Int

    /// Bars done once the path holds `points` of its points.
    func afterPath(_ points: Int) -> Int {
        min(totalBars, Int(Double(points) * Self.pathShare))
    }

    /// Bars done once `rows` bars are built (the path is complete by then).
    func afterBars(_ rows: Int) -> Int {
        min(totalBars, Int(Double(totalBars) * Self.pathShare + Double(rows) * (1 - Self.pathShare)))
    }
}

/// Integer division rounding toward negative infinity.
func floorDivide(_ a: Int64, _ b: Int64) -> Int64 {
    let q = a / b
    return (a % b != 0) && ((a < 0) != (b < 0)) ? q - 1 : q
}
