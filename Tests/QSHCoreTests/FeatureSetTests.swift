import QSHCore
import Testing

/// Feature columns hold the indicators' exact bits, and each is computed once per set.
@Suite struct FeatureSetTests {
    static let series = randomWalkBars(count: 3_000, seed: 11)

    func bits(_ column: FeatureColumn<Double>) -> [UInt64] { column.map(\.bitPattern) }

    @Test func valueColumnsAreTheIndicatorsBits() {
        let set = FeatureSet(series: Self.series)
        let close = Array(Self.series.close)
        #expect(bits(set.values(.sma(window: 20))) == RollingMean.series(close, window: 20).map(\.bitPattern))
        #expect(bits(set.values(.sma(window: 1))) == close.map(\.bitPattern))
        #expect(bits(set.values(.rsi(period: 14))) == RSI.series(close).map(\.bitPattern))
        #expect(bits(set.values(.rsi(period: 5))) == RSI.series(close, period: 5).map(\.bitPattern))
        #expect(bits(set.values(.atr(period: 14))) == Indicators.atr(Self.series).map(\.bitPattern))
        let returns = set.values(.barReturn)
        #expect(returns[0] == 0)
        #expect((1..<close.count).allSatisfy { returns[$0].bitPattern == (close[$0] / close[$0 - 1] - 1).bitPattern })
    }

    @Test func rsiCrossGatesFoldTheCrossIntoRSI() {
        let set = FeatureSet(series: Self.series)
        let (entry, exit) = set.pair(.rsiCrossGates(window: 20, period: 14))
        // Computed in one pass, without storing the average, RSI or flags it is made of.
        #expect(set.computedKeys == [.rsiCrossGates(window: 20, period: 14)])
        let flags = set.flags(.closeCrossesSMA(window: 20))
        let rsi = set.values(.rsi(period: 14))
        #expect(entry.count == Self.series.count && exit.count == Self.series.count)
        for r in 0..<Self.series.count {
            let expectedEntry = flags[r] > 0 ? rsi[r] : .nan
            let expectedExit = flags[r] < 0 ? .infinity : rsi[r]
            #expect(entry[r].bitPattern == expectedEntry.bitPattern, "entry row \(r)")
            #expect(exit[r].bitPattern == expectedExit.bitPattern, "exit row \(r)")
        }
    }

    @Test func atrWithoutHighLowIsZero() {
        let set = FeatureSet(series: randomWalkBars(count: 200, seed: 2, hasHighLow: false))
        #expect(set.values(.atr(period: 14)).allSatisfy { $0 == 0 })
    }

    @Test func crossFlagsFollowTheRule() {
        let set = FeatureSet(series: Self.series)
        let flags = set.flags(.closeCrossesSMA(window: 20))
        let c = Array(Self.series.close)
        let m = RollingMean.series(c, window: 20)
        #expect(flags[0] == 0)
        for r in 1..<c.count {
            let expected: Int8 = c[r] > m[r] && c[r - 1] <= m[r - 1] ? 1 : (c[r] < m[r] && c[r - 1] >= m[r - 1] ? -1 : 0)
            #expect(flags[r] == expected, "row \(r)")
        }
        // Undefined averages never cross; this walk crosses often.
        #expect(flags[0..<20].allSatisfy { $0 == 0 })
        #expect(flags.filter { $0 != 0 }.count > 100)
        // The flags computed the average they compare with, once.
        #expect(set.computedKeys == [.closeCrossesSMA(window: 20), .sma(window: 20)])
    }

    @Test func columnsOfAWindowAreComputedOnTheWindow() {
        let window = Self.series.rows(500..<1_500)
        let set = FeatureSet(series: window)
        #expect(set.values(.rsi(period: 14)).count == 1_000)
        #expect(bits(set.values(.rsi(period: 14))) == RSI.series(Array(window.close)).map(\.bitPattern))
    }

    @Test func eachKeyIsComputedOnceAndKeepsItsAddress() {
        let set = FeatureSet(series: Self.series)
        let first = set.values(.rsi(period: 14)).baseAddress
        for _ in 0..<5 { #expect(set.values(.rsi(period: 14)).baseAddress == first) }
        set.prepare([.rsi(period: 14), .barReturn, .barReturn])
        #expect(set.computationCount == 2)
        #expect(set.computedKeys == [.rsi(period: 14), .barReturn])
    }

    @Test func concurrentCallersShareOneComputationPerKey() async {
        let set = FeatureSet(series: Self.series)
        let keys: [FeatureKey] = [
            .closeCrossesSMA(window: 20), .rsi(period: 14), .atr(period: 14), .barReturn, .sma(window: 50),
            .rsiCrossGates(window: 20, period: 14),
        ]
        let addresses = await withTaskGroup(of: [Int].self) { group in
            for task in 0..<16 {
                group.addTask {
                    // Every task asks for every key, each starting at a different one.
                    (0..<keys.count).map { i -> Int in
                        let key = keys[(i + task) % keys.count]
                        switch key.kind {
                        case .values: return Int(bitPattern: set.values(key).baseAddress)
                        case .flags: return Int(bitPattern: set.flags(key).baseAddress)
                        case .pair: return Int(bitPattern: set.pair(key).second.baseAddress)
                        }
                    }
                }
            }
            var all: [Set<Int>] = []
            for await list in group { all.append(Set(list)) }
            return all
        }
        // sma(20) comes with the cross flags: seven keys, each computed by exactly one caller.
        #expect(set.computationCount == 7)
        #expect(set.computedKeys.count == 7)
        #expect(Set(addresses).count == 1)
    }

    @Test func askingForTheWrongKindTraps() async {
        await #expect(processExitsWith: .failure) {
            _ = FeatureSet(series: FeatureSetTests.series).flags(.barReturn)
        }
        await #expect(processExitsWith: .failure) {
            _ = FeatureSet(series: FeatureSetTests.series).values(.closeCrossesSMA(window: 20))
        }
        await #expect(processExitsWith: .failure) {
            _ = FeatureSet(series: FeatureSetTests.series).values(.rsiCrossGates(window: 20, period: 14))
        }
    }

    @Test func keysDescribeThemselves() {
        #expect(FeatureKey.sma(window: 20).description == "sma(20)")
        #expect(FeatureKey.closeCrossesSMA(window: 20).description == "close_crosses_sma(20)")
        #expect(FeatureKey.barReturn.kind == .values && FeatureKey.closeCrossesSMA(window: 5).kind == .flags)
        #expect(FeatureKey.rsiCrossGates(window: 20, period: 14).kind == .pair)
        #expect(FeatureKey.rsiCrossGates(window: 20, period: 14).description == "rsi_cross_gates(20, 14)")
    }
}
