import QSHCore
import Testing

/// Slippage tracks (fixed and ATR-scaled with its clamp) and cost validation.
@Suite struct CostModelTests {
    /// 20 bars at 100 with high 101 and low 99: every true range is 2, so ATR is 0 for rows
    /// 0...12 and exactly 2 from row 13 on.
    static func boxSeries(closes: [Double]? = nil) -> BarSeries {
        let c = closes ?? [Double](repeating: 100, count: 20)
        return BarSeries(
            timestamps: (0..<Int64(c.count)).map { $0 }, open: c, high: [Double](repeating: 101, count: c.count),
            low: [Double](repeating: 99, count: c.count), close: c, volume: [Double](repeating: 0, count: c.count))
    }

    func track(_ model: CostModel, _ series: BarSeries = boxSeries(), frameStart: Int = 0) -> [Double] {
        let t = model.slippageTrack(for: series, frameStart: frameStart)
        return (0..<(series.count - frameStart)).map { t[$0] }
    }

    @Test func defaults() {
        let model = CostModel()
        #expect(model.fee == 0.002 && model.slippageBps == 8 && model.slippageMode == .fixed && model.kATR == 0.05)
        #expect(CostModel.atrSlippageBounds == 0.0002...0.0030)
        #expect(CostModel.SlippageMode.allCases.map(\.rawValue) == ["fixed", "atr"])
    }

    @Test func fixedTrack() {
        let t = CostModel(slippageBps: 8).slippageTrack(for: Self.boxSeries(), frameStart: 5)
        guard case .fixed(let value) = t else {
            Issue.record("expected a fixed track")
            return
        }
        #expect(value == 0.0008)
        #expect(t[0] == 0.0008 && t[14] == 0.0008)
    }

    @Test func atrInsideTheBoundsIsKTimesAtrOverClose() {
        // 0.05 * 2 / 100 = 0.001; rows before 13 have ATR 0 and take the lower bound.
        let t = track(CostModel(slippageMode: .atr, kATR: 0.05))
        #expect(t[0..<13].allSatisfy { $0 == 0.0002 })
        #expect(t[13...].allSatisfy { $0 == 0.05 * 2 / 100 })
    }

    @Test(arguments: [(1.0, 0.0030), (0.16, 0.0030), (0.005, 0.0002), (0.01, 0.0002), (0.0, 0.0002)])
    func atrIsClamped(kATR: Double, expected: Double) {
        let t = track(CostModel(slippageMode: .atr, kATR: kATR))
        #expect(t[13...].allSatisfy { $0 == expected }, "k_atr \(kATR): \(t[13])")
    }

    @Test func boundsThemselvesAreReachable() {
        // 0.15 * 2 / 100 = 0.003 and 0.01 * 2 / 100 = 0.0002 (up to rounding) stay inside.
        let upper = track(CostModel(slippageMode: .atr, kATR: 0.15))[13]
        let lower = track(CostModel(slippageMode: .atr, kATR: 0.01))[13]
        #expect(abs(upper - 0.003) < 1e-15 && upper <= 0.003)
        #expect(abs(lower - 0.0002) < 1e-15 && lower >= 0.0002)
    }

    @Test func nonPositiveCloseTakesTheLowerBound() {
        var closes = [Double](repeating: 100, count: 20)
        closes[15] = 0
        closes[16] = -5
        let t = track(CostModel(slippageMode: .atr, kATR: 1), Self.boxSeries(closes: closes))
        #expect(t[15] == 0.0002 && t[16] == 0.0002)
        #expect(t[19] == 0.003)
    }

    @Test func atrTrackStartsAtTheFrame() {
        // ATR runs over the whole series; the track holds frame bars only.
        let t = track(CostModel(slippageMode: .atr, kATR: 0.05), frameStart: 10)
        #expect(t.count == 10)
        #expect(t[0..<3].allSatisfy { $0 == 0.0002 })
        #expect(t[3] == 0.001)
    }

    @Test func withoutHighLowAtrModeIsTheLowerBound() {
        var series = Self.boxSeries()
        series.hasHighLow = false
        #expect(track(CostModel(slippageMode: .atr, kATR: 1), series).allSatisfy { $0 == 0.0002 })
    }

    @Test(arguments: [
        CostModel(fee: -0.001), CostModel(fee: 1), CostModel(fee: .nan), CostModel(slippageBps: -1),
        CostModel(slippageBps: 10_000), CostModel(slippageBps: .infinity), CostModel(kATR: -0.1), CostModel(kATR: .nan),
    ])
    func validateRejects(_ model: CostModel) {
        #expect(throws: InvalidInputError.self) { try model.validate() }
    }

    @Test func validateAccepts() throws {
        try CostModel().validate()
        try CostModel(fee: 0, slippageBps: 0, slippageMode: .atr, kATR: 0).validate()
        try CostModel(fee: 0.999, slippageBps: 9_999.9, kATR: 100).validate()
    }

    @Test func validateMessagesNameTheFlag() {
        #expect {
            try CostModel(fee: 2).validate()
        } throws: { ($0 as? InvalidInputError)?.message.hasPrefix("--fee:") == true }
        #expect {
            try CostModel(slippageBps: -3).validate()
        } throws: { ($0 as? InvalidInputError)?.message.hasPrefix("--slippage-bps:") == true }
        #expect {
            try CostModel(kATR: -1).validate()
        } throws: { ($0 as? InvalidInputError)?.message.hasPrefix("--k-atr:") == true }
    }
}
