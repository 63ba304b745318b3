import QSHCore

/// The paper session's running account of what it has traded: the book, the fills, and the
/// equity curve's statistics, updated bar by bar without keeping the curve (a million-bar
/// replay holds no per-bar arrays beyond the backtest's own).
struct PaperLedger: Sendable {
    var book: PaperBook
    private(set) var fills: [PaperFill] = []
    private(set) var roundTripNets: [Double] = []
    private(set) var peak: Double
    private(set) var maxDrawdown = 0.0
    private(set) var lastEquity: Double
    // Welford's running mean and variance of the per-bar equity returns.
    private var returnCount = 0
    private var returnMean = 0.0
    private var returnM2 = 0.0
    let initialCash: Double

    init(initialCash: Double) {
        book = PaperBook(initialCash: initialCash)
        peak = initialCash
        lastEquity = initialCash
        self.initialCash = initialCash
    }

    /// Bar `k` of the frame; returns the fill it made, if any.
    mutating func step(k: Int, close: Double, signal: Int8, slippage: Double, feeRate: Double) -> PaperFill? {
        var made: PaperFill?
        if signal != 0, let step = book.apply(frameIndex: k, close: close, signal: signal, slippage: slippage, feeRate: feeRate) {
            fills.append(step.fill)
            if let net = step.roundTripNet { roundTripNets.append(net) }
            made = step.fill
        }
        let equity = book.equity(atClose: close)
        if k > 0 {
            let change = lastEquity != 0 ? equity / lastEquity - 1 : 0
            returnCount += 1
            let delta = change - returnMean
            returnMean += delta / Double(returnCount)
            returnM2 += delta * (change - returnMean)
        }
        lastEquity = equity
        peak = max(peak, equity)
        if peak > 0 { maxDrawdown = min(maxDrawdown, equity / peak - 1) }
        return made
    }

    var totalReturn: Double { lastEquity / initialCash - 1 }

    /// `sqrt(252) * mean / (std + 1e-12)` of the per-bar equity returns (sample std), the
    /// backtest's formula on the paper account's own curve.
    var sharpeSimple: Double {
        guard returnCount > 1 else { return .nan }
        let std = (returnM2 / Double(returnCount - 1)).squareRoot()
        return 252.0.squareRoot() * returnMean / (std + 1e-12)
    }

    var statistics: TradeStatistics { TradeStatistics(results: roundTripNets) }
}
