import QSHCore
import Testing

/// Both backtest paths report bars done where the kernel polls for a stop, and at the end.
@Suite struct BacktestProgressTests {
    static let interval = BacktestKernel.stopCheckInterval
    static let series = closeOnlyBars((0..<(3 * interval + 500)).map { 100 + Double($0 % 89) * 0.5 })

    final class Recorder {
        var reports: [(done: Int, total: Int)] = []
        var polls = 0
        func poll() -> Bool {
            polls += 1
            return false
        }
        func progress(_ done: Int, _ total: Int) { reports.append((done, total)) }
    }

    @Test(arguments: [false, true])
    func reportsEachBlockAndTheEnd(shared: Bool) throws {
        let strategy = try StrategyRegistry.make(named: "rsi_ma_cross_v2")
        let recorder = Recorder()
        let result = shared
            ? try Backtester.run(
                features: FeatureSet(series: Self.series), strategy: strategy, costs: CostModel(), initialCash: 1000,
                interval: .daily, shouldStop: recorder.poll, progress: recorder.progress)
            : try Backtester.run(
                series: Self.series, strategy: strategy, costs: CostModel(), initialCash: 1000, interval: .daily,
                shouldStop: recorder.poll, progress: recorder.progress)
        let days = result.days
        #expect(recorder.polls == 3)
        #expect(recorder.reports.map(\.done) == [Self.interval, 2 * Self.interval, 3 * Self.interval, days])
        #expect(recorder.reports.allSatisfy { $0.total == days })
    }

    @Test func aStoppedRunDoesNotReportTheEnd() throws {
        let strategy = try StrategyRegistry.make(named: "sma_cross")
        var reports: [Int] = []
        #expect(throws: CancelledError.self) {
            _ = try Backtester.run(
                features: FeatureSet(series: Self.series), strategy: strategy, costs: CostModel(), initialCash: 1000,
                interval: .daily, shouldStop: { true }, progress: { done, _ in reports.append(done) })
        }
        #expect(reports == [Self.interval])
    }
}
