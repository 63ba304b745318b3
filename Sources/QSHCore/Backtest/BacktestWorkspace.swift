/// Reusable per-bar buffers for backtests. Reusing one workspace across runs (tuning, the
/// benchmark) avoids allocating and page-faulting fresh arrays for every run.
public struct BacktestWorkspace: ~Copyable {
    public private(set) var capacity = 0
    var signals: UnsafeMutablePointer<Int8>
    var net: UnsafeMutablePointer<Double>
    var equity: UnsafeMutablePointer<Double>
    var tradeIndices: UnsafeMutablePointer<Int>

    public init(capacity: Int = 0) {
        self.capacity = max(capacity, 1)
        signals = .allocate(capacity: self.capacity)
        net = .allocate(capacity: self.capacity)
        equity = .allocate(capacity: self.capacity)
        tradeIndices = .allocate(capacity: self.capacity)
    }

    deinit {
        signals.deallocate()
        net.deallocate()
        equity.deallocate()
        tradeIndices.deallocate()
    }

    /// Makes room for `count` bars (contents are overwritten by the next run).
    mutating func reserve(_ count: Int) {
        guard count > capacity else { return }
        signals.deallocate()
        net.deallocate()
        equity.deallocate()
        tradeIndices.deallocate()
        capacity = count
        signals = .allocate(capacity: count)
        net = .allocate(capacity: count)
        equity = .allocate(capacity: count)
        tradeIndices = .allocate(capacity: count)
    }

    var output: KernelOutput {
        KernelOutput(signals: signals, net: net, equity: equity, tradeIndices: tradeIndices)
    }
}
