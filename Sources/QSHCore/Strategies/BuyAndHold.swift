/// Buys on the first bar and holds to the end: the benchmark every strategy is compared with.
public struct BuyAndHold: Strategy {
    public static let name = "buy_and_hold"
    public static let summary = "buy on the first bar and hold"
    public static let parameters: [StrategyParameter] = []

    public let parameters: StrategyParameters

    public init(parameters: StrategyParameters) { self.parameters = parameters }

    public var warmupRows: Int { 0 }

    public func makeGenerator() -> Generator { Generator() }

    public var requiredFeatures: [FeatureKey] { [] }

    public func makeRules(features: FeatureSet) -> Rules { Rules() }

    /// Enters on the first bar, never exits.
    public struct Rules: TradeRules {
        public var cooldownBars: Int { 0 }

        public var buysOnFirstBar: Bool { true }

        public func buys(at k: Int) -> Bool { false }

        public func sells(at k: Int) -> Bool { false }
    }

    public struct Generator: SignalGenerator {
        var first = true

        public mutating func warmUp(row: Int, bars: BarPointers) {}

        @inline(__always)
        public mutating func signal(row: Int, bars: BarPointers) -> Int8 {
            defer { first = false }
            return first ? 1 : 0
        }
    }
}
