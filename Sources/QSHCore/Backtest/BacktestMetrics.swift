import Foundation

/// The reference's six metrics, computed exactly as the reference does.
public struct ReferenceMetrics: Sendable, Equatable {
    public var days: Int
    public var trades: Int
    public var totalReturn: Double
    public var maxDrawdown: Double
    /// `sqrt(252) * (mean / (std(ddof=1) + 1e-12))` over every bar; NaN with a single bar.
    public var sharpeSimple: Double
    public var winrateActiveDays: Double
}

/// Metrics the reference does not have, reported beside the reference ones.
public struct ExtendedMetrics: Sendable, Equatable {
    /// Bars per year observed on the frame's timestamps (the annualisation of the ratios below).
    public var periodsPerYear: Double?
    public var years: Double?
    public var cagr: Double?
    public var volatilityAnnualized: Double?
    public var sharpeAnnualized: Double?
    public var sortino: Double?
    public var calmar: Double?
    /// Share of bars spent long.
    public var exposure: Double
    public var roundTrips: Int
    public var winRateTrades: Double?
    public var profitFactor: Double?
    public var expectancy: Double?
    public var bestTrade: Double?
    public var worstTrade: Double?
    public var averageBarsHeld: Double?
    public var finalEquity: Double
    public var openPositionAtEnd: Bool
}

/// Mean and sample standard deviation of the bar returns, as numpy computes them.
public struct ReturnMoments: Sendable {
    public let mean: Double
    public let deviation: Double

    public init(net: UnsafePointer<Double>, count: Int) {
        mean = PairwiseSum.mean(net, count: count)
        deviation = PairwiseSum.standardDeviation(net, count: count, mean: mean, ddof: 1)
    }
}

public enum MetricsCalculator {
    static let secondsPerYear = 365.25 * 86_400

    public static func reference(net: UnsafePointer<Double>, count: Int, totals: BacktestKernel.Totals) -> ReferenceMetrics {
        reference(moments: ReturnMoments(net: net, count: count), count: count, totals: totals)
    }

    public static func reference(moments: ReturnMoments, count: Int, totals: BacktestKernel.Totals) -> ReferenceMetrics {
        // The reference divides first and scales after; the other order differs in the last bit.
        let sharpe = (252.0).squareRoot() * (moments.mean / (moments.deviation + 1e-12))
        return ReferenceMetrics(
            days: count, trades: totals.trades, totalReturn: totals.finalEquity - 1,
            maxDrawdown: totals.maxDrawdown, sharpeSimple: sharpe,
            winrateActiveDays: totals.activeBars == 0 ? 0 : Double(totals.winningActiveBars) / Double(totals.activeBars))
    }

    /// `elapsedSeconds` covers the frame including its last bar (last - first + one interval).
    public static func extended(
        net: UnsafePointer<Double>, count: Int, totals: BacktestKernel.Totals, roundTrips: [RoundTrip],
        elapsedSeconds: Double, initialCash: Double
    ) -> ExtendedMetrics {
        extended(
            moments: ReturnMoments(net: net, count: count), count: count, totals: totals, roundTrips: roundTrips,
            elapsedSeconds: elapsedSeconds, initialCash: initialCash)
    }

    public static func extended(
        moments: ReturnMoments, count: Int, totals: BacktestKernel.Totals, roundTrips: [RoundTrip],
        elapsedSeconds: Double, initialCash: Double
    ) -> ExtendedMetrics {
        let years = elapsedSeconds > 0 ? elapsedSeconds / secondsPerYear : nil
        let periodsPerYear = years.map { Double(count) / $0 }
        let mean = moments.mean
        let deviation = moments.deviation
        let downside = (totals.downsideSquares / Double(count)).squareRoot()
        let scale = periodsPerYear.map { $0.squareRoot() }
        let cagr = years.map { y in totals.finalEquity > 0 ? pow(totals.finalEquity, 1 / y) - 1 : -1 }
        let trades = TradeStatistics(results: roundTrips.map(\.netReturn))
        return ExtendedMetrics(
            periodsPerYear: periodsPerYear, years: years, cagr: cagr,
            volatilityAnnualized: scale.flatMap { deviation.isFinite ? deviation * $0 : nil },
            sharpeAnnualized: scale.flatMap { deviation > 0 ? mean / deviation * $0 : nil },
            sortino: scale.flatMap { downside > 0 ? mean / downside * $0 : nil },
            calmar: cagr.flatMap { totals.maxDrawdown < 0 ? $0 / -totals.maxDrawdown : nil },
            exposure: Double(totals.activeBars) / Double(count),
            roundTrips: roundTrips.count, winRateTrades: trades.winRate, profitFactor: trades.profitFactor,
            expectancy: trades.expectancy, bestTrade: trades.best, worstTrade: trades.worst,
            averageBarsHeld: roundTrips.isEmpty ? nil : Double(roundTrips.reduce(0) { $0 + $1.bars }) / Double(roundTrips.count),
            finalEquity: initialCash * totals.finalEquity, openPositionAtEnd: totals.endsLong)
    }
}
