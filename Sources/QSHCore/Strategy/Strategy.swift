/// Raw pointers to a series' columns, handed to signal generators inside the hot loop.
public struct BarPointers {
    public let open: UnsafePointer<Double>
    public let high: UnsafePointer<Double>
    public let low: UnsafePointer<Double>
    public let close: UnsafePointer<Double>
    public let volume: UnsafePointer<Double>
}

extension BarSeries {
    /// Calls `body` with pointers to the columns (valid only inside `body`).
    public func withBarPointers<R>(_ body: (BarPointers) throws -> R) rethrows -> R {
        try open.withUnsafeBufferPointer { o in
            try high.withUnsafeBufferPointer { h in
                try low.withUnsafeBufferPointer { l in
                    try close.withUnsafeBufferPointer { c in
                        try volume.withUnsafeBufferPointer { v in
                            try body(BarPointers(
                                open: o.baseAddress ?? Self.empty, high: h.baseAddress ?? Self.empty,
                                low: l.baseAddress ?? Self.empty, close: c.baseAddress ?? Self.empty,
                                volume: v.baseAddress ?? Self.empty))
                        }
                    }
                }
            }
        }
    }

    nonisolated(unsafe) private static let empty = UnsafePointer<Double>(UnsafeMutablePointer<Double>.allocate(capacity: 1))
}

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
public protocol Strategy: Sendable {
    associatedtype Generator: SignalGenerator

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

    /// Runs the fused kernel for this strategy (a requirement so that each strategy gets its
    /// own specialised copy of the loop even when called through `any Strategy`).
    /// `shouldStop` is polled between blocks of bars (see `BacktestKernel.stopCheckInterval`).
    func runKernel(
        bars: BarPointers, rowCount: Int, fee: Double, slippage: SlippageTrack, output: KernelOutput,
        shouldStop: () -> Bool
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

/// The reference's signal rules: a running cooldown suppresses everything (and counts down);
/// otherwise a buy condition opens a position when flat and a sell condition closes it when long.
public struct SignalStateMachine: Sendable {
    public let cooldownBars: Int
    @usableFromInline var cooldown = 0
    @usableFromInline var long = false

    public init(cooldownBars: Int = 0) { self.cooldownBars = cooldownBars }

    @inlinable @inline(__always)
    public mutating func step(buy: Bool, sell: Bool) -> Int8 {
        if cooldown > 0 {
            cooldown -= 1
            return 0
        }
        if !long && buy {
            long = true
            cooldown = cooldownBars
            return 1
        }
        if long && sell {
            long = false
            cooldown = cooldownBars
            return -1
        }
        return 0
    }
}
