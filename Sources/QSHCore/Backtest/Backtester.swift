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

/// Runs a strategy over a loaded window: warm-up trimming, the fused kernel and the metrics.
public enum Backtester {
    /// The reference refuses windows shorter than this in every mode.
    public static let minimumRows = 100

    /// The full result, per-bar series included. Throws `DataError` for a window too short
    /// for the strategy, `CancelledError` when `shouldStop` answered true during the pass.
    public static func run(
        series: BarSeries, strategy: any Strategy, costs: CostModel, initialCash: Double, interval: BarInterval,
        shouldStop: () -> Bool = { false }
    ) throws -> BacktestResult {
        var workspace = BacktestWorkspace(capacity: series.count)
        let summary = try run(
            series: series, strategy: strategy, costs: costs, initialCash: initialCash, interval: interval,
            workspace: &workspace, shouldStop: shouldStop)
        let count = series.count - summary.frameStart
        return BacktestResult(
            frameStart: summary.frameStart,
            signals: Array(UnsafeBufferPointer(start: workspace.signals, count: count)),
            net: Array(UnsafeBufferPointer(start: workspace.net, count: count)),
            equity: Array(UnsafeBufferPointer(start: workspace.equity, count: count)),
            totals: summary.totals, roundTrips: summary.roundTrips, slippage: summary.slippage,
            reference: summary.reference, extended: summary.extended)
    }

    /// Metrics only; the per-bar series are left in `workspace` (reused across calls).
    public static func run(
        series: BarSeries, strategy: any Strategy, costs: CostModel, initialCash: Double, interval: BarInterval,
        workspace: inout BacktestWorkspace, shouldStop: () -> Bool = { false }
    ) throws -> BacktestSummary {
        guard series.count >= minimumRows else {
            throw DataError("only \(series.count) bars in the requested window; at least \(minimumRows) are needed")
        }
        let frameStart = strategy.warmupRows
        let count = series.count - frameStart
        guard count > 0 else {
            throw DataError(
                "strategy \(type(of: strategy).name) needs more than \(frameStart) bars of warm-up; the window has \(series.count)")
        }
        workspace.reserve(count)
        let slippage = costs.slippageTrack(for: series, frameStart: frameStart)
        let output = workspace.output
        let totals = series.withBarPointers { bars in
            strategy.runKernel(
                bars: bars, rowCount: series.count, fee: costs.fee, slippage: slippage, output: output,
                shouldStop: shouldStop)
        }
        if totals.stopped { throw CancelledError() }
        let trips = RoundTrip.extract(
            tradeIndices: UnsafeBufferPointer(start: output.tradeIndices, count: totals.trades),
            signals: output.signals, equity: output.equity)
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
