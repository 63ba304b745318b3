/// Where the kernel writes, one slot per frame bar (`tradeIndices` and `tradeEquity` need room
/// for every bar). The metrics need only `net` and the trades; `series` is nil when nobody will
/// read the per-bar signals and equity (tuning), which saves writing two columns per run.
public struct KernelOutput {
    public let net: UnsafeMutablePointer<Double>
    public let tradeIndices: UnsafeMutablePointer<Int>
    /// For each trade: the equity before its bar if it is an entry, after its bar if it is an
    /// exit (what a round trip's return compares).
    public let tradeEquity: UnsafeMutablePointer<Double>
    /// The effective signal and the equity after each bar.
    public let series: (signals: UnsafeMutablePointer<Int8>, equity: UnsafeMutablePointer<Double>)?

    public init(
        net: UnsafeMutablePointer<Double>, tradeIndices: UnsafeMutablePointer<Int>,
        tradeEquity: UnsafeMutablePointer<Double>,
        series: (signals: UnsafeMutablePointer<Int8>, equity: UnsafeMutablePointer<Double>)?
    ) {
        self.net = net
        self.tradeIndices = tradeIndices
        self.tradeEquity = tradeEquity
        self.series = series
    }
}

/// Where a pass puts the per-bar signals and equity: a generic parameter of the loops, so the
/// choice between keeping and dropping them is made once per run, not per bar.
protocol SeriesSink {
    func signal(_ value: Int8, at k: Int)
    func equity(_ value: Double, at k: Int)
}

struct KeptSeries: SeriesSink {
    let signals: UnsafeMutablePointer<Int8>
    let equities: UnsafeMutablePointer<Double>
    @inline(__always) func signal(_ value: Int8, at k: Int) { signals[k] = value }
    @inline(__always) func equity(_ value: Double, at k: Int) { equities[k] = value }
}

struct DroppedSeries: SeriesSink {
    @inline(__always) func signal(_ value: Int8, at k: Int) {}
    @inline(__always) func equity(_ value: Double, at k: Int) {}
}

/// The close-to-close return of each frame bar, `C_k / C_{k-1} - 1` (`C_0 / C_0 - 1` on the
/// first), divided in the loop; `close` points at the first frame bar.
struct DividedReturns {
    let close: UnsafePointer<Double>
    var previous: Double

    init(close: UnsafePointer<Double>) {
        self.close = close
        previous = close[0]
    }

    @inline(__always)
    mutating func next(_ frameIndex: Int) -> Double {
        let c = close[frameIndex]
        defer { previous = c }
        return c / previous - 1
    }
}

/// The slippage charged on a trade at frame bar `k` (asked on trade bars only).
protocol SlippageRate {
    func rate(_ frameIndex: Int) -> Double
}

struct FixedRate: SlippageRate {
    let value: Double
    @inline(__always) func rate(_ frameIndex: Int) -> Double { value }
}

struct TableRate: SlippageRate {
    let values: UnsafePointer<Double>
    @inline(__always) func rate(_ frameIndex: Int) -> Double { values[frameIndex] }
}

/// `atr` and `close` point at the first frame bar.
struct ATRRate: SlippageRate {
    let kATR: Double
    let atr: UnsafePointer<Double>
    let close: UnsafePointer<Double>
    @inline(__always) func rate(_ frameIndex: Int) -> Double {
        CostModel.atrSlippage(kATR: kATR, atr: atr[frameIndex], close: close[frameIndex])
    }
}

/// A kernel loop, run once per kind of slippage track and series sink so each combination
/// gets its own inlined copy.
protocol KernelPass {
    var output: KernelOutput { get }
    func run<S: SlippageRate, Sink: SeriesSink>(slippage: S, sink: Sink, shouldStop: () -> Bool) -> BacktestKernel.Totals
}

extension KernelPass {
    @inline(__always)
    func run<S: SlippageRate>(slippage: S, shouldStop: () -> Bool) -> BacktestKernel.Totals {
        guard let series = output.series else { return run(slippage: slippage, sink: DroppedSeries(), shouldStop: shouldStop) }
        return run(
            slippage: slippage, sink: KeptSeries(signals: series.signals, equities: series.equity), shouldStop: shouldStop)
    }
}

extension SlippageTrack {
    /// Runs `pass` with this track as a concrete rate (`fallback`: any valid pointer, used
    /// for an empty table).
    @inline(__always)
    func run<P: KernelPass>(_ pass: P, fallback: UnsafePointer<Double>, shouldStop: () -> Bool) -> BacktestKernel.Totals {
        switch self {
        case .fixed(let slip):
            return pass.run(slippage: FixedRate(value: slip), shouldStop: shouldStop)
        case .perBar(let values):
            return values.withUnsafeBufferPointer { perBar in
                pass.run(slippage: TableRate(values: perBar.baseAddress ?? fallback), shouldStop: shouldStop)
            }
        case .atr(let track):
            return track.close.withUnsafeBufferPointer { close in
                withExtendedLifetime(track.atr) {
                    let rate = ATRRate(
                        kATR: track.kATR, atr: track.atr.baseAddress + track.frameStart,
                        close: (close.baseAddress ?? fallback) + track.frameStart)
                    return pass.run(slippage: rate, shouldStop: shouldStop)
                }
            }
        }
    }
}
