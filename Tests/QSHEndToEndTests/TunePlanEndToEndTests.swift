import Foundation
import Testing

/// `qsh tune plan`: the shipped session files, byte-identical plans, and exit 2 with
/// `file:line` for bad session files.
struct TunePlanEndToEndTests {
    static func config(_ relative: String) -> String {
        QSHProcess.packageRoot.appendingPathComponent(relative).path
    }

    static func lines(_ text: String) throws -> [[String: Any]] {
        try text.split(separator: "\n").map {
            try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any] ?? [:]
        }
    }

    @Test func referenceGridPlansTwentySevenJobsInGridOrder() throws {
        let scratch = try Scratch()
        let result = try QSHProcess.run(
            ["tune", "plan", "--session-file", Self.config("configs/experiments/eth_2023_grid.yaml"), "--output-jobs-file",
             "plan/jobs.jsonl"],
            in: scratch.path)
        #expect(result.status == 0, "stderr: \(result.stderr)")
        #expect(result.stdout.hasPrefix("27 jobs planned for session eth_2023_grid (plan_id "))
        #expect(result.stdout.contains(" in plan/jobs.jsonl"))
        let jobs = try Self.lines(try scratch.read("plan/jobs.jsonl"))
        try #require(jobs.count == 27)
        var expected: [[Double]] = []
        for cooldown in [0.0, 2, 5] {
            for buy in [55.0, 60, 65] {
                for sell in [70.0, 75, 80] { expected.append([cooldown, buy, sell]) }
            }
        }
        for (ordinal, job) in jobs.enumerated() {
            let config = job["config"] as? [String: Any] ?? [:]
            let params = config["params"] as? [String: Any] ?? [:]
            let values = ["cooldown_days", "rsi_buy_max", "rsi_sell_min"].map { (params[$0] as? NSNumber)?.doubleValue ?? -1 }
            #expect(values == expected[ordinal], "job \(ordinal)")
            #expect(job["ordinal"] as? Int == ordinal)
            #expect(job["job_id"] as? String == String(format: "eth_2023_grid_%04d", ordinal))
            #expect(job["session"] as? String == "eth_2023_grid")
            #expect(job["output_json"] as? String == String(format: "outputs/tuning/eth_2023_grid/results/eth_2023_grid_%04d.json", ordinal))
            #expect(config["ticker"] as? String == "ETH-USD")
            #expect(config["start"] as? String == "2023-01-01")
            #expect(config["end"] as? String == "2024-01-01")
            #expect(config["fee"] as? Double == 0.002)
            #expect(config["slippage_bps"] as? Double == 8)
            #expect(config["slippage_mode"] as? String == "fixed")
            #expect(config["paper"] as? Bool == false)
            #expect((config["data"] as? [String: Any])?["dir"] as? String == "../shared/data/real")
        }
        // Pinned (docs/tuning.md quotes it): the resolved session's hash does not change.
        #expect(Set(jobs.compactMap { $0["plan_id"] as? String }) == ["9545111931be859d6886cf14a007c1b912837cc6"])
    }

    @Test func plansAreByteIdenticalEverywhere() throws {
        let first = try Scratch()
        let second = try Scratch()
        let random = "session: rnd\nbase: {ticker: SYN-ETH, strategy: sma_cross}\n"
            + "space: {samples: 25, seed: 11, fast: {min: 5, max: 50}, slow: {min: 20, max: 200, step: 5}}\n"
            + "constraints: [fast < slow]\n"
        for scratch in [first, second] {
            _ = try scratch.file("random.yaml", random)
            for (session, jobs) in [(Self.config("configs/tuning/session001.yaml"), "a.jsonl"), ("random.yaml", "r.jsonl")] {
                let result = try QSHProcess.run(
                    ["tune", "plan", "--session-file", session, "--output-jobs-file", jobs, "--outdir", "out"], in: scratch.path)
                #expect(result.status == 0, "stderr: \(result.stderr)")
            }
        }
        for name in ["a.jsonl", "r.jsonl"] {
            let bytes = try first.read(name)
            #expect(!bytes.isEmpty)
            #expect(bytes == (try second.read(name)), "\(name)")
        }
        let session001 = try Self.lines(try first.read("a.jsonl"))
        #expect(session001.count == 30)
        #expect(session001.first?["plan_id"] as? String == "289ff5480e4bd6cb7ec3d611165c842353e213c6")
        #expect((session001.first?["output_json"] as? String)?.hasPrefix("out/tuning/session001/results/") == true)
        #expect(try Self.lines(try first.read("r.jsonl")).count == 25)

        let json = try QSHProcess.run(
            ["tune", "plan", "--session-file", "random.yaml", "--output-jobs-file", "r2.jsonl", "--json"], in: first.path)
        #expect(json.status == 0, "stderr: \(json.stderr)")
        let summary = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        #expect(summary?["jobs"] as? Int == 25)
        #expect(summary?["session"] as? String == "rnd")
        let planID = try Self.lines(try first.read("r.jsonl")).first?["plan_id"] as? String
        #expect(summary?["plan_id"] as? String == planID)
    }

    @Test func badSessionFilesExitTwoWithFileAndLine() throws {
        let scratch = try Scratch()
        let cases: [(String, String)] = [
            ("session: t\nbase:\n  ticker: SYN-ETH\n  tikcer: X\nspace: {rsi_buy_max: [50]}\n", "bad.yaml:4: unknown key 'base.tikcer'"),
            ("session: t\nbase: {ticker: SYN-ETH}\nspace:\n  rsi_buy_max: [50, 101]\n", "bad.yaml:4: space.rsi_buy_max:"),
            ("session: t\nbase: {ticker: SYN-ETH}\nspace:\n  cooldown_days: [1.5]\n", "bad.yaml:4: space.cooldown_days:"),
            ("session: t\nbase: {ticker: SYN-ETH}\nspace:\n  rsi_buy_max: [80]\n  rsi_sell_min: [70]\nconstraints:\n  - rsi_buy_max < rsi_sell_min\n",
             "bad.yaml:6: constraints: no combination"),
            ("session: t\nbase: {ticker: SYN-ETH, fee: [1]}\nspace: {rsi_buy_max: [50]}\n", "bad.yaml:2: base.fee: expected a number"),
        ]
        for (text, message) in cases {
            _ = try scratch.file("bad.yaml", text)
            let result = try QSHProcess.run(
                ["tune", "plan", "--session-file", "bad.yaml", "--output-jobs-file", "jobs.jsonl"], in: scratch.path)
            #expect(result.status == 2, "\(message): \(result.stderr)")
            #expect(result.stderr.contains(message), "stderr: \(result.stderr)")
            #expect(!FileManager.default.fileExists(atPath: scratch.path + "/jobs.jsonl"))
        }
        let missing = try QSHProcess.run(
            ["tune", "plan", "--session-file", "nope.yaml", "--output-jobs-file", "jobs.jsonl"], in: scratch.path)
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("nope.yaml"))
    }
}
