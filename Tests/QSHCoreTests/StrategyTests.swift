import QSHCore
import Testing

/// The three strategies' signal rules on crafted series.
@Suite struct RsiMaCrossV2Tests {
    @Test func warmUpIs99Rows() throws {
        let strategy = try StrategyRegistry.make(named: "rsi_ma_cross_v2")
        #expect(strategy.warmupRows == 99)
        #expect(RsiMaCrossV2.name == "rsi_ma_cross_v2")
    }

    @Test func defaultSignalsOnTheCraftedSeries() throws {
        // Expected from the pandas/ta implementation of the contract (see CraftedSeries).
        let strategy = try StrategyRegistry.make(named: "rsi_ma_cross_v2")
        #expect(CraftedSeries.signals(strategy) == [9: 1, 13: -1, 65: 1, 67: -1, 71: 1])
    }

    struct Variant: Sendable, CustomTestStringConvertible {
        let overrides: [String: Double]
        let expected: [Int: Int8]
        var testDescription: String { "\(overrides.sorted { $0.key < $1.key })" }
    }

    static let variants: [Variant] = [
        // 61.31 is still not < 61: the cross up at k 26 stays blocked.
        Variant(overrides: ["rsi_buy_max": 61], expected: [9: 1, 13: -1, 65: 1, 67: -1, 71: 1]),
        // < 62 lets it through; the cross down at k 32 then closes it.
        Variant(overrides: ["rsi_buy_max": 62], expected: [9: 1, 13: -1, 26: 1, 32: -1, 65: 1, 67: -1, 71: 1]),
        // RSI must exceed 80 now: it first does at k 15 (81.44).
        Variant(overrides: ["rsi_sell_min": 80], expected: [9: 1, 15: -1, 65: 1, 67: -1, 71: 1]),
        // No RSI exit at all: the position is closed by the cross down at k 25.
        Variant(overrides: ["rsi_sell_min": 100], expected: [9: 1, 25: -1, 65: 1, 67: -1, 71: 1]),
        // RSI < 0 never holds: no trade at all.
        Variant(overrides: ["rsi_buy_max": 0], expected: [:]),
        // Cooldown 2 swallows the cross down at k 67 (two bars after the entry at 65).
        Variant(overrides: ["cooldown_days": 2], expected: [9: 1, 13: -1, 65: 1]),
        Variant(overrides: ["cooldown_days": 3], expected: [9: 1, 13: -1, 65: 1]),
        Variant(overrides: ["rsi_buy_max": 62, "cooldown_days": 1],
                expected: [9: 1, 13: -1, 26: 1, 32: -1, 65: 1, 67: -1, 71: 1]),
    ]

    @Test(arguments: variants)
    func parameterVariants(_ v: Variant) throws {
        let strategy = try StrategyRegistry.make(named: "rsi_ma_cross_v2", overrides: v.overrides.map { ($0.key, $0.value) })
        #expect(CraftedSeries.signals(strategy) == v.expected)
    }

    @Test func frameBarZeroNeverBuys() throws {
        // A slow decline (RSI low), then row 99 (frame bar 0) jumps from 151 to 157, above its
        // MA20 of 155.575, with RSI 48.02 < 60: a cross up by the numbers, but the previous row
        // lies outside the frame, so no buy. Row 100 falls back (cross down), row 101 crosses up
        // again with RSI 50.15 and buys.
        var closes = (0..<99).map { 200 - Double($0) * 0.5 }
        closes += [157, 150, 157, 157.5]
        let strategy = try StrategyRegistry.make(named: "rsi_ma_cross_v2")
        #expect(CraftedSeries.signals(strategy, on: closeOnlyBars(closes)) == [2: 1])
        let rsi = RSI.series(closes)
        #expect(abs(rsi[99] - 48.01751072046852) < 1e-12)
    }

    @Test func tooShortSeriesWritesNothing() throws {
        let strategy = try StrategyRegistry.make(named: "rsi_ma_cross_v2")
        var buffer = [Int8](repeating: 7, count: 3)
        buffer.withUnsafeMutableBufferPointer { strategy.writeSignals(closeOnlyBars([1, 2, 3]), into: $0) }
        #expect(buffer == [7, 7, 7])
    }

