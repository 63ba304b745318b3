/// Everything one backtest produced, frame-aligned: frame bar `k` is series row `frameStart + k`.
public struct BacktestResult: Sendable {
    public let frameStart: Int
    /// Effective signals: +1 entry, -1 exit, 0 otherwise.
    public let signals: [Int8]
    public let net: [Double]
    public let equity: [Double]
    public let totals: BacktestKernel.Totals
    public let roundTrips: [RoundTrip]
    public let slippage: SlippageTrack
    public let reference: ReferenceMetrics
    public let extended: ExtendedMetrics

    public var days: Int { signals.count }
}

/// The metrics of a run whose per-bar series stayed in a workspace.
public struct BacktestSummary: Sendable {
    public let frameStart: Int
    public let totals: BacktestKernel.Totals
    public let roundTrips: [RoundTrip]
    public let slippage: SlippageTrack
    public let reference: ReferenceMetrics
    public let extended: ExtendedMetrics
}

/// Runs a strategy over a loaded window: warm-up trimming, the kernel and the metrics.
///
/// Two paths give the same bits. `run(series:...)` is the fused single run: the strategy's
/// generator computes its indicators inside the kernel's loop. `run(features:...)` evaluates
/// one parameter set against a shared `FeatureSet`: the strategy's rules read columns computed
/// once for every parameter set (and ATR slippage reads the set's ATR column).
public enum Backtester {
    /// The reference refuses windows shorter than this in every mode.
    public static let minimumRows = 100

    /// The fewest loaded rows `strategy` runs on: `minimumRows`, and its warm-up plus one bar
    /// to trade.
    public static func requiredRows(for strategy: any Strategy) -> Int {
        max(minimumRows, strategy.warmupRows + 1)
    }

    /// Progress of a pass: frame bars done out of the frame's bars.
    public typealias Progress = (_ barsDone: Int, _ totalBars: Int) -> Void

    /// The full result, per-bar series included. Throws `DataError` for a window too short
    /// for the strategy, `CancelledError` when `shouldStop` answered true during the pass.
    /// `progress` is called where the kernel polls `shouldStop` (once per
    /// `BacktestKernel.stopCheckInterval` frame bars) and once at the end.
    public static func run(
        series: BarSeries, strategy: any Strategy, costs: CostModel, initialCash: Double, interval: BarInterval,
        shouldStop: () -> Bool = { false }, progress: Progress = { _, _ in }
    ) throws -> BacktestResult {
        try withFreshWorkspace(rows: series.count) { workspace in
            try run(
                series: series, strategy: strategy, costs: costs, initialCash: initialCash, interval: interval,
                workspace: &workspace, keepingSeries: true, shouldStop: shouldStop, progress: progress)
        }
    }

    /// Metrics only, with the per-bar buffers of `workspace` (reused across calls; signals and
    /// equity are not kept per bar).
    public static func run(
        series: BarSeries, strategy: any Strategy, costs: CostModel, initialCash: Double, interval: BarInterval,
        workspace: inout BacktestWorkspace, shouldStop: () -> Bool = { false }, progress: Progress = { _, _ in }
    ) throws -> BacktestSummary {
        try run(
            series: series, strategy: strategy, costs: costs, initialCash: initialCash, interval: interval,
            workspace: &workspace, keepingSeries: false, shouldStop: shouldStop, progress: progress)
    }

    /// One parameter set against shared features, with the full result (the same numbers as
    /// `run(series: features.series, ...)`).
    public static func run(
        features: FeatureSet, strategy: any Strategy, costs: CostModel, initialCash: Double, interval: BarInterval,
        shouldStop: () -> Bool = { false }, progress: Progress = { _, _ in }
    ) throws -> BacktestResult {
        try withFreshWorkspace(rows: features.series.count) { workspace in
            try run(
                features: features, strategy: strategy, costs: costs, initialCash: initialCash, interval: interval,
                workspace: &workspace, keepingSeries: true, shouldStop: shouldStop, progress: progress)
        }
    }

    /// One parameter set against shared features, metrics only (per-bar buffers in `workspace`).
    /// Concurrent callers share `features` and each bring their own workspace.
    public static func run(
        features: FeatureSet, strategy: any Strategy, costs: CostModel, initialCash: Double, interval: BarInterval,
        workspace: inout BacktestWorkspace, shouldStop: () -> Bool = { false }, progress: Progress = { _, _ in }
    ) throws -> BacktestSummary {
        try run(
            features: features, strategy: strategy, costs: costs, initialCash: initialCash, interval: interval,
            workspace: &workspace, keepingSeries: false, shouldStop: shouldStop, progress: progress)
    }

