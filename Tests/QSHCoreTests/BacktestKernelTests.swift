import QSHCore
import Testing

/// Runs the kernel on whole arrays (frame = the arrays).
func runKernel(
    _ closes: [Double], _ signals: [Int8], fee: Double = 0.002, slippage: SlippageTrack = .fixed(0.0008)
) -> (net: [Double], equity: [Double], totals: BacktestKernel.Totals) {
    precondition(closes.count == signals.count)
    var net = [Double](repeating: .nan, count: closes.count)
    var equity = [Double](repeating: .nan, count: closes.count)
    let totals = closes.withUnsafeBufferPointer { c in
        signals.withUnsafeBufferPointer { s in
            net.withUnsafeMutableBufferPointer { n in
                equity.withUnsafeMutableBufferPointer { e in
                    BacktestKernel.run(
                        close: c.baseAddress!, signals: s.baseAddress!, count: closes.count, fee: fee,
                        slippage: slippage, net: n.baseAddress!, equity: e.baseAddress!)
                }
            }
        }
    }
    return (net, equity, totals)
}

/// contract.md section 1, "Positions, costs, equity", on hand-sized examples.
@Suite struct BacktestKernelTests {
    /// +10 %, +10 %, -10 %, flat, +10 %. Enter on bar 0, exit on bar 3, re-enter on bar 4 and
    /// stay open. Fee 0.002, fixed slippage 8 bps.
    static let closes: [Double] = [100, 110, 121, 108.9, 108.9, 119.79]
    static let signals: [Int8] = [1, 0, 0, -1, 1, 0]

