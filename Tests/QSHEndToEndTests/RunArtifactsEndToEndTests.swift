import Foundation
import Testing

/// The run directory of contract.md, written completely and atomically by `qsh run`.
struct RunArtifactsEndToEndTests {
    static let synthetic = ["run", "--ticker", "SYN-ETH", "--start", "2022-01-01", "--end", "2024-01-01"]
    static let fixedClock = ["QSH_FIXED_NOW": "1767225600"]  // 2026-01-01T00:00:00Z

    @Test func runWritesEveryArtifact() throws {
        let scratch = try Scratch()
        let result = try QSHProcess.run(Self.synthetic + ["--report"], in: scratch.path)
        #expect(result.status == 0, "stderr: \(result.stderr)")
        let runs = scratch.runDirectories()
        try #require(runs.count == 1)
        let run = runs[0]
        #expect(run.range(of: #"^\d{8}_\d{6}_run_[0-9a-f]{7}$"#, options: .regularExpression) != nil, "id \(run)")
        #expect(scratch.list("outputs/runs/\(run)") == [
            "config.json", "equity.csv", "metadata.json", "metrics.json", "report.json", "run_report.md", "trades.csv",
        ])
        let metadata = try scratch.json("outputs/runs/\(run)/metadata.json")
        #expect(metadata["run_id"] as? String == run)
        #expect((metadata["config_hash"] as? String)?.count == 40)
        #expect((metadata["config_hash"] as? String)?.prefix(7) == run.suffix(7))
        let report = try scratch.json("outputs/runs/\(run)/report.json")
        let contract = try #require(report["machine_contract"] as? [String: Any])
        #expect(contract["contract_type"] as? String == "quantlab.run.result")
        #expect(contract["run_id"] as? String == run)
        #expect(contract["schema_version"] as? String == "1.0")
        let summary = try #require(report["summary"] as? [String: Any])
        #expect(NSDictionary(dictionary: summary).isEqual(to: contract["summary"] as? [String: Any] ?? [:]))
        let config = try scratch.json("outputs/runs/\(run)/config.json")
        #expect(config["ticker"] as? String == "SYN-ETH")
        #expect(config["strategy"] as? String == "rsi_ma_cross_v2")
        let trades = try scratch.read("outputs/runs/\(run)/trades.csv").split(separator: "\n")
        #expect(trades.first?.hasPrefix("timestamp,side,close,exec_price") == true)
        #expect(trades.count - 1 == summary["trades"] as? Int)
        // JSON artifacts use sorted keys and two-space indentation.
        let raw = try scratch.read("outputs/runs/\(run)/config.json")
        #expect(raw.hasPrefix("{\n  \"adjusted\": "))
        for name in ["runs_index.csv", "runs_index.json", "runs_index.md"] {
            #expect(try scratch.read("outputs/runs/\(name)").contains(run), "\(name) lists the run")
        }
        #expect(result.stdout.contains("outputs/runs/\(run)"))
        #expect(result.stdout.contains("total return"))
    }

    @Test func sameConfigInTheSameSecondGetsDistinctIDs() throws {
        let scratch = try Scratch()
        for _ in 0..<3 {
            let result = try QSHProcess.run(Self.synthetic, in: scratch.path, environment: Self.fixedClock)
            #expect(result.status == 0, "stderr: \(result.stderr)")
        }
        let runs = scratch.runDirectories()
        #expect(runs.count == 3)
        #expect(Set(runs.map { $0.prefix(27) }).count == 1, "same base id: \(runs)")
        let index = try scratch.json("outputs/runs/runs_index.json")
        #expect(index["n_runs"] as? Int == 3)
    }

    @Test func syntheticRunsAreByteIdentical() throws {
        let first = try Scratch(), second = try Scratch()
        for scratch in [first, second] {
            let result = try QSHProcess.run(Self.synthetic + ["--report"], in: scratch.path, environment: Self.fixedClock)
            #expect(result.status == 0, "stderr: \(result.stderr)")
        }
        let run = try #require(first.runDirectories().first)
        #expect(second.runDirectories() == [run])
        for file in ["config.json", "metrics.json", "report.json", "trades.csv", "equity.csv", "run_report.md"] {
            #expect(try first.read("outputs/runs/\(run)/\(file)") == second.read("outputs/runs/\(run)/\(file)"), "\(file)")
        }
    }

    @Test func outdirMovesTheArtifactRoot() throws {
        let scratch = try Scratch()
        let result = try QSHProcess.run(Self.synthetic + ["--outdir", "elsewhere/root"], in: scratch.path)
        #expect(result.status == 0, "stderr: \(result.stderr)")
        #expect(scratch.runDirectories("elsewhere/root").count == 1)
        #expect(scratch.runDirectories().isEmpty)
    }

    @Test func otherStrategiesRun() throws {
        let scratch = try Scratch()
        for arguments in [["--strategy", "sma_cross", "--param", "fast=10", "--param", "slow=30"], ["--strategy", "buy_and_hold"]] {
            let result = try QSHProcess.run(Self.synthetic + arguments + ["--json"], in: scratch.path)
            #expect(result.status == 0, "stderr: \(result.stderr)")
            let data = Data(result.stdout.utf8)
            let object = try JSONSerialization.jsonObject(with: data) as? [String: Any]
            #expect(object?["run_id"] is String)
        }
        #expect(scratch.runDirectories().count == 2)
    }
}
