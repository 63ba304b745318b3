/// The running accounts of one backtest pass: equity compounding, drawdown, active and winning
/// bars, the downside sum and the trade list. Both kernels book every bar through `book`, so
/// they do the same arithmetic in the same order.
struct Ledger<Sink: SeriesSink> {
    let output: KernelOutput
    let sink: Sink
    var value = 1.0
    var peak = -Double.infinity
    var trough = -Double.infinity
    var worst = 0.0
    var downside = 0.0
    var trades = 0
    var active = 0
    var winning = 0

    init(output: KernelOutput, sink: Sink) {
        self.output = output
        self.sink = sink
    }

    /// Records a trade at bar `k`, once the bar is booked; `before` is the equity before it.
    @inline(__always)
    mutating func recordTrade(at k: Int, before: Double, wasLong: Int) {
        output.tradeIndices[trades] = k
        output.tradeEquity[trades] = wasLong == 0 ? before : value
        trades += 1
    }

    /// Books frame bar `k`'s net return; `wasLong` is the position before the bar (0 or 1).
    @inline(__always)
    mutating func book(_ bar: Double, at k: Int, wasLong: Int) {
        output.net[k] = bar
        active &+= wasLong
        winning &+= wasLong & (bar > 0 ? 1 : 0)
        let loss = min(bar, 0)
        downside += loss * loss
        value *= 1 + bar
        sink.equity(value, at: k)
        // Drawdown per peak segment: division is monotonic, so the segment's lowest equity
        // gives exactly the reference's min(equity / cummax - 1) with one division per peak.
        if value > peak {
            if peak > -Double.infinity { worst = min(worst, trough / peak - 1) }
            peak = value
            trough = value
        } else {
            trough = min(trough, value)
        }
    }

    func totals(endsLong: Bool, stopped: Bool) -> BacktestKernel.Totals {
        var totals = BacktestKernel.Totals()
        totals.stopped = stopped
        totals.maxDrawdown = min(worst, trough / peak - 1)
        totals.trades = trades
        totals.activeBars = active
        totals.winningActiveBars = winning
        totals.finalEquity = value
        totals.endsLong = endsLong
        totals.downsideSquares = downside
        return totals
    }
}
