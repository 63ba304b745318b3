/// Where the kernel writes, one slot per frame bar (`tradeIndices` needs room for every bar).
public struct KernelOutput {
    public let signals: UnsafeMutablePointer<Int8>
    public let net: UnsafeMutablePointer<Double>
    public let equity: UnsafeMutablePointer<Double>
    public let tradeIndices: UnsafeMutablePointer<Int>

    public init(
        signals: UnsafeMutablePointer<Int8>, net: UnsafeMutablePointer<Double>, equity: UnsafeMutablePointer<Double>,
        tradeIndices: UnsafeMutablePointer<Int>
    ) {
        self.signals = signals
        self.net = net
        self.equity = equity
        self.tradeIndices = tradeIndices
    }
}

/// The reference backtest over one frame, fused with the strategy's indicators and signals:
/// positions from signals, close-to-close returns earned by the previous bar's position,
/// costs charged as return penalties on trade bars, sequential compounding, and the streaming
/// totals the metrics need (drawdown, active days), all in one pass with no allocation.
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

    /// Warm-up rows `0..<frameStart` feed the generator only; frame bar `k` is row `frameStart + k`.
    @inline(__always)
    ///
    /// `shouldStop` is polled every `stopCheckInterval` frame bars (never inside the inner
    /// loop); when it answers true the pass ends early with `Totals.stopped` set.
    public static func run<G: SignalGenerator>(
        generator: inout G, bars: BarPointers, rowCount: Int, frameStart: Int, fee: Double,
        slippage: SlippageTrack, output: KernelOutput, shouldStop: () -> Bool = { false }
    ) -> Totals {
        switch slippage {
        case .fixed(let slip):
            return loop(
                generator: generator, bars: bars, rowCount: rowCount, frameStart: frameStart, fee: fee, output: output,
                shouldStop: shouldStop) { _ in slip }
        case .perBar(let values):
            return values.withUnsafeBufferPointer { perBar in
                loop(
                    generator: generator, bars: bars, rowCount: rowCount, frameStart: frameStart, fee: fee, output: output,
                    shouldStop: shouldStop) { perBar[$0] }
            }
        }
    }

    /// Frame bars between two polls of `shouldStop`: rare enough to cost nothing measurable,
    /// frequent enough to stop within milliseconds even in a debug build.
    public static let stopCheckInterval = 1 << 15

    @inline(__always)
    static func loop<G: SignalGenerator>(
        generator: G, bars: BarPointers, rowCount: Int, frameStart: Int, fee: Double, output: KernelOutput,
        shouldStop: () -> Bool, slippage: (Int) -> Double
    ) -> Totals {
        var totals = Totals()
        // A local copy keeps the generator's state in registers (the output pointers could
        // otherwise alias the caller's storage).
        var generator = generator
        for row in 0..<min(frameStart, rowCount) { generator.warmUp(row: row, bars: bars) }
        let count = rowCount - frameStart
        guard count > 0 else { return totals }
        let close = bars.close + frameStart
        var position: Int8 = 0
        var held = 0.0
        var value = 1.0
        var peak = -Double.infinity
        var trough = -Double.infinity
        var worst = 0.0
        var downside = 0.0
        var trades = 0
        var active = 0
        var winning = 0
        var previousClose = close[0]
        var blockStart = 0
        while blockStart < count {
            if blockStart > 0 && shouldStop() {
                totals.stopped = true
                break
            }
            let blockEnd = min(count, blockStart + stopCheckInterval)
            for k in blockStart..<blockEnd {
                let raw = generator.signal(row: frameStart + k, bars: bars)
                // Only a change of position trades: +1 while long or -1 while flat does nothing.
                let signal: Int8 = raw > 0 ? 1 &- position : (raw < 0 ? 0 &- position : 0)
                output.signals[k] = signal
                let c = close[k]
                // On the first bar c / c - 1 == 0 exactly, the reference's ret_0.
                var bar = (c / previousClose - 1) * held
                if signal != 0 {
                    bar = (bar - fee) - slippage(k)
                    output.tradeIndices[trades] = k
                    trades += 1
                }
                output.net[k] = bar
                let long = Int(position)
                active &+= long
                winning &+= long & (bar > 0 ? 1 : 0)
                let loss = min(bar, 0)
                downside += loss * loss
                value *= 1 + bar
                output.equity[k] = value
                // Drawdown per peak segment: division is monotonic, so the segment's lowest equity
                // gives exactly the reference's min(equity / cummax - 1) with one division per peak.
                if value > peak {
                    if peak > -Double.infinity { worst = min(worst, trough / peak - 1) }
                    peak = value
                    trough = value
                } else {
                    trough = min(trough, value)
                }
                position &+= signal
                held = Double(position)
                previousClose = c
            }
            blockStart = blockEnd
        }
        totals.maxDrawdown = min(worst, trough / peak - 1)
        totals.trades = trades
        totals.activeBars = active
        totals.winningActiveBars = winning
        totals.finalEquity = value
        totals.endsLong = position == 1
        totals.downsideSquares = downside
        return totals
    }

    /// The kernel over precomputed signals (`close` and `signals` point at the first frame bar).
    public static func run(
        close: UnsafePointer<Double>, signals: UnsafePointer<Int8>, count: Int,
        fee: Double, slippage: SlippageTrack,
        net: UnsafeMutablePointer<Double>, equity: UnsafeMutablePointer<Double>
    ) -> Totals {
        var generator = PrecomputedSignals(signals: signals)
        let effective = UnsafeMutablePointer<Int8>.allocate(capacity: max(count, 1))
        let trades = UnsafeMutablePointer<Int>.allocate(capacity: max(count, 1))
        defer {
            effective.deallocate()
            trades.deallocate()
        }
        let bars = BarPointers(open: close, high: close, low: close, close: close, volume: close)
        return run(
            generator: &generator, bars: bars, rowCount: count, frameStart: 0, fee: fee, slippage: slippage,
            output: KernelOutput(signals: effective, net: net, equity: equity, tradeIndices: trades))
    }
}

/// Replays signals computed elsewhere (row `r` reads `signals[r]`).
public struct PrecomputedSignals: SignalGenerator {
    let signals: UnsafePointer<Int8>
    public init(signals: UnsafePointer<Int8>) { self.signals = signals }
    public mutating func warmUp(row: Int, bars: BarPointers) {}
    public mutating func signal(row: Int, bars: BarPointers) -> Int8 { signals[row] }
}
