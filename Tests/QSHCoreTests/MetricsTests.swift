import Foundation
import QSHCore
import Testing

/// Reference metrics, extended metrics, round trips and trade statistics.
@Suite struct MetricsTests {
    static let secondsPerYear = 365.25 * 86_400

    func reference(_ closes: [Double], _ signals: [Int8], fee: Double = 0.002, slip: Double = 0.0008) -> ReferenceMetrics {
        let (net, _, totals) = runKernel(closes, signals, fee: fee, slippage: .fixed(slip))
        return net.withUnsafeBufferPointer { MetricsCalculator.reference(net: $0.baseAddress!, count: net.count, totals: totals) }
    }

    func extended(
        _ closes: [Double], _ signals: [Int8], fee: Double = 0.002, slip: Double = 0.0008, elapsed: Double,
        cash: Double = 1000
    ) -> (ExtendedMetrics, net: [Double], equity: [Double]) {
        let (net, equity, totals) = runKernel(closes, signals, fee: fee, slippage: .fixed(slip))
        let trips = signals.withUnsafeBufferPointer { s in
            equity.withUnsafeBufferPointer { RoundTrip.extract(signals: s.baseAddress!, equity: $0.baseAddress!, count: net.count) }
        }
        let m = net.withUnsafeBufferPointer {
            MetricsCalculator.extended(
                net: $0.baseAddress!, count: net.count, totals: totals, roundTrips: trips, elapsedSeconds: elapsed,
                initialCash: cash)
        }
        return (m, net, equity)
    }

    // MARK: reference

    @Test func referenceOnTheKernelHandExample() {
        let m = reference(BacktestKernelTests.closes, BacktestKernelTests.signals)
        #expect(m.days == 6 && m.trades == 3)
        #expect(m.totalReturn == 0.18749519239788826)
        #expect(m.maxDrawdown == -0.1053121600000001)
        // numpy: sqrt(252) * (mean(net) / (std(net, ddof=1) + 1e-12))
        #expect(m.sharpeSimple == 6.105760956415901)
        #expect(m.winrateActiveDays == 0.75)
    }

    @Test func sharpeIsNaNWithOneBar() {
        let m = reference([100], [1])
        #expect(m.days == 1)
        #expect(m.sharpeSimple.isNaN)
        #expect(m.totalReturn == 0.9972 - 1)
    }

    @Test func sharpeIsZeroWithAllZeroReturns() {
        let m = reference([1, 2, 3, 2, 1], [0, 0, 0, 0, 0])
        #expect(m.sharpeSimple == 0)
        #expect(m.totalReturn == 0 && m.maxDrawdown == 0 && m.trades == 0)
        #expect(m.winrateActiveDays == 0)
    }

    @Test func sharpeIncludesFlatBars() {
        // Same active bars, more flat bars: the mean shrinks, so does the ratio.
        let short = reference([100, 110, 99, 110], [1, 0, 0, 0], fee: 0, slip: 0)
        let padded = reference([100, 110, 99, 110, 110, 110, 110], [1, 0, 0, -1, 0, 0, 0], fee: 0, slip: 0)
        #expect(padded.sharpeSimple < short.sharpeSimple)
    }

    // MARK: extended

    @Test func cagrOverElapsedTime() {
        // 100 -> 121 long with no costs: equity 1.21.
        let twoYears = extended([100, 121], [1, 0], fee: 0, slip: 0, elapsed: 2 * Self.secondsPerYear).0
        #expect(twoYears.years == 2)
        #expect(twoYears.periodsPerYear == 1)
        #expect(abs(twoYears.cagr! - 0.1) < 1e-12)
        let halfYear = extended([100, 121], [1, 0], fee: 0, slip: 0, elapsed: Self.secondsPerYear / 2).0
        #expect(abs(halfYear.cagr! - (1.21 * 1.21 - 1)) < 1e-12)
        #expect(halfYear.periodsPerYear == 4)
    }

