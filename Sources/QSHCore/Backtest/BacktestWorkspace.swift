/// Reusable per-bar buffers for backtests. Reusing one workspace across runs (tuning, the
/// benchmark) avoids allocating and page-faulting fresh arrays for every run.
public struct BacktestWorkspace: ~Copyable {
    public private(set) var capacity = 0
    var signals: UnsafeMutablePointer<Int8>
    var net: UnsafeMutablePointer<Double>
    var equity: UnsafeMutablePointer<Double>
    var tradeIndices: UnsafeMutablePointer<Int>
    var tradeEquity: UnsafeMutablePointer<Double>

    public init(capacity: Int = 0) {
        self.capacity = max(capacity, 1)
        signals = .allocate(capacity: self.capacity)
        net = .allocate(capacity: self.capacity)
        equity = .allocate(capacity: self.capacity)
        tradeIndices = .allocate(capacity: self.capacity)
        tradeEquity = .allocate(capacity: self.capacity)
    }

    deinit { deallocate() }

    /// Makes room for `count` bars (contents are overwritten by the next run).
    mutating func reserve(_ count: Int) {
        guard count > capacity else { return }
        deallocate()
        capacity = count
        signals = .allocate(capacity: count)
        net = .allocate(capacity: count)
        equity = .allocate(capacity: count)
        tradeIndices = .allocate(capacity: count)
        tradeEquity = .allocate(capacity: count)
    }

    private func deallocate() {
        signals.deallocate()
        net.deallocate()
        equity.deallocate()
        tradeIndices.deallocate()
        tradeEquity.deallocate()
    }

    /// `keepingSeries`: false when only the metrics are wanted (signals and equity are then
    /// not written per bar).
    func output(keepingSeries: Bool) -> KernelOutput {
        KernelOutput(
            net: net, tradeIndices: tradeIndices, tradeEquity: tradeEquity,
            series: keepingSeries ? (signals, equity) : nil)
    }

    /// The summary with copies of its per-bar series (`rows` = the series' row count; the run
    /// must have kept its series).
    func result(of summary: BacktestSummary, rows: Int) -> BacktestResult {
        let count = rows - summary.frameStart
        return BacktestResult(
            frameStart: summary.frameStart,
            signals: Array(UnsafeBufferPointer(start: signals, count: count)),
            net: Array(UnsafeBufferPointer(start: net, count: count)),
            equity: Array(UnsafeBufferPointer(start: equity, count: count)),
            totals: summary.totals, roundTrips: summary.roundTrips, slippage: summary.slippage,
            reference: summary.reference, extended: summary.extended)
    }
}
