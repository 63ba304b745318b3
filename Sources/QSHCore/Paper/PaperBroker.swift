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

/// The paper account between bars: cash, quantity and the open entry. A session steps it bar
/// by bar (and persists it to resume); `PaperBroker.run` steps it over a whole frame. The
/// arithmetic is the contract's, in the reference's order.
public struct PaperBook: Sendable, Equatable {
    public private(set) var cash: Double
    public private(set) var quantity = 0.0
    public private(set) var entryPrice = 0.0
    public private(set) var entryFee = 0.0

    public init(initialCash: Double) { cash = initialCash }

    /// The state as persisted by a session.
    public init(cash: Double, quantity: Double, entryPrice: Double, entryFee: Double) {
        self.cash = cash
        self.quantity = quantity
        self.entryPrice = entryPrice
        self.entryFee = entryFee
    }

    public func equity(atClose close: Double) -> Double { cash + quantity * close }

    /// The fill of frame bar `k` (nil when the signal does nothing), and the round trip's net
    /// profit when it closes one.
    @inline(__always)
    public mutating func apply(
        frameIndex k: Int, close c: Double, signal: Int8, slippage slip: Double, feeRate: Double
    ) -> (fill: PaperFill, roundTripNet: Double?)? {
        if signal > 0 && quantity == 0 && cash > 0 {
            let price = c * (1 + slip)
            let fee = cash * feeRate
            quantity = (cash - fee) / price
            cash = 0
            entryPrice = price
            entryFee = fee
            let fill = PaperFill(
                frameIndex: k, side: .buy, close: c, executionPrice: price, quantity: quantity, fee: fee,
                equityAfter: quantity * c, slippage: slip, signal: 1)
            return (fill, nil)
        } else if signal < 0 && quantity > 0 {
            let price = c * (1 - slip)
            let notional = quantity * price
            let fee = notional * feeRate
            cash = notional - fee
            let net = quantity * (price - entryPrice) - entryFee - fee
            let fill = PaperFill(
                frameIndex: k, side: .sell, close: c, executionPrice: price, quantity: quantity, fee: fee,
                equityAfter: cash, slippage: slip, signal: -1)
            quantity = 0
            return (fill, net)
        }
        return nil
    }
}

public enum PaperBroker {
    /// `close` points at the first frame bar.
    public static func run(
        close: UnsafePointer<Double>, signals: UnsafePointer<Int8>, count: Int,
        feeRate: Double, slippage: SlippageTrack, initialCash: Double
    ) -> PaperResult {
        var book = PaperBook(initialCash: initialCash)
        var fills: [PaperFill] = []
        var nets: [Double] = []
        for k in 0..<count where signals[k] != 0 {
            guard let step = book.apply(frameIndex: k, close: close[k], signal: signals[k], slippage: slippage[k], feeRate: feeRate)
            else { continue }
            fills.append(step.fill)
            if let net = step.roundTripNet { nets.append(net) }
        }
        let lastClose = count > 0 ? close[count - 1] : 0
        return PaperResult(
            fills: fills, finalCash: book.cash, finalQuantity: book.quantity, finalEquity: book.equity(atClose: lastClose),
            roundTripNets: nets)
    }
}
