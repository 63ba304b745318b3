import QSHCore
import Testing

/// A backtest asked to stop: the kernel polls between blocks of bars, never per bar, and the
/// backtester turns a stopped pass into `CancelledError` instead of partial metrics.
@Suite struct BacktestCancellationTests {
    static let interval = BacktestKernel.stopCheckInterval

    static func series(bars: Int) -> BarSeries {
        closeOnlyBars((0..<bars).map { 100 + Double($0 % 97) * 0.5 })
    }

    final class PollCounter {
        var polls = 0
        let stopAt: Int?
        init(stopAt: Int? = nil) { self.stopAt = stopAt }
        func poll() -> Bool {
            polls += 1
            return stopAt.map { polls >= $0 } ?? false
        }
    }

    @Test func aStopRequestEndsTheRunWithCancelledError() throws {
        let strategy = try StrategyRegistry.make(named: "sma_cross")
        let counter = PollCounter(stopAt: 2)
        #expect(throws: CancelledError.self) {
            _ = try Backtester.run(
                series: Self.series(bars: 5 * Self.interval), strategy: strategy, costs: CostModel(), initialCash: 1000,
                interval: .daily, shouldStop: counter.poll)
        }
        #expect(counter.polls == 2)
    }

    @Test func pollsOncePerBlockAfterTheFirstAndChangesNothing() throws {
        let strategy = try StrategyRegistry.make(named: "rsi_ma_cross_v2")
        let series = Self.series(bars: 3 * Self.interval + 500)
        let counter = PollCounter()
        let polled = try Backtester.run(
            series: series, strategy: strategy, costs: CostModel(), initialCash: 1000, interval: .daily,
            shouldStop: counter.poll)
        let plain = try Backtester.run(series: series, strategy: strategy, costs: CostModel(), initialCash: 1000, interval: .daily)
        // Frame bars = bars - 99 warm-up rows: blocks start at 0, interval, 2 * interval, 3 * interval.
        #expect(counter.polls == 3)
        #expect(polled.equity == plain.equity)
        #expect(polled.reference == plain.reference)
    }

    @Test func aWindowShorterThanOneBlockIsNeverPolled() throws {
        let strategy = try StrategyRegistry.make(named: "buy_and_hold")
        let counter = PollCounter(stopAt: 1)
        _ = try Backtester.run(
            series: Self.series(bars: 1_000), strategy: strategy, costs: CostModel(), initialCash: 1000, interval: .daily,
            shouldStop: counter.poll)
        #expect(counter.polls == 0)
    }
}