    @Test func parametersAreResolved() throws {
        let strategy = try StrategyRegistry.make(named: "rsi_ma_cross_v2", overrides: [("cooldown_days", 2)])
        #expect(strategy.parameters["rsi_buy_max"] == 60)
        #expect(strategy.parameters["rsi_sell_min"] == 75)
        #expect(strategy.parameters.integer("cooldown_days") == 2)
    }
}

@Suite struct SmaCrossTests {
    /// fast 2 / slow 3 on a hand-made series. Frame bar k = row - 2.
    /// Row 3: fast 10.5 > slow 10.33 after 10 <= 10: cross up (k 1). Row 6: fast 10 < slow 10.67
    /// after 11.5 >= 11.33: cross down (k 4). Row 9: fast 10 > slow 9.33: cross up (k 7).
    static let closes: [Double] = [10, 10, 10, 11, 12, 11, 9, 8, 9, 11, 12]

    @Test func crossesUpAndDown() throws {
        let strategy = try StrategyRegistry.make(named: "sma_cross", overrides: [("fast", 2), ("slow", 3)])
        #expect(strategy.warmupRows == 2)
        var buffer = [Int8](repeating: 9, count: Self.closes.count - 2)
        buffer.withUnsafeMutableBufferPointer { strategy.writeSignals(closeOnlyBars(Self.closes), into: $0) }
        #expect(buffer == [0, 1, 0, 0, -1, 0, 0, 1, 0])
    }

    @Test func defaultsAre20And50() throws {
        let strategy = try StrategyRegistry.make(named: "sma_cross")
        #expect(strategy.warmupRows == 49)
        #expect(strategy.parameters.integer("fast") == 20)
        #expect(strategy.parameters.integer("slow") == 50)
    }

    @Test(arguments: [(50.0, 50.0), (30, 20), (60, 50)])
    func fastMustBeSmallerThanSlow(fast: Double, slow: Double) {
        #expect {
            _ = try StrategyRegistry.make(named: "sma_cross", overrides: [("fast", fast), ("slow", slow)])
        } throws: { error in
            guard let error = error as? StrategyError else { return false }
            return error.message == "parameter 'fast' (\(Int(fast))) must be smaller than 'slow' (\(Int(slow)))"
                && error.exitCode == 4
        }
    }

    @Test func directInitialiserChecksToo() throws {
        let parameters = try StrategyParameters(
            declarations: SmaCross.parameters, overrides: [("fast", 60)], strategy: SmaCross.name)
        #expect(throws: StrategyError.self) { try SmaCross(parameters: parameters) }
    }

    @Test func noSignalsWithoutACross() throws {
        let strategy = try StrategyRegistry.make(named: "sma_cross", overrides: [("fast", 2), ("slow", 3)])
        let rising = (0..<20).map(Double.init)
        var buffer = [Int8](repeating: 0, count: 18)
        buffer.withUnsafeMutableBufferPointer { strategy.writeSignals(closeOnlyBars(rising), into: $0) }
        #expect(buffer.allSatisfy { $0 == 0 })
    }
}

@Suite struct BuyAndHoldTests {
    @Test func singleEntryOnTheFirstBar() throws {
        let strategy = try StrategyRegistry.make(named: "buy_and_hold")
        #expect(strategy.warmupRows == 0)
        var buffer = [Int8](repeating: -1, count: 6)
        buffer.withUnsafeMutableBufferPointer { strategy.writeSignals(closeOnlyBars([1, 2, 3, 2, 1, 2]), into: $0) }
        #expect(buffer == [1, 0, 0, 0, 0, 0])
    }

    @Test func emptyBufferIsFine() throws {
        let strategy = try StrategyRegistry.make(named: "buy_and_hold")
        var buffer: [Int8] = []
        buffer.withUnsafeMutableBufferPointer { strategy.writeSignals(closeOnlyBars([]), into: $0) }
        #expect(buffer.isEmpty)
    }

    @Test func hasNoParameters() throws {
        #expect(BuyAndHold.parameters.isEmpty)
        #expect(try StrategyRegistry.make(named: "buy_and_hold").parameters.values.isEmpty)
    }
}
