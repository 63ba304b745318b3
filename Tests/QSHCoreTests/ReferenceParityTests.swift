import QSHCore
import Testing

/// The reference numbers of contract.md, reproduced by the Core alone.
@Suite(.enabled(if: RealData.isAvailable, "../shared/data/real is absent; parity needs the real price files"))
struct ReferenceParityTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let file: String, start: String?, end: String?
        let overrides: [String: Double]
        let costs: CostModel
        let days: Int, trades: Int
        let totalReturn: Double, maxDrawdown: Double, sharpe: Double, winrate: Double
        var testDescription: String { "\(file) \(start ?? "-")..\(end ?? "-") \(overrides)" }
    }

    static let cases: [Case] = [
        Case(file: "ETH-USD_1d.csv", start: "2022-01-01", end: "2024-01-01", overrides: [:], costs: CostModel(),
             days: 631, trades: 54, totalReturn: -0.06981480778412885, maxDrawdown: -0.4126726449991832,
             sharpe: 0.08888866068403542, winrate: 0.46534653465346537),
        Case(file: "ETH-USD_1d.csv", start: "2022-01-01", end: "2024-01-01",
             overrides: ["rsi_buy_max": 55, "cooldown_days": 2], costs: CostModel(),
             days: 631, trades: 30, totalReturn: -0.030374076881763412, maxDrawdown: -0.4150626141677948,
             sharpe: 0.15740867852308127, winrate: 0.4831932773109244),
        Case(file: "ETH-USD_1d.csv", start: nil, end: nil, overrides: [:],
             costs: CostModel(slippageMode: .atr, kATR: 0.05),
             days: 2692, trades: 240, totalReturn: 5.777844219128553, maxDrawdown: -0.7227358000995701,
             sharpe: 0.6431619094763088, winrate: 0.504424778761062),
        Case(file: "SPY_1d.csv", start: "2010-01-01", end: "2020-01-01", overrides: [:], costs: CostModel(),
             days: 2417, trades: 278, totalReturn: -0.28002180001097, maxDrawdown: -0.4904463308697561,
             sharpe: -0.32958554192046, winrate: 0.5422636103151862),
    ]

    @Test(arguments: cases)
    func matchesReference(_ c: Case) throws {
        let series = try RealData.load(c.file, start: c.start, end: c.end)
        let strategy = try StrategyRegistry.make(named: "rsi_ma_cross_v2", overrides: c.overrides.map { ($0.key, $0.value) })
        let result = try Backtester.run(series: series, strategy: strategy, costs: c.costs, initialCash: 1000, interval: .daily)
        let m = result.reference
        #expect(m.days == c.days)
        #expect(m.trades == c.trades)
        // Bit for bit: the kernel reproduces the reference's operation order and numpy's sums.
        #expect(m.totalReturn == c.totalReturn)
        #expect(m.maxDrawdown == c.maxDrawdown)
        #expect(m.sharpeSimple == c.sharpe)
        #expect(m.winrateActiveDays == c.winrate)
    }

    @Test func paperBrokerMatchesReferenceFills() throws {
        let series = try RealData.load("ETH-USD_1d.csv", start: "2022-01-01", end: "2024-01-01")
        let strategy = try StrategyRegistry.make(named: "rsi_ma_cross_v2")
        let result = try Backtester.run(series: series, strategy: strategy, costs: CostModel(), initialCash: 1000, interval: .daily)
        let paper = series.close.withUnsafeBufferPointer { close in
            result.signals.withUnsafeBufferPointer { signals in
                PaperBroker.run(
                    close: close.baseAddress! + result.frameStart, signals: signals.baseAddress!, count: result.days,
                    feeRate: 0.002, slippage: result.slippage, initialCash: 1000)
            }
        }
        #expect(paper.fills.count == 54)
        let first = try #require(paper.fills.first)
        #expect(first.side == .buy)
        #expect(relativeError(first.executionPrice, 2942.9972912109374) <= 1e-12)
        #expect(relativeError(first.quantity, 0.33911006407666755) <= 1e-12)
        #expect(first.fee == 2.0)
        #expect(relativeError(paper.finalEquity, 933.4206827446845) <= 1e-12, "final equity \(paper.finalEquity)")
        #expect(relativeError(result.equity.last! * 1000, 0.9301851922158711 * 1000) <= 1e-12)
    }
}

func relativeError(_ a: Double, _ b: Double) -> Double {
    a == b ? 0 : abs(a - b) / max(abs(a), abs(b))
}
