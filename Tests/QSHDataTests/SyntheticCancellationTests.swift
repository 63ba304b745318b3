import QSHCore
import Testing

@testable import QSHData

/// Generating millions of synthetic bars can be stopped: the path is built block by block and
/// the bars in batches, with a poll between them; what comes back is an exact prefix.
struct SyntheticCancellationTests {
    let minute = try! BarInterval(parsing: "1m")
    static let start: Int64 = 1_640_995_200_000  // 2022-01-01
    static let end = start + 200_000 * 60_000

    final class PollCounter {
        var polls = 0
        let stopAt: Int
        init(stopAt: Int) { self.stopAt = stopAt }
        func poll() -> Bool {
            polls += 1
            return polls >= stopAt
        }
    }

    @Test(arguments: [1, 3, 40, 50])
    func stoppingReturnsAnExactPrefix(stopAt: Int) {
        let counter = PollCounter(stopAt: stopAt)
        let stopped = SyntheticBars.generate(
            ticker: "SYN-ETH", interval: minute, startMillis: Self.start, endMillis: Self.end, shouldStop: counter.poll)
        let full = SyntheticBars.generate(ticker: "SYN-ETH", interval: minute, startMillis: Self.start, endMillis: Self.end)
        #expect(full.count == 200_000)
        #expect(stopped.count < full.count)
        #expect(counter.polls >= stopAt)
        #expect(stopped.count > 0)
        #expect(Array(full.close.prefix(stopped.count)) == stopped.close)
        #expect(Array(full.timestamps.prefix(stopped.count)) == stopped.timestamps)
    }

    @Test func neverStoppingGivesTheWholeWindow() {
        let counter = PollCounter(stopAt: Int.max)
        let polled = SyntheticBars.generate(
            ticker: "SYN-ETH", interval: minute, startMillis: Self.start, endMillis: Self.end, shouldStop: counter.poll)
        #expect(polled == SyntheticBars.generate(ticker: "SYN-ETH", interval: minute, startMillis: Self.start, endMillis: Self.end))
        #expect(counter.polls > 1)
    }
}
