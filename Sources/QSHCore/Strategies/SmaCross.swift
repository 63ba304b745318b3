/// Classic moving-average crossover: long when the fast average crosses above the slow one,
/// flat when it crosses back below.
public struct SmaCross: Strategy {
    public static let name = "sma_cross"
    public static let summary = "fast/slow simple moving average crossover"
    public static let parameters: [StrategyParameter] = [
        StrategyParameter(name: "fast", kind: .integer, defaultValue: 20, range: 1...10_000, help: "fast average length in bars"),
        StrategyParameter(name: "slow", kind: .integer, defaultValue: 50, range: 2...10_000, help: "slow average length in bars (> fast)"),
    ]

    public let parameters: StrategyParameters
    let fast: Int
    let slow: Int

    public init(parameters: StrategyParameters) throws(StrategyError) {
        fast = parameters.integer("fast")
        slow = parameters.integer("slow")
        guard fast < slow else {
            throw StrategyError("parameter 'fast' (\(fast)) must be smaller than 'slow' (\(slow))")
        }
        self.parameters = parameters
    }

    public var warmupRows: Int { slow - 1 }

    public func makeGenerator() -> Generator {
        Generator(fastAverage: RollingMean(window: fast), slowAverage: RollingMean(window: slow))
    }

    public var requiredFeatures: [FeatureKey] { [.sma(window: fast), .sma(window: slow)] }

    public func makeRules(features: FeatureSet) -> Rules {
        Rules(
            fast: features.values(.sma(window: fast)).baseAddress + warmupRows,
            slow: features.values(.sma(window: slow)).baseAddress + warmupRows)
    }

    /// The rules over the two precomputed averages (frame-aligned pointers). Frame bar 0 is
    /// skipped: the previous row is looked up inside the frame, so it has no cross.
    public struct Rules: TradeRules {
        let fast: UnsafePointer<Double>
        let slow: UnsafePointer<Double>

        public var cooldownBars: Int { 0 }

        public var buysOnFirstBar: Bool { false }

        @inline(__always)
        public func buys(at k: Int) -> Bool { Branchless.all(fast[k] > slow[k], fast[k - 1] <= slow[k - 1], true) }

        @inline(__always)
        public func sells(at k: Int) -> Bool { Branchless.all(fast[k] < slow[k], fast[k - 1] >= slow[k - 1], true) }
    }

    public struct Generator: SignalGenerator {
        var fastAverage: RollingMean
        var slowAverage: RollingMean
        var machine = SignalStateMachine()
        var previousFast = Double.nan
        var previousSlow = Double.nan
        var first = true

        @inline(__always)
        public mutating func warmUp(row: Int, bars: BarPointers) {
            _ = fastAverage.update(bars.close, index: row)
            _ = slowAverage.update(bars.close, index: row)
        }

        @inline(__always)
        public mutating func signal(row: Int, bars: BarPointers) -> Int8 {
            let f = fastAverage.update(bars.close, index: row)
            let s = slowAverage.update(bars.close, index: row)
            let crossUp = Branchless.all(!first, f > s, previousFast <= previousSlow)
            let crossDown = Branchless.all(!first, f < s, previousFast >= previousSlow)
            first = false
            previousFast = f
            previousSlow = s
            return machine.step(buy: crossUp, sell: crossDown)
        }
    }
}
