import Foundation
import Testing

/// contract.md's reference numbers, reproduced by the `qsh` binary on the real price files.
@Suite(.enabled(if: QSHProcess.hasRealData, "../shared/data/real is absent: reference parity needs the real price files"))
struct RunParityEndToEndTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let arguments: [String]
        let days: Int, trades: Int
        let metrics: [String: Double]
        var testDescription: String { arguments.joined(separator: " ") }
    }

    static let cases: [Case] = [
        Case(arguments: ["--ticker", "ETH-USD", "--start", "2022-01-01", "--end", "2024-01-01"], days: 631, trades: 54,
             metrics: ["total_return": -0.06981480778412885, "max_drawdown": -0.4126726449991832,
                       "sharpe_simple": 0.08888866068403542, "winrate_active_days": 0.46534653465346537]),
        Case(arguments: ["--ticker", "ETH-USD", "--start", "2022-01-01", "--end", "2024-01-01",
                         "--rsi-buy-max", "55", "--cooldown_days", "2"], days: 631, trades: 30,
             metrics: ["total_return": -0.030374076881763412, "max_drawdown": -0.4150626141677948,
                       "sharpe_simple": 0.15740867852308127, "winrate_active_days": 0.4831932773109244]),
        Case(arguments: ["--ticker", "ETH-USD", "--slippage-mode", "atr", "--k-atr", "0.05"], days: 2692, trades: 240,
             metrics: ["total_return": 5.777844219128553, "max_drawdown": -0.7227358000995701,
                       "sharpe_simple": 0.6431619094763088, "winrate_active_days": 0.504424778761062]),
        Case(arguments: ["--ticker", "SPY", "--start", "2010-01-01", "--end", "2020-01-01"], days: 2417, trades: 278,
             metrics: ["total_return": -0.28002180001097, "max_drawdown": -0.4904463308697561,
                       "sharpe_simple": -0.32958554192046, "winrate_active_days": 0.5422636103151862]),
    ]

    @Test(arguments: cases)
    func referenceNumbers(_ c: Case) throws {
        let scratch = try Scratch()
        let result = try QSHProcess.run(["run"] + c.arguments + ["--data-dir", QSHProcess.realDataDirectory], in: scratch.path)
        #expect(result.status == 0, "stderr: \(result.stderr)")
        let runs = scratch.runDirectories()
        try #require(runs.count == 1)
        let metrics = try #require(try scratch.json("outputs/runs/\(runs[0])/metrics.json")["metrics"] as? [String: Any])
        #expect(metrics["days"] as? Int == c.days)
        #expect(metrics["trades"] as? Int == c.trades)
        for (name, expected) in c.metrics {
            let value = try #require(metrics[name] as? Double, "\(name) missing")
            #expect(abs(value - expected) <= 1e-12 * abs(expected), "\(name): \(value) vs \(expected)")
        }
    }

    @Test func legacyFlagFormMatchesRunSubcommand() throws {
        let scratch = try Scratch()
        let result = try QSHProcess.run(
            ["--ticker", "ETH-USD", "--start", "2022-01-01", "--end", "2024-01-01", "--report",
             "--data", QSHProcess.realDataDirectory + "/ETH-USD_1d.csv"], in: scratch.path)
        #expect(result.status == 0, "stderr: \(result.stderr)")
        let run = try #require(scratch.runDirectories().first)
        let summary = try #require(try scratch.json("outputs/runs/\(run)/report.json")["summary"] as? [String: Any])
        #expect(summary["trades"] as? Int == 54)
        #expect(summary["total_return"] as? Double == -0.06981480778412885)
        #expect(FileManager.default.fileExists(atPath: scratch.path + "/outputs/runs/\(run)/run_report.md"))
        #expect(result.stdout.contains("-6.98%"))
    }
}
