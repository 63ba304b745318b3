/// The per-bar state of a strategy: its indicators and its signal state machine. The backtest
/// kernel calls it once per row inside its own loop, so indicators, signals, positions and
/// costs run fused in one pass (the generator is a concrete type: calls are inlined).
public protocol SignalGenerator {
    /// Row `row` lies in the warm-up: update indicators, emit nothing.
    mutating func warmUp(row: Int, bars: BarPointers)
    /// The signal of frame row `row` (`+1` buy, `-1` sell, `0` hold). The first call is for the
    /// first frame row, which has no previous frame row to compare with.
    mutating func signal(row: Int, bars: BarPointers) -> Int8
}

/// What a strategy is: a name, its declared parameters, and a rule that turns bars into
/// buy/sell conditions. Positions and costs are shared machinery (`BacktestKernel`), so a
/// strategy only says *when*.
///
/// A strategy says it twice, with the same result: as a `Generator` that computes its own
/// indicators while the kernel runs (one fused pass, the fastest single run), and as `Rules`
/// that read parameter-independent columns precomputed once in a `FeatureSet` (the fastest way
/// to run many parameter sets over one series).
public protocol Strategy: Sendable {
    associatedtype Generator: SignalGenerator
    associatedtype Rules: TradeRules

    static var name: String { get }
    static var summary: String { get }
    static var parameters: [StrategyParameter] { get }

    init(parameters: StrategyParameters) throws(StrategyError)

    /// The resolved values this instance runs with.
    var parameters: StrategyParameters { get }

    /// Rows at the start of the loaded window that are dropped because an indicator is still
    /// undefined there. The backtest frame starts at this row.
    var warmupRows: Int { get }

    /// Fresh indicator and signal state for one pass over a series.
    func makeGenerator() -> Generator

    /// The feature columns `makeRules` reads with these parameters.
    var requiredFeatures: [FeatureKey] { get }

    /// Fresh rules for one pass over `features.series`, reading the set's columns (through
    /// pointers that stay valid while `features` is alive).
    func makeRules(features: FeatureSet) -> Rules

    /// Runs the fused kernel for this strategy (a requirement so that each strategy gets its
    /// own specialised copy of the loop even when called through `any Strategy`).
    /// `shouldStop` is polled between blocks of bars (see `BacktestKernel.stopCheckInterval`).
    func runKernel(
        bars: BarPointers, rowCount: Int, fee: Double, slippage: SlippageTrack, output: KernelOutput,
        shouldStop: () -> Bool
    ) -> BacktestKernel.Totals

    /// Runs the kernel with this strategy's rules over shared features (specialised per
    /// strategy like `runKernel(bars:...)`).
    func runKernel(
        features: FeatureSet, fee: Double, slippage: SlippageTrack, output: KernelOutput, shouldStop: () -> Bool
    ) -> BacktestKernel.Totals

    /// Writes one signal per frame bar (frame bar `k` = row `warmupRows + k`).
    func writeSignals(_ series: BarSeries, into signals: UnsafeMutableBufferPointer<Int8>)
}

extension Strategy {
    public func runKernel(
        bars: BarPointers, rowCount: Int, fee: Double, slippage: SlippageTrack, output: KernelOutput,
        shouldStop: () -> Bool
    ) -> BacktestKernel.Totals {
        var generator = makeGenerator()
        return BacktestKernel.run(
            generator: &generator, bars: bars, rowCount: rowCount, frameStart: warmupRows, fee: fee,
            slippage: slippage, output: output, shouldStop: shouldStop)
    }

    public func runKernel(
        features: FeatureSet, fee: Double, slippage: SlippageTrack, output: KernelOutput, shouldStop: () -> Bool
    ) -> BacktestKernel.Totals {
        let rules = makeRules(features: features)
        let returns = features.values(.barReturn)
        let series = features.series
        return series.withBarPointers { bars in
            BacktestKernel.run(
                rules: rules, bars: bars, returns: returns.baseAddress, rowCount: series.count,
                frameStart: warmupRows, fee: fee, slippage: slippage, output: output, shouldStop: shouldStop)
        }
    }

    public func writeSignals(_ series: BarSeries, into signals: UnsafeMutableBufferPointer<Int8>) {
        let warmup = warmupRows
        guard series.count > warmup else { return }
        var generator = makeGenerator()
        series.withBarPointers { bars in
            for row in 0..<warmup { generator.warmUp(row: row, bars: bars) }
            for row in warmup..<series.count { signals[row - warmup] = generator.signal(row: row, bars: bars) }
        }
    }
}
