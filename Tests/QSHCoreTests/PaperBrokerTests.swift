import QSHCore
import Testing

/// The paper execution model of contract.md section 1, "Paper broker".
@Suite struct PaperBrokerTests {
    func paper(
        _ closes: [Double], _ signals: [Int8], feeRate: Double = 0.002, slippage: SlippageTrack = .fixed(0.0008),
        cash: Double = 1000
    ) -> PaperResult {
        closes.withUnsafeBufferPointer { c in
            signals.withUnsafeBufferPointer { s in
                PaperBroker.run(
                    close: c.baseAddress!, signals: s.baseAddress!, count: closes.count, feeRate: feeRate,
                    slippage: slippage, initialCash: cash)
            }
        }
    }

    /// Buy at 100, sell at 121, buy again at 100, end at 125 with the position open.
    /// Expected numbers computed in Python with the contract's formulas.
    static let closes: [Double] = [100, 110, 121, 100, 125]
    static let signals: [Int8] = [1, 0, -1, 1, 0]

    @Test func buyFormula() throws {
        let result = paper(Self.closes, Self.signals)
        let buy = try #require(result.fills.first)
        #expect(buy.side == .buy && buy.frameIndex == 0 && buy.signal == 1 && buy.reason == "signal=1")
        #expect(buy.close == 100)
        #expect(buy.slippage == 0.0008)
        #expect(buy.executionPrice == 100 * (1 + 0.0008)) // 100.07999999999998
        #expect(buy.fee == 2.0) // on cash: 1000 * 0.002
        #expect(buy.quantity == (1000 - 2.0) / (100 * (1 + 0.0008)))
        #expect(buy.quantity == 9.972022382094327)
        #expect(buy.equityAfter == 997.2022382094327) // qty * close, not qty * exec
    }

    @Test func sellFormula() throws {
        let result = paper(Self.closes, Self.signals)
        try #require(result.fills.count == 3)
        let sell = result.fills[1]
        #expect(sell.side == .sell && sell.frameIndex == 2 && sell.signal == -1 && sell.reason == "signal=-1")
        #expect(sell.executionPrice == 121 * (1 - 0.0008)) // 120.9032
        // The quantity sold is recorded (the reference wrote 0 here).
        #expect(sell.quantity == 9.972022382094327)
        #expect(sell.fee == 2.4112988329336535) // on notional 1205.6494164668268
        #expect(sell.fee == 9.972022382094327 * 120.9032 * 0.002)
        #expect(sell.equityAfter == 1203.2381176338931) // cash = notional - fee
    }

    @Test func secondEntryUsesAllTheCash() throws {
        let result = paper(Self.closes, Self.signals)
        try #require(result.fills.count == 3)
        let buy = result.fills[2]
        #expect(buy.frameIndex == 3)
        #expect(buy.fee == 1203.2381176338931 * 0.002)
        #expect(buy.quantity == 11.998717440034229)
        #expect(buy.equityAfter == 1199.871744003423)
    }

    @Test func finalEquityMarksTheOpenPositionAtTheLastClose() {
        let result = paper(Self.closes, Self.signals)
        #expect(result.finalCash == 0)
        #expect(result.finalQuantity == 11.998717440034229)
        #expect(result.finalEquity == 11.998717440034229 * 125)
        #expect(result.finalEquity == 1499.8396800042785)
    }

    @Test func roundTripNets() {
        let result = paper(Self.closes, Self.signals)
        // qty * (exit exec - entry exec) - both fees; the open position is no round trip.
        #expect(result.roundTripNets == [9.972022382094327 * (120.9032 - 100.07999999999998) - 2.0 - 2.4112988329336535])
        #expect(result.roundTripNets == [203.23811763389307])
        let stats = result.statistics
        #expect(stats.count == 1 && stats.winRate == 1 && stats.profitFactor == nil)
        #expect(stats.expectancy == 203.23811763389307)
    }

    @Test func closedAtTheEndEquityIsCash() throws {
        let result = paper([100, 90], [1, -1], feeRate: 0, slippage: .fixed(0))
        #expect(result.finalQuantity == 0)
        #expect(result.finalEquity == result.finalCash)
        #expect(abs(result.finalEquity - 900) < 1e-9)
        #expect(result.roundTripNets.count == 1 && result.roundTripNets[0] < 0)
        #expect(result.statistics.winRate == 0)
        #expect(result.statistics.profitFactor == 0)
    }

    @Test func redundantSignalsAreIgnored() {
        // Sell while flat, buy while long, sell twice: only the real transitions fill.
        let result = paper([100, 101, 102, 103, 104, 105], [-1, 1, 1, -1, -1, 0])
        #expect(result.fills.map(\.side) == [.buy, .sell])
        #expect(result.fills.map(\.frameIndex) == [1, 3])
    }

    @Test func noCashNoBuy() {
        let result = paper([100, 101], [1, 0], cash: 0)
        #expect(result.fills.isEmpty)
        #expect(result.finalEquity == 0)
    }

    @Test func perBarSlippageIsUsed() throws {
        let result = paper([100, 100, 100], [1, 0, -1], feeRate: 0, slippage: .perBar([0.001, 0.9, 0.003]))
        try #require(result.fills.count == 2)
        #expect(result.fills[0].slippage == 0.001 && result.fills[0].executionPrice == 100 * 1.001)
        #expect(result.fills[1].slippage == 0.003 && result.fills[1].executionPrice == 100 * (1 - 0.003))
    }

    @Test func noSignalsKeepsTheCash() {
        let result = paper([100, 50, 200], [0, 0, 0])
        #expect(result.fills.isEmpty && result.finalEquity == 1000 && result.finalCash == 1000)
        #expect(paper([], []).finalEquity == 1000)
    }

    @Test func sameSignalsAsTheBacktestButDifferentCompounding() throws {
        // Same frame and signals: the paper model charges fees on money, so it differs from
        // 1000 x the backtest's equity, but stays close.
        let strategy = try StrategyRegistry.make(named: "rsi_ma_cross_v2")
        let series = CraftedSeries.series()
        let backtest = try Backtester.run(series: series, strategy: strategy, costs: CostModel(), initialCash: 1000, interval: .daily)
        let result = paper(Array(series.close[backtest.frameStart...]), backtest.signals, slippage: backtest.slippage)
        #expect(result.fills.count == backtest.reference.trades)
        #expect(result.fills.map(\.frameIndex) == backtest.signals.indices.filter { backtest.signals[$0] != 0 })
        #expect(abs(result.finalEquity / (1000 * backtest.equity.last!) - 1) < 0.01)
        #expect(result.finalEquity != 1000 * backtest.equity.last!)
    }
}
