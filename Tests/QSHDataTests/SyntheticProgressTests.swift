import QSHCore
import Testing

@testable import QSHData

/// Generation reports progress where it polls for a stop, rising to the window's bar count.
struct SyntheticProgressTests {
    let minute = try! BarInterval(parsing: "1m")
    static let start = SyntheticCancellationTests.start
    static let end = SyntheticCancellationTests.end

    /// Generates the 200,000-bar window with `counter` polled; returns the bars and the reports.
    func generate(_ counter: SyntheticCancellationTests.PollCounter) -> (BarSeries, [(done: Int, total: Int)]) {
        var reports: [(done: Int, total: Int)] = []
        let series = SyntheticBars.generate(
            ticker: "SYN-ETH", interval: minute, startMillis: Self.start, endMillis: Self.end, shouldStop: counter.poll,
            progress: { reports.append(($0, $1)) })
        return (series, reports)
    }

    @Test func risesToTheBarCountWithOneReportPerPollAndOneAtTheEnd() {
        let counter = SyntheticCancellationTests.PollCounter(stopAt: .max)
        let (series, reports) = generate(counter)
        #expect(series.count == 200_000)
        #expect(reports.count == counter.polls + 1)
        #expect(reports.allSatisfy { $0.total == 200_000 })
        let done = reports.map(\.done)
        #expect(zip(done, done.dropFirst()).allSatisfy { $0 <= $1 })
        #expect(done.first! > 0 && done.first! < 20_000)
        #expect(done.last == 200_000)
        // Both passes report: the path up to 40 % of the bars, then the bars themselves.
        #expect(done.filter { $0 < 80_000 }.count > 20 && done.filter { $0 > 80_000 }.count > 5)
    }

    @Test func aStoppedRunReportsWhereItStopped() {
        let (series, reports) = generate(SyntheticCancellationTests.PollCounter(stopAt: 52))
        #expect(series.count < 200_000)
        #expect(reports.last!.done < 200_000)
        #expect(reports.last!.done >= reports.dropLast().last!.done)
    }

    @Test func progressChangesNoBar() {
        var calls = 0
        let end = Self.start + 50_000 * 60_000
        let reported = SyntheticBars.generate(
            ticker: "SYN-BTC", interval: minute, startMillis: Self.start, endMillis: end, progress: { _, _ in calls += 1 })
        #expect(calls > 1)
        #expect(reported == SyntheticBars.generate(ticker: "SYN-BTC", interval: minute, startMillis: Self.start, endMillis: end))
    }
}
