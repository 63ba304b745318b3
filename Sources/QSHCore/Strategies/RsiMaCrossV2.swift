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

    static let gates = FeatureKey.rsiCrossGates(window: averageWindow, period: rsiPeriod)

    public var requiredFeatures: [FeatureKey] { [RsiMaCrossV2.gates] }

    public func makeRules(features: FeatureSet) -> Rules {
        let (entry, exit) = features.pair(RsiMaCrossV2.gates)
        return Rules(
            entry: entry.baseAddress + warmupRows, exit: exit.baseAddress + warmupRows,
            rsiBuyMax: rsiBuyMax, rsiSellMin: rsiSellMin, cooldownBars: cooldownBars)
    }

    /// The rules over two precomputed columns that fold the MA20 cross into RSI (frame-aligned
    /// pointers), so each condition is one comparison of one value per bar.
    public struct Rules: TradeRules {
        /// RSI on cross-up bars, NaN elsewhere.
        let entry: UnsafePointer<Double>
        /// +infinity on cross-down bars, RSI elsewhere.
        let exit: UnsafePointer<Double>
        let rsiBuyMax: Double
        let rsiSellMin: Double
        public let cooldownBars: Int

        /// Frame bar 0 compares with the row before the frame: the reference sees no cross there.
        public var buysOnFirstBar: Bool { false }

        /// Cross up and RSI below the maximum.
        @inline(__always)
        public func buys(at k: Int) -> Bool { entry[k] < rsiBuyMax }

        /// Cross down or RSI above the minimum (`rsi_sell_min` is finite).
        @inline(__always)
        public func sells(at k: Int) -> Bool { exit[k] > rsiSellMin }
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