    @Test func noElapsedTimeMeansNoAnnualisedFigures() {
        let m = extended([100, 121, 110], [1, 0, 0], elapsed: 0).0
        #expect(m.years == nil && m.periodsPerYear == nil && m.cagr == nil)
        #expect(m.volatilityAnnualized == nil && m.sharpeAnnualized == nil && m.sortino == nil && m.calmar == nil)
        #expect(m.exposure == 2.0 / 3.0)
    }

    @Test func wipedOutEquityHasCagrMinusOne() {
        let m = extended([100, 0], [1, 0], fee: 0, slip: 0, elapsed: Self.secondsPerYear).0
        #expect(m.finalEquity == 0)
        #expect(m.cagr == -1)
    }

    @Test func ratiosOnTheHandExample() throws {
        let elapsed = 6.0 * 86_400
        let (m, net, _) = extended(BacktestKernelTests.closes, BacktestKernelTests.signals, elapsed: elapsed, cash: 500)
        let years = elapsed / Self.secondsPerYear
        let scale = (6 / years).squareRoot()
        let (mean, std) = net.withUnsafeBufferPointer { b in
            let mean = PairwiseSum.mean(b.baseAddress!, count: 6)
            return (mean, PairwiseSum.standardDeviation(b.baseAddress!, count: 6, mean: mean, ddof: 1))
        }
        let downside = (net.filter { $0 < 0 }.reduce(0) { $0 + $1 * $1 } / 6).squareRoot()
        let cagr = pow(1.1874951923978883, 1 / years) - 1
        #expect(m.years == years)
        #expect(abs(try #require(m.periodsPerYear) - 365.25) < 1e-9)
        #expect(abs(try #require(m.cagr) / cagr - 1) < 1e-12)
        #expect(abs(try #require(m.volatilityAnnualized) / (std * scale) - 1) < 1e-12)
        #expect(abs(try #require(m.sharpeAnnualized) / (mean / std * scale) - 1) < 1e-12)
        #expect(abs(try #require(m.sortino) / (mean / downside * scale) - 1) < 1e-12)
        #expect(abs(try #require(m.calmar) / (cagr / 0.1053121600000001) - 1) < 1e-12)
        // Long before bars 1, 2, 3, 5: 4 of 6 bars.
        #expect(m.exposure == 4.0 / 6.0)
        // One closed round trip (bars 0...3); the re-entry on bar 4 is still open.
        #expect(m.roundTrips == 1)
        #expect(m.averageBarsHeld == 3)
        #expect(m.winRateTrades == 1)
        #expect(m.profitFactor == nil, "no losing trade: profit factor is undefined")
        #expect(m.expectancy == 1.0825722864000002 - 1)
        #expect(m.bestTrade == m.worstTrade)
        #expect(m.finalEquity == 500 * 1.1874951923978883)
        #expect(m.openPositionAtEnd)
    }

    @Test func noDrawdownNoCalmarNoLossNoSortino() {
        let m = extended([1, 2, 3], [1, 0, 0], fee: 0, slip: 0, elapsed: Self.secondsPerYear).0
        #expect(m.calmar == nil)
        #expect(m.sortino == nil)
        #expect(m.roundTrips == 0 && m.averageBarsHeld == nil && m.winRateTrades == nil && m.expectancy == nil)
    }