    private static func run(
        series: BarSeries, strategy: any Strategy, costs: CostModel, initialCash: Double, interval: BarInterval,
        workspace: inout BacktestWorkspace, keepingSeries: Bool, shouldStop: () -> Bool, progress: Progress
    ) throws -> BacktestSummary {
        try evaluate(
            series: series, strategy: strategy, initialCash: initialCash, interval: interval, workspace: &workspace,
            keepingSeries: keepingSeries, shouldStop: shouldStop, progress: progress,
            slippage: { costs.slippageTrack(for: series, frameStart: $0) }
        ) { slippage, output, poll in
            series.withBarPointers { bars in
                strategy.runKernel(
                    bars: bars, rowCount: series.count, fee: costs.fee, slippage: slippage, output: output, shouldStop: poll)
            }
        }
    }

    private static func run(
        features: FeatureSet, strategy: any Strategy, costs: CostModel, initialCash: Double, interval: BarInterval,
        workspace: inout BacktestWorkspace, keepingSeries: Bool, shouldStop: () -> Bool, progress: Progress
    ) throws -> BacktestSummary {
        try evaluate(
            series: features.series, strategy: strategy, initialCash: initialCash, interval: interval,
            workspace: &workspace, keepingSeries: keepingSeries, shouldStop: shouldStop, progress: progress,
            slippage: { costs.slippageTrack(features: features, frameStart: $0) }
        ) { slippage, output, poll in
            strategy.runKernel(features: features, fee: costs.fee, slippage: slippage, output: output, shouldStop: poll)
        }
    }

    /// A run in a workspace of its own, its per-bar series copied out into the result.
    private static func withFreshWorkspace(
        rows: Int, _ body: (inout BacktestWorkspace) throws -> BacktestSummary
    ) rethrows -> BacktestResult {
        var workspace = BacktestWorkspace(capacity: rows)
        let summary = try body(&workspace)
        return workspace.result(of: summary, rows: rows)
    }

    /// The steps both paths share: checks, buffers, the kernel (with progress counted at its
    /// polls, one per block of bars), round trips and metrics.
    private static func evaluate(
        series: BarSeries, strategy: any Strategy, initialCash: Double, interval: BarInterval,
        workspace: inout BacktestWorkspace, keepingSeries: Bool, shouldStop: () -> Bool, progress: Progress,
        slippage makeSlippage: (_ frameStart: Int) -> SlippageTrack,
        kernel: (SlippageTrack, KernelOutput, () -> Bool) -> BacktestKernel.Totals
    ) throws -> BacktestSummary {
        let frameStart = try checkedFrameStart(series: series, strategy: strategy)
        let count = series.count - frameStart
        workspace.reserve(count)
        let slippage = makeSlippage(frameStart)
        let output = workspace.output(keepingSeries: keepingSeries)
        var polls = 0
        // (The checks never outlive the call; the compiler cannot see that through `kernel`.)
        let totals = withoutActuallyEscaping(shouldStop) { shouldStop in
            withoutActuallyEscaping(progress) { progress in
                kernel(slippage, output) {
                    polls += 1
                    progress(min(count, polls * BacktestKernel.stopCheckInterval), count)
                    return shouldStop()
                }
            }
        }
        if !totals.stopped { progress(count, count) }
        return try summarize(
            series: series, frameStart: frameStart, totals: totals, slippage: slippage, output: output,
            initialCash: initialCash, interval: interval)
    }

    /// Every feature column `run(features:...)` reads for this strategy and these costs
    /// (give them to `FeatureSet.prepare` before fanning out to workers).
    public static func requiredFeatures(strategy: any Strategy, costs: CostModel) -> [FeatureKey] {
        [.barReturn] + strategy.requiredFeatures + costs.requiredFeatures
    }

    private static func checkedFrameStart(series: BarSeries, strategy: any Strategy) throws -> Int {
        guard series.count >= minimumRows else {
            throw DataError("only \(series.count) bars in the requested window; at least \(minimumRows) are needed")
        }
        let frameStart = strategy.warmupRows
        guard series.count > frameStart else {
            throw DataError(
                "strategy \(type(of: strategy).name) needs more than \(frameStart) bars of warm-up; the window has \(series.count)")
        }
        return frameStart
    }

    /// Round trips and metrics from the kernel's output.
    private static func summarize(
        series: BarSeries, frameStart: Int, totals: BacktestKernel.Totals, slippage: SlippageTrack,
        output: KernelOutput, initialCash: Double, interval: BarInterval
    ) throws -> BacktestSummary {
        if totals.stopped { throw CancelledError() }
        let count = series.count - frameStart
        let trips = RoundTrip.extract(
            tradeIndices: UnsafeBufferPointer(start: output.tradeIndices, count: totals.trades),
            tradeEquity: output.tradeEquity)
        let elapsedMillis = series.timestamps[series.count - 1] - series.timestamps[frameStart] + interval.milliseconds
        let moments = ReturnMoments(net: output.net, count: count)
        return BacktestSummary(
            frameStart: frameStart, totals: totals, roundTrips: trips, slippage: slippage,
            reference: MetricsCalculator.reference(moments: moments, count: count, totals: totals),
            extended: MetricsCalculator.extended(
                moments: moments, count: count, totals: totals, roundTrips: trips,
                elapsedSeconds: Double(elapsedMillis) / 1_000, initialCash: initialCash))
    }
}
