/// The paper-trading execution model: all-in buys with cash, all-out sells, fees on cash or
/// notional and slippage on the execution price. It compounds differently from the backtest's
/// return model on purpose (fees are charged on money, not subtracted from returns).
public struct PaperFill: Sendable, Equatable {
    public enum Side: String, Sendable { case buy = "BUY", sell = "SELL" }

    public let frameIndex: Int
    public let side: Side
    public let close: Double
    public let executionPrice: Double
    public let quantity: Double
    public let fee: Double
    public let equityAfter: Double
    public let slippage: Double
    public let signal: Int8

    public var reason: String { "signal=\(signal)" }
}

public struct PaperResult: Sendable {
    public let fills: [PaperFill]
    public let finalCash: Double
    public let finalQuantity: Double
    public let finalEquity: Double
    /// Net profit of each closed round trip: qty * (exit - entry price) - both fees.
    public let roundTripNets: [Double]
    public var statistics: TradeStatistics { TradeStatistics(results: roundTripNets) }
}

public enum PaperBroker {
    /// `close` points at the first frame bar.
    public static func run(
        close: UnsafePointer<Double>, signals: UnsafePointer<Int8>, count: Int,
        feeRate: Double, slippage: SlippageTrack, initialCash: Double
    ) -> PaperResult {
        var cash = initialCash
        var quantity = 0.0
        var fills: [PaperFill] = []
        var nets: [Double] = []
        var entryPrice = 0.0
        var entryFee = 0.0
        for k in 0..<count where signals[k] != 0 {
            let c = close[k]
            let slip = slippage[k]
            if signals[k] > 0 && quantity == 0 && cash > 0 {
                let price = c * (1 + slip)
                let fee = cash * feeRate
                quantity = (cash - fee) / price
                cash = 0
                entryPrice = price
                entryFee = fee
                fills.append(PaperFill(
                    frameIndex: k, side: .buy, close: c, executionPrice: price, quantity: quantity, fee: fee,
                    equityAfter: quantity * c, slippage: slip, signal: 1))
            } else if signals[k] < 0 && quantity > 0 {
                let price = c * (1 - slip)
                let notional = quantity * price
                let fee = notional * feeRate
                cash = notional - fee
                nets.append(quantity * (price - entryPrice) - entryFee - fee)
                fills.append(PaperFill(
                    frameIndex: k, side: .sell, close: c, executionPrice: price, quantity: quantity, fee: fee,
                    equityAfter: cash, slippage: slip, signal: -1))
                quantity = 0
            }
        }
        let lastClose = count > 0 ? close[count - 1] : 0
        return PaperResult(
            fills: fills, finalCash: cash, finalQuantity: quantity, finalEquity: cash + quantity * lastClose,
            roundTripNets: nets)
    }
}
