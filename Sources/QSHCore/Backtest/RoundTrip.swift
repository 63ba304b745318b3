/// One entry and its exit, measured on the backtest's equity curve (costs included).
public struct RoundTrip: Sendable, Equatable {
    public let entryIndex: Int
    public let exitIndex: Int
    /// Equity at exit over equity before the entry bar, minus one.
    public let netReturn: Double

    public var bars: Int { exitIndex - entryIndex }

    /// Round trips from the kernel's trade list and the equity it kept at each trade (entries
    /// and exits alternate, starting flat): one sequential pass, no look-ups in the per-bar
    /// equity.
    public static func extract(tradeIndices: UnsafeBufferPointer<Int>, tradeEquity: UnsafePointer<Double>) -> [RoundTrip] {
        let closed = tradeIndices.count / 2
        return [RoundTrip](unsafeUninitializedCapacity: closed) { trips, initialized in
            for i in 0..<closed {
                let entry = 2 * i, exit = entry + 1
                // Equity after the exit over equity before the entry, as `extract(signals:...)`.
                trips.initializeElement(at: i, to: RoundTrip(
                    entryIndex: tradeIndices[entry], exitIndex: tradeIndices[exit],
                    netReturn: tradeEquity[exit] / tradeEquity[entry] - 1))
            }
            initialized = closed
        }
    }

    /// Round trips from the kernel's trade list (entries and exits alternate, starting flat).
    public static func extract(
        tradeIndices: UnsafeBufferPointer<Int>, signals: UnsafePointer<Int8>, equity: UnsafePointer<Double>
    ) -> [RoundTrip] {
        var trips: [RoundTrip] = []
        trips.reserveCapacity(tradeIndices.count / 2)
        var entry = -1
        for k in tradeIndices {
            if signals[k] > 0 {
                entry = k
            } else if entry >= 0 {
                let before = entry == 0 ? 1.0 : equity[entry - 1]
                trips.append(RoundTrip(entryIndex: entry, exitIndex: k, netReturn: equity[k] / before - 1))
                entry = -1
            }
        }
        return trips
    }

    /// Closed round trips in frame order from a full signal column; an open position at the
    /// end is not a round trip.
    public static func extract(signals: UnsafePointer<Int8>, equity: UnsafePointer<Double>, count: Int) -> [RoundTrip] {
        let trades = (0..<count).filter { signals[$0] != 0 }
        return trades.withUnsafeBufferPointer { extract(tradeIndices: $0, signals: signals, equity: equity) }
    }
}

/// Win rate, profit factor, expectancy and extremes of a list of trade results.
public struct TradeStatistics: Sendable, Equatable {
    public var count = 0
    public var winRate: Double?
    /// Sum of wins over the absolute sum of losses; nil when there is no loss.
    public var profitFactor: Double?
    public var expectancy: Double?
    public var best: Double?
    public var worst: Double?

    public init(results: [Double]) {
        count = results.count
        guard let first = results.first else { return }
        var wins = 0.0
        var losses = 0.0
        var winners = 0
        var best = first
        var worst = first
        // One pass without branches on the sign (trade results alternate unpredictably):
        // adding 0.0 leaves a sum as it is, and `best`/`worst` follow `max()`/`min()` exactly.
        for value in results {
            wins += value > 0 ? value : 0
            losses += value < 0 ? value : 0
            winners &+= value > 0 ? 1 : 0
            best = best < value ? value : best
            worst = value < worst ? value : worst
        }
        winRate = Double(winners) / Double(count)
        profitFactor = losses < 0 ? wins / -losses : nil
        expectancy = PairwiseSum.sum(results) / Double(count)
        self.best = best
        self.worst = worst
    }
}