    @Test func handExample() {
        let (net, equity, totals) = runKernel(Self.closes, Self.signals)
        // bar 0: entry, nothing earned yet: (0 - 0.002) - 0.0008
        // bar 1, 2: long, earns 110/100 - 1 and 121/110 - 1 (both 0.1 + 1 ulp in binary)
        // bar 3: earns 108.9/121 - 1 = -0.1, then pays the exit: (-0.1 - 0.002) - 0.0008
        // bar 4: flat bar, pays the re-entry only; bar 5: earns 0.1, no exit cost at the end.
        #expect(net == [-0.0028, 0.10000000000000009, 0.10000000000000009, -0.10279999999999997, -0.0028,
                        0.10000000000000009])
        #expect(equity == [0.9972, 1.0969200000000001, 1.2066120000000002, 1.0825722864000002,
                           1.0795410839980801, 1.1874951923978883])
        // ~ 0.9972 * 1.1 * 1.1 * 0.8972 * 0.9972 * 1.1
        #expect(abs(equity[5] - 0.9972 * 1.1 * 1.1 * 0.8972 * 0.9972 * 1.1) < 1e-12)
        #expect(totals.trades == 3)
        #expect(totals.finalEquity == 1.1874951923978883)
        #expect(totals.endsLong)
        // Peak 1.206612 after bar 2, trough after bar 4: 0.8972 * 0.9972 - 1 ~ -0.10531216.
        #expect(totals.maxDrawdown == -0.1053121600000001)
        // Bars with a long position before them: 1, 2, 3, 5; winners 1, 2, 5.
        #expect(totals.activeBars == 4)
        #expect(totals.winningActiveBars == 3)
    }

    @Test func noLookAhead() {
        // The price doubles on the entry bar itself: the position only earns from the next bar.
        let jump = runKernel([100, 200, 200], [0, 1, 0])
        #expect(jump.net == [0, -0.0028, 0])
        // The move after the entry bar is earned in full.
        let after = runKernel([100, 100, 150], [0, 1, 0])
        #expect(after.net == [0, -0.0028, 0.5])
        // The move on the exit bar is still earned (position of the previous bar).
        let exit = runKernel([100, 100, 150, 300], [1, 0, -1, 0])
        #expect(exit.net == [-0.0028, 0, (0.5 - 0.002) - 0.0008, 0])
    }

    @Test func openPositionAtTheEndPaysNoExitCost() {
        let open = runKernel([100, 100, 100], [1, 0, 0], fee: 0.01, slippage: .fixed(0))
        let closed = runKernel([100, 100, 100], [1, 0, -1], fee: 0.01, slippage: .fixed(0))
        #expect(open.totals.finalEquity == 0.99)
        #expect(open.totals.endsLong && open.totals.trades == 1)
        #expect(closed.totals.finalEquity == 0.99 * 0.99)
        #expect(!closed.totals.endsLong && closed.totals.trades == 2)
    }

    @Test func costsAreSubtractedInOrderFeeThenSlippage() {
        // (r - fee) - slip, not r - (fee + slip): the two differ in the last bit here.
        let r = 110.0 / 100.0 - 1
        let (net, _, _) = runKernel([100, 110], [1, -1], fee: 0.003, slippage: .fixed(0.0007))
        #expect(net[1] == (r - 0.003) - 0.0007)
        #expect((r - 0.003) - 0.0007 != r - (0.003 + 0.0007))
    }

    @Test func perBarSlippageIsReadOnTradeBarsOnly() {
        let (net, _, _) = runKernel(
            [100, 100, 100], [1, 0, -1], fee: 0, slippage: .perBar([0.001, 0.5, 0.003]))
        #expect(net == [-0.001, 0, -0.003])
    }

    @Test func equityCompoundsSequentially() throws {
        let strategy = try StrategyRegistry.make(named: "rsi_ma_cross_v2")
        let result = try Backtester.run(
            series: CraftedSeries.series(), strategy: strategy, costs: CostModel(), initialCash: 1, interval: .daily)
        var value = 1.0
        for k in result.net.indices {
            value *= 1 + result.net[k]
            #expect(result.equity[k] == value, "bar \(k)")
        }
    }

    @Test func zeroCostsTrackThePrice() {
        let closes: [Double] = [100, 103, 98, 101, 120]
        let (_, equity, totals) = runKernel(closes, [1, 0, 0, 0, 0], fee: 0, slippage: .fixed(0))
        #expect(abs(equity[4] - 1.2) < 1e-12)
        #expect(totals.trades == 1)
        #expect(abs(totals.maxDrawdown - (98.0 / 103.0 - 1)) < 1e-12)
    }

    @Test func drawdownIsZeroOnARisingCurve() {
        let (_, _, totals) = runKernel([1, 2, 3, 4], [1, 0, 0, 0], fee: 0, slippage: .fixed(0))
        #expect(totals.maxDrawdown == 0)
        // Even a first-bar cost is no drawdown: the first equity is the first peak.
        let costly = runKernel([1, 2, 3, 4], [1, 0, 0, 0])
        #expect(costly.totals.maxDrawdown == 0)
    }

    @Test func flatRunChangesNothing() {
        let (net, equity, totals) = runKernel([5, 6, 4, 7], [0, 0, 0, 0])
        #expect(net == [0, 0, 0, 0])
        #expect(equity == [1, 1, 1, 1])
        #expect(totals.trades == 0 && totals.activeBars == 0 && totals.winningActiveBars == 0)
        #expect(totals.maxDrawdown == 0 && totals.finalEquity == 1 && !totals.endsLong)
    }

    @Test func emptyFrame() {
        let (net, _, totals) = runKernel([], [])
        #expect(net.isEmpty)
        #expect(totals.trades == 0 && totals.finalEquity == 1 && totals.maxDrawdown == 0)
    }

    /// contract.md: "position_k goes 0 -> 1 on +1 while flat, 1 -> 0 on -1 while long, else
    /// stays"; only bars where the position changes are trades. A +1 while long or a -1 while
    /// flat must neither trade nor change the position (no leverage, no shorts).
    @Test
    func redundantSignalsAreNotTrades() {
        let (net, _, totals) = runKernel([100, 100, 110, 110], [1, 1, 0, 0])
        #expect(totals.trades == 1)
        #expect(net == [-0.0028, 0, 110.0 / 100.0 - 1, 0])
        let short = runKernel([100, 90, 80], [-1, 0, 0])
        #expect(short.totals.trades == 0)
        #expect(short.net == [0, 0, 0])
    }
}
