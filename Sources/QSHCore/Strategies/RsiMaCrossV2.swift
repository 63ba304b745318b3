/// The reference's default strategy: buy when close crosses above its 20-bar average while
/// RSI(14) is below `rsi_buy_max`; sell when close crosses below the average or RSI rises above
/// `rsi_sell_min`. The frame starts after the 100-bar average's warm-up, as in the reference.
public struct RsiMaCrossV2: Strategy {
    public static let name = "rsi_ma_cross_v2"
    public static let summary = "MA20 cross filtered by RSI(14); exits on a cross down or overbought RSI"
    public static let parameters: [StrategyParameter] = [
        StrategyParameter(
            name: "rsi_buy_max", kind: .number, defaultValue: 60, range: 0...100,
            help: "buy only while RSI(14) is strictly below this"),
        StrategyParameter(
            name: "rsi_sell_min", kind: .number, defaultValue: 75, range: 0...100,
            help: "sell when RSI(14) is strictly above this"),
        StrategyParameter(
            name: "cooldown_days", kind: .integer, defaultValue: 0, range: 0...10_000,
            help: "bars to ignore all signals after each entry or exit"),
    ]

    static let averageWindow = 20
    static let trendWindow = 100
    static let rsiPeriod = 14

    public let parameters: StrategyParameters
    let rsiBuyMax: Double
    let rsiSellMin: Double
    let cooldownBars: Int

    public init(parameters: StrategyParameters) {
        self.parameters = parameters
        rsiBuyMax = parameters["rsi_buy_max"]
        rsiSellMin = parameters["rsi_sell_min"]
        cooldownBars = parameters.integer("cooldown_days")
    }

    /// MA100 is never read by the rules, but the reference drops its warm-up rows.
    public var warmupRows: Int { RsiMaCrossV2.trendWindow - 1 }

    public func makeGenerator() -> Generator {
        Generator(rsiBuyMax: rsiBuyMax, rsiSellMin: rsiSellMin, machine: SignalStateMachine(cooldownBars: cooldownBars))
    }

    public struct Generator: SignalGenerator {
        let rsiBuyMax: Double
        let rsiSellMin: Double
        var machine: SignalStateMachine
        var average = RollingMean(window: RsiMaCrossV2.averageWindow)
        var rsi = RSI(period: RsiMaCrossV2.rsiPeriod)
        var previousClose = Double.nan
        var previousAverage = Double.nan
        var first = true

        @inline(__always)
        public mutating func warmUp(row: Int, bars: BarPointers) {
            _ = average.update(bars.close, index: row)
            _ = rsi.update(bars.close[row])
        }

        @inline(__always)
        public mutating func signal(row: Int, bars: BarPointers) -> Int8 {
            let c = bars.close[row]
            let m = average.update(bars.close, index: row)
            let r = rsi.update(c)
            // The previous row is looked up inside the frame: no cross on its first bar.
            let crossUp = Branchless.all(!first, c > m, previousClose <= previousAverage)
            let crossDown = Branchless.all(!first, c < m, previousClose >= previousAverage)
            first = false
            previousClose = c
            previousAverage = m
            return machine.step(buy: Branchless.all(crossUp, r < rsiBuyMax, true), sell: Branchless.any(crossDown, r > rsiSellMin))
        }
    }
}
