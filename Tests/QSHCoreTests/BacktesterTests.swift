import QSHCore
import Testing

/// `Backtester.run`: warm-up trimming, the 100-row minimum, the reference metrics.
@Suite struct BacktesterTests {
    func run(
        _ series: BarSeries, _ name: String = "rsi_ma_cross_v2", _ overrides: [(String, Double)] = [],
        costs: CostModel = CostModel()
    ) throws -> BacktestResult {
        let strategy = try StrategyRegistry.make(named: name, overrides: overrides)
        return try Backtester.run(series: series, strategy: strategy, costs: costs, initialCash: 1000, interval: .daily)
    }

    @Test(arguments: [0, 1, 50, 99])
    func fewerThan100RowsIsADataError(rows: Int) throws {
        let series = closeOnlyBars((0..<rows).map { 100 + Double($0) })
        let strategy = try StrategyRegistry.make(named: "buy_and_hold")
        #expect {
            _ = try Backtester.run(series: series, strategy: strategy, costs: CostModel(), initialCash: 1000, interval: .daily)
        } throws: { error in
            guard let error = error as? DataError else { return false }
            return error.message == "only \(rows) bars in the requested window; at least 100 are needed"
                && error.exitCode == 3
        }
    }

    @Test func warmUpLongerThanTheWindowIsADataError() {
        #expect(throws: DataError.self) { try run(closeOnlyBars([Double](repeating: 1, count: 120)), "sma_cross", [("slow", 150)]) }
        // slow 121: warm-up 120 rows leaves one frame bar, which is enough.
        #expect(throws: Never.self) { try run(closeOnlyBars([Double](repeating: 1, count: 121)), "sma_cross", [("slow", 121)]) }
    }

    @Test func exactly100RowsGiveOneBarAndNaNSharpe() throws {
        let result = try run(CraftedSeries.series().window(startMillis: nil, endMillis: 100 * 86_400_000))
        #expect(result.frameStart == 99)
        #expect(result.days == 1)
        let m = result.reference
        #expect(m.days == 1 && m.trades == 0)
        #expect(m.totalReturn == 0 && m.maxDrawdown == 0 && m.winrateActiveDays == 0)
        #expect(m.sharpeSimple.isNaN)
    }

    @Test func allZeroReturnsGiveZeroSharpe() throws {
        let flat = closeOnlyBars([Double](repeating: 50, count: 150))
        let result = try run(flat, "buy_and_hold", costs: CostModel(fee: 0, slippageBps: 0))
        #expect(result.days == 150)
        #expect(result.reference.sharpeSimple == 0)
        #expect(result.reference.totalReturn == 0)
        #expect(result.reference.maxDrawdown == 0)
        // Long on 149 bars, none with a positive net.
        #expect(result.reference.winrateActiveDays == 0)
        #expect(result.reference.trades == 1)
    }

    @Test func craftedSeriesMatchesThePythonReference() throws {
        let result = try run(CraftedSeries.series())
        let m = result.reference
        #expect(result.frameStart == 99)
        #expect(m.days == 75 && result.days == 75)
        #expect(m.trades == 5)
        #expect(m.totalReturn == 0.08738354646417745)
        #expect(m.maxDrawdown == -0.015736615747711014)
        #expect(m.sharpeSimple == 3.1851355964258907)
        #expect(m.winrateActiveDays == 0.8888888888888888)
        #expect(result.equity.last == 1.0873835464641775)
    }

    @Test func tradesCountEntriesPlusExits() throws {
        let result = try run(CraftedSeries.series())
        let entries = result.signals.filter { $0 == 1 }.count
        let exits = result.signals.filter { $0 == -1 }.count
        #expect(entries == 3 && exits == 2)
        #expect(result.reference.trades == entries + exits)
        #expect(result.roundTrips.count == 2)
        #expect(result.totals.endsLong)
    }

    @Test func neverLongHasZeroWinrate() throws {
        let result = try run(CraftedSeries.series(), "rsi_ma_cross_v2", [("rsi_buy_max", 0)])
        let m = result.reference
        #expect(m.trades == 0 && m.totalReturn == 0 && m.maxDrawdown == 0)
        #expect(m.winrateActiveDays == 0)
        #expect(m.sharpeSimple == 0)
        #expect(result.extended.exposure == 0)
    }

    @Test func atrSlippageModeMatchesThePythonReference() throws {
        // Same crafted series with high/low = close +- 0.5; ta ATR(14), k_atr 0.05 (never clamped here).
        let costs = CostModel(slippageMode: .atr, kATR: 0.05)
        let result = try run(CraftedSeries.series(), costs: costs)
        let m = result.reference
        #expect(m.trades == 5)
        #expect(m.totalReturn == 0.08820804232965296)
        #expect(m.maxDrawdown == -0.015322711486641882)
        #expect(m.sharpeSimple == 3.2201365835390914)
        #expect(m.winrateActiveDays == 0.8888888888888888)
        #expect(result.slippage[9] == 0.0006676269934114545)
        #expect(result.slippage[13] == 0.0008024447121069805)
        // Costs are charged on trade bars from the per-bar track.
        let close = CraftedSeries.closes
        let r13 = close[99 + 13] / close[99 + 12] - 1
        #expect(result.net[13] == (r13 - 0.002) - 0.0008024447121069805)
    }

    @Test func atrModeWithoutHighLowUsesTheLowerBound() throws {
        let result = try run(CraftedSeries.series(hasHighLow: false), costs: CostModel(slippageMode: .atr))
        #expect((0..<result.days).allSatisfy { result.slippage[$0] == 0.0002 })
        #expect(result.net[9] == (0 - 0.002) - 0.0002)
    }

    @Test func fixedSlippageIsBpsOverTenThousand() throws {
        let result = try run(CraftedSeries.series(), costs: CostModel(slippageBps: 25))
        #expect(result.slippage[0] == 0.0025)
        #expect(result.net[9] == (0 - 0.002) - 0.0025)
    }

    @Test func resultArraysAreFrameAligned() throws {
        let result = try run(CraftedSeries.series())
        #expect(result.signals.count == 75 && result.net.count == 75 && result.equity.count == 75)
        // Frame bar k is series row 99 + k: the first net is 0 (no previous bar in the frame).
        #expect(result.net[0] == 0)
        #expect(result.extended.finalEquity == 1000 * result.equity[74])
    }

    @Test func buyAndHoldUsesTheWholeWindow() throws {
        let closes = (0..<120).map { 100 + Double($0 % 7) }
        let result = try run(closeOnlyBars(closes), "buy_and_hold")
        #expect(result.frameStart == 0 && result.days == 120)
        #expect(result.reference.trades == 1)
        #expect(result.net[0] == -0.0028)
        #expect(abs(result.equity[119] - 0.9972 * closes[119] / closes[0]) < 1e-12)
    }
}