    @Test func backtesterExtendedMetricsOnTheCraftedSeries() throws {
        let strategy = try StrategyRegistry.make(named: "rsi_ma_cross_v2")
        let r = try Backtester.run(
            series: CraftedSeries.series(), strategy: strategy, costs: CostModel(), initialCash: 1000, interval: .daily)
        let m = r.extended
        // Frame rows 99...173, one day apart, plus the last bar's own day: 75 days.
        #expect(m.years == 75 * 86_400 / Self.secondsPerYear)
        #expect(abs(try #require(m.periodsPerYear) - 365.25) < 1e-9)
        // Python: 1.0873835464641775 ** (1 / years) - 1 and friends.
        #expect(abs(try #require(m.cagr) - 0.5037790423278934) < 1e-12)
        #expect(abs(try #require(m.calmar) - 32.01317553942125) < 1e-9)
        #expect(abs(try #require(m.sortino) - 13.541544869799637) < 1e-9)
        #expect(abs(try #require(m.volatilityAnnualized) - 0.10793285564764221) < 1e-12)
        #expect(abs(try #require(m.sharpeAnnualized) - 3.834623837476278) < 1e-9)
        #expect(m.exposure == 0.12)
        #expect(m.roundTrips == 2)
        #expect(m.winRateTrades == 0.5)
        #expect(m.bestTrade == 0.09441848120603025)
        #expect(m.worstTrade == -0.012723564571428536)
        #expect(m.profitFactor == 0.09441848120603025 / 0.012723564571428536)
        #expect(m.averageBarsHeld == 3) // (13 - 9 + 67 - 65) / 2
        #expect(m.openPositionAtEnd)
        #expect(m.finalEquity == 1000 * 1.0873835464641775)
    }

    @Test func elapsedTimeAddsOneInterval() throws {
        let strategy = try StrategyRegistry.make(named: "buy_and_hold")
        let hourly = try Backtester.run(
            series: CraftedSeries.series(), strategy: strategy, costs: CostModel(), initialCash: 1,
            interval: BarInterval(parsing: "1h"))
        #expect(hourly.extended.years == (173 * 86_400 + 3_600) / Self.secondsPerYear)
    }

    // MARK: round trips

    @Test func roundTripExtraction() {
        let signals: [Int8] = [-1, 1, 0, -1, 0, 1, -1, 1]
        let equity: [Double] = [1.0, 0.99, 1.05, 1.02, 1.02, 1.01, 0.98, 0.97]
        let trips = signals.withUnsafeBufferPointer { s in
            equity.withUnsafeBufferPointer { RoundTrip.extract(signals: s.baseAddress!, equity: $0.baseAddress!, count: 8) }
        }
        // The leading -1 has no entry; the final +1 is still open.
        #expect(trips.map(\.entryIndex) == [1, 5])
        #expect(trips.map(\.exitIndex) == [3, 6])
        #expect(trips.map(\.netReturn) == [1.02 / 1.0 - 1, 0.98 / 1.02 - 1])
        #expect(trips.map(\.bars) == [2, 1])
    }

    @Test func roundTripFromTheFirstBarStartsAtOne() {
        let signals: [Int8] = [1, -1]
        let equity: [Double] = [0.9972, 1.1]
        let trips = signals.withUnsafeBufferPointer { s in
            equity.withUnsafeBufferPointer { RoundTrip.extract(signals: s.baseAddress!, equity: $0.baseAddress!, count: 2) }
        }
        #expect(trips.count == 1)
        #expect(trips.first?.entryIndex == 0 && trips.first?.exitIndex == 1)
        #expect(trips.first?.netReturn == 1.1 / 1.0 - 1)
    }

    // MARK: trade statistics

    @Test func tradeStatistics() {
        let s = TradeStatistics(results: [0.1, -0.05, 0.2, 0, -0.05])
        #expect(s.count == 5)
        #expect(s.winRate == 0.4)
        #expect(s.profitFactor == (0.1 + 0.2) / 0.1)
        #expect(s.expectancy == 0.04) // np.sum(results) / 5
        #expect(s.best == 0.2 && s.worst == -0.05)
    }

    @Test func profitFactorIsNilWithoutLosses() {
        #expect(TradeStatistics(results: [0.1, 0.2]).profitFactor == nil)
        #expect(TradeStatistics(results: [0, 0]).profitFactor == nil)
        #expect(TradeStatistics(results: [0, 0]).winRate == 0)
        let losers = TradeStatistics(results: [-0.1, -0.2])
        #expect(losers.profitFactor == 0 && losers.winRate == 0)
    }

    @Test func emptyStatistics() {
        let s = TradeStatistics(results: [])
        #expect(s.count == 0)
        #expect(s.winRate == nil && s.profitFactor == nil && s.expectancy == nil && s.best == nil && s.worst == nil)
    }
}
