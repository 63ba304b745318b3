/// The reference backtest over one frame: positions from signals, close-to-close returns
/// earned by the previous bar's position, costs charged as return penalties on trade bars,
/// sequential compounding, and the streaming totals the metrics need (drawdown, active days),
/// in one pass with no allocation.
///
/// Two kernels share the accounting (`Ledger`): the fused one below, where the strategy's
/// generator computes indicators and signals bar by bar (the fastest single run), and
/// `run(rules:...)`, where rules over shared features jump from trade to trade.
public enum BacktestKernel {
    public struct Totals: Sendable, Equatable {
        public var trades = 0
        public var activeBars = 0
        public var winningActiveBars = 0
        public var maxDrawdown = 0.0
        public var finalEquity = 1.0
        public var endsLong = false
        /// Sum of squared negative bar returns (the Sortino denominator).
        public var downsideSquares = 0.0
        /// The pass was asked to stop before the last bar; the other totals are partial.
        public var stopped = false

        public init() {}
    }

    /// Frame bars between two polls of `shouldStop`: rare enough to cost nothing measurable,
    /// frequent enough to stop within milliseconds even in a debug build.
    public static let stopCheckInterval = 1 << 15

    /// The fused pass. Warm-up rows `0..<frameStart` feed the generator only; frame bar `k` is
    /// row `frameStart + k`.
    ///
    /// `shouldStop` is polled every `stopCheckInterval` frame bars (never inside the inner
    /// loop); when it answers true the pass ends early with `Totals.stopped` set.
    public static func run<G: SignalGenerator>(
        generator: inout G, bars: BarPointers, rowCount: Int, frameStart: Int, fee: Double,
        slippage: SlippageTrack, output: KernelOutput, shouldStop: () -> Bool = { false }
    ) -> Totals {
        guard rowCount > frameStart else { return Totals() }
        let pass = FusedPass(
            generator: generator, bars: bars, rowCount: rowCount, frameStart: frameStart, fee: fee, output: output)
        return slippage.run(pass, fallback: bars.close, shouldStop: shouldStop)
    }

    /// The kernel over precomputed signals (`close` and `signals` point at the first frame bar).
    public static func run(
        close: UnsafePointer<Double>, signals: UnsafePointer<Int8>, count: Int,
        fee: Double, slippage: SlippageTrack,
        net: UnsafeMutablePointer<Double>, equity: UnsafeMutablePointer<Double>
    ) -> Totals {
        var generator = PrecomputedSignals(signals: signals)
        let workspace = BacktestWorkspace(capacity: count)
        let bars = BarPointers(open: close, high: close, low: close, close: close, volume: close)
        let scratch = workspace.output(keepingSeries: true)
        return run(
            generator: &generator, bars: bars, rowCount: count, frameStart: 0, fee: fee, slippage: slippage,
            output: KernelOutput(
                net: net, tradeIndices: scratch.tradeIndices, tradeEquity: scratch.tradeEquity,
                series: (scratch.series!.signals, equity)))
    }
}

/// The fused loop: the generator's signal, the position change, the return and its costs,
/// every bar.
struct FusedPass<G: SignalGenerator>: KernelPass {
    let generator: G
    let bars: BarPointers
    let rowCount: Int
    let frameStart: Int
    let fee: Double
    let output: KernelOutput

    @inline(__always)
    func run<S: SlippageRate, Sink: SeriesSink>(slippage: S, sink: Sink, shouldStop: () -> Bool) -> BacktestKernel.Totals {
        // Local copies keep the state in registers (the output pointers could otherwise alias
        // the caller's storage).
        var generator = generator
        for row in 0..<frameStart { generator.warmUp(row: row, bars: bars) }
        var returns = DividedReturns(close: bars.close + frameStart)
        var ledger = Ledger(output: output, sink: sink)
        let count = rowCount - frameStart
        var position: Int8 = 0
        var held = 0.0
        var stopped = false
        var blockStart = 0
        while blockStart < count {
            if blockStart > 0 && shouldStop() {
                stopped = true
                break
            }
            let blockEnd = min(count, blockStart + BacktestKernel.stopCheckInterval)
            for k in blockStart..<blockEnd {
                let raw = generator.signal(row: frameStart + k, bars: bars)
                // Only a change of position trades: +1 while long or -1 while flat does nothing.
                let signal: Int8 = raw > 0 ? 1 &- position : (raw < 0 ? 0 &- position : 0)
                sink.signal(signal, at: k)
                // On the first bar c / c - 1 == 0 exactly, the reference's ret_0.
                var bar = returns.next(k) * held
                if signal != 0 { bar = (bar - fee) - slippage.rate(k) }
                let before = ledger.value
                ledger.book(bar, at: k, wasLong: Int(position))
                if signal != 0 { ledger.recordTrade(at: k, before: before, wasLong: Int(position)) }
                position &+= signal
                held = Double(position)
            }
            blockStart = blockEnd
        }
        return ledger.totals(endsLong: position == 1, stopped: stopped)
    }
}

/// Replays signals computed elsewhere (row `r` reads `signals[r]`).
public struct PrecomputedSignals: SignalGenerator {
    let signals: UnsafePointer<Int8>
    public init(signals: UnsafePointer<Int8>) { self.signals = signals }
    public mutating func warmUp(row: Int, bars: BarPointers) {}
    public mutating func signal(row: Int, bars: BarPointers) -> Int8 { signals[row] }
}
