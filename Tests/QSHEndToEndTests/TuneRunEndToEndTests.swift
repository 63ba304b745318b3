import Foundation
import Testing

/// `tune run --jobs-file J`: the jobs of a plan in one process, with results that equal direct
/// runs, skips with reasons, timeouts, `--stop-on-error`, `--max-jobs`, resume after SIGKILL and
/// SIGINT, exit codes and job signals.
struct TuneRunEndToEndTests {
    /// A plan line, in the record format of docs/tuning.md.
    static func job(_ ordinal: Int, session: String = "t", config: [String: Any], plan: String = String(repeating: "a", count: 40))
        -> String
    {
        let id = "\(session)_" + String(repeating: "0", count: max(0, 4 - String(ordinal).count)) + String(ordinal)
        let object: [String: Any] = [
            "job_id": id, "ordinal": ordinal, "plan_id": plan, "session": session, "config": config,
            "output_json": "outputs/tuning/\(session)/results/\(id).json",
        ]
        return String(decoding: try! JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), as: UTF8.self)
    }

    static func config(
        ticker: String = "SYN-ETH", start: String = "2022-01-01", end: String = "2024-01-01", interval: String? = nil,
        strategy: String = "sma_cross", params: [String: Any] = ["fast": 10, "slow": 50], data: [String: Any]? = nil
    ) -> [String: Any] {
        var config: [String: Any] = [
            "ticker": ticker, "start": start, "end": end, "strategy": strategy, "params": params, "fee": 0.002,
            "slippage_bps": 8.0, "slippage_mode": "fixed", "k_atr": 0.05, "initial_cash": 1000.0, "paper": false,
        ]
        if let interval { config["interval"] = interval }
        if let data { config["data"] = data }
        return config
    }

    static func plan(_ scratch: Scratch, _ lines: [String], name: String = "jobs.jsonl") throws {
        _ = try scratch.file(name, lines.joined(separator: "\n") + "\n")
    }

    static func result(_ scratch: Scratch, _ id: String, session: String = "t") throws -> [String: Any] {
        try scratch.json("outputs/tuning/\(session)/results/\(id).json")
    }

    /// sma_cross jobs over one synthetic daily dataset.
    static func smaJobs(_ count: Int, interval: String? = nil, end: String = "2024-01-01") -> [String] {
        (0..<count).map { job($0, config: config(end: end, interval: interval, params: ["fast": 5 + $0 % 20, "slow": 60 + $0 / 20])) }
    }

    @Test(.enabled(if: QSHProcess.hasRealData, "../shared/data/real is absent: the reference grid reads ETH-USD"))
    func theReferenceGridEqualsDirectRuns() throws {
        let scratch = try Scratch()
        var lines: [String] = []
        var combinations: [(Int, Int, Int)] = []
        for buy in [55, 60, 65] { for sell in [70, 75, 80] { for cooldown in [0, 2, 5] { combinations.append((buy, sell, cooldown)) } } }
        for (ordinal, (buy, sell, cooldown)) in combinations.enumerated() {
            lines.append(Self.job(ordinal, session: "eth", config: Self.config(
                ticker: "ETH-USD", start: "2023-01-01", end: "2024-01-01", strategy: "rsi_ma_cross_v2",
                params: ["rsi_buy_max": buy, "rsi_sell_min": sell, "cooldown_days": cooldown],
                data: ["dir": QSHProcess.realDataDirectory])))
        }
        try Self.plan(scratch, lines)
        let run = try QSHProcess.run(["tune", "run", "--jobs-file", "jobs.jsonl"], in: scratch.path)
        #expect(run.status == 0, "stderr: \(run.stderr)")
        #expect(run.stdout.contains("Total Jobs: 27") && run.stdout.contains("Success:    27") && run.stdout.contains("Exit Code:  0"))
        for (ordinal, (buy, sell, cooldown)) in combinations.enumerated() {
            let direct = try QSHProcess.run(
                ["run", "--ticker", "ETH-USD", "--data-dir", QSHProcess.realDataDirectory, "--start", "2023-01-01", "--end",
                 "2024-01-01", "--param", "rsi_buy_max=\(buy)", "--param", "rsi_sell_min=\(sell)", "--param",
                 "cooldown_days=\(cooldown)", "--json", "--outdir", "direct"], in: scratch.path)
            let expected = try #require(try JSONSerialization.jsonObject(with: Data(direct.stdout.utf8)) as? [String: Any])
            let result = try Self.result(scratch, String(format: "eth_%04d", ordinal), session: "eth")
            #expect(result["status"] as? String == "ok")
            #expect(NSDictionary(dictionary: result["summary"] as? [String: Any] ?? [:]).isEqual(to: expected["summary"] as? [String: Any] ?? [:]),
                    "job \(ordinal): \(result["summary"] ?? "-") vs \(expected["summary"] ?? "-")")
        }
    }

    @Test(.enabled(if: QSHProcess.hasRealData, "../shared/data/real is absent: the reference grid reads ETH-USD"))
    func theShippedGridPlansAndRunsAndARerunKeepsEveryResult() throws {
        let scratch = try Scratch()
        let shipped = try String(
            contentsOf: QSHProcess.packageRoot.appendingPathComponent("configs/experiments/eth_2023_grid.yaml"), encoding: .utf8)
        _ = try scratch.file("grid.yaml", shipped.replacingOccurrences(of: "../shared/data/real", with: QSHProcess.realDataDirectory))
        let plan = try QSHProcess.run(["tune", "plan", "--session-file", "grid.yaml", "--output-jobs-file", "jobs.jsonl"], in: scratch.path)
        #expect(plan.status == 0, "stderr: \(plan.stderr)")
        let run = try QSHProcess.run(["tune", "run", "--jobs-file", "jobs.jsonl", "--json"], in: scratch.path)
        #expect(run.status == 0, "stderr: \(run.stderr)")
        let summary = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        #expect(summary["success"] as? Int == 27 && summary["total_jobs"] as? Int == 27)
        let first = try Self.result(scratch, "eth_2023_grid_0000", session: "eth_2023_grid")
        #expect(first["status"] as? String == "ok")
        let again = try QSHProcess.run(["tune", "run", "--jobs-file", "jobs.jsonl"], in: scratch.path)
        #expect(again.status == 0 && again.stdout.contains("Already done (results kept): 27"), "\(again.stdout)")
    }

    @Test func invalidJobsAreSkippedWithTheirReasonAndAnUnusablePlanIsExitTwo() throws {
        let scratch = try Scratch()
        try Self.plan(scratch, Self.smaJobs(2) + [
            "{not json", Self.job(3, config: Self.config(params: ["fast": 10, "slow": 50, "nope": 1])),
            Self.job(4, config: Self.config(ticker: "../x")),
        ])
        let run = try QSHProcess.run(["tune", "run", "--jobs-file", "jobs.jsonl"], in: scratch.path)
        #expect(run.status == 1, "stderr: \(run.stderr)")
        #expect(run.stdout.contains("Total Jobs: 5") && run.stdout.contains("Attempted:  2") && run.stdout.contains("Skipped:    3"))
        #expect(run.stdout.contains("Skipped line 3: not a JSON object"), "\(run.stdout)")
        #expect(run.stdout.contains("(t_0003): invalid config:") && run.stdout.contains("nope"), "\(run.stdout)")
        #expect(run.stdout.contains("(t_0004): invalid config: --ticker"), "\(run.stdout)")
        #expect(scratch.list("outputs/tuning/t/results").sorted() == ["t_0000.json", "t_0001.json"])

        // A plan saved with Windows line endings reads the same.
        _ = try scratch.file("crlf.jsonl", Self.smaJobs(2).joined(separator: "\r\n") + "\r\n")
        let crlf = try QSHProcess.run(["tune", "run", "--jobs-file", "crlf.jsonl", "--force"], in: scratch.path)
        #expect(crlf.status == 0 && crlf.stdout.contains("Success:    2"), "\(crlf.stdout) \(crlf.stderr)")

        let missing = try QSHProcess.run(["tune", "run", "--jobs-file", "nope.jsonl"], in: scratch.path)
        #expect(missing.status == 2 && missing.stderr.contains("--jobs-file: ") && missing.stderr.contains("cannot be read"))
        _ = try scratch.file("empty.jsonl", "\n")
        let empty = try QSHProcess.run(["tune", "run", "--jobs-file", "empty.jsonl"], in: scratch.path)
        #expect(empty.status == 2 && empty.stderr.contains("holds no jobs"), "\(empty.stderr)")
        try Self.plan(scratch, [Self.smaJobs(1)[0], Self.job(1, config: Self.config(), plan: String(repeating: "b", count: 40))], name: "mixed.jsonl")
        let mixed = try QSHProcess.run(["tune", "run", "--jobs-file", "mixed.jsonl"], in: scratch.path)
        #expect(mixed.status == 2 && mixed.stderr.contains("mixes 2 plans"), "\(mixed.stderr)")
        let timeout = try QSHProcess.run(["tune", "run", "--jobs-file", "jobs.jsonl", "--timeout", "0"], in: scratch.path)
        #expect(timeout.status == 2 && timeout.stderr.contains("--timeout: 0 must be a positive number of seconds"))
    }

    @Test func aJobPastItsTimeoutIsAnErrorAndTheSessionGoesOn() throws {
        let scratch = try Scratch()
        // A million minute bars take far longer than 20 ms to evaluate; a daily window never polls.
        try Self.plan(scratch, [
            Self.job(0, config: Self.config(start: "2022-01-01", end: "2023-11-26T10:40", interval: "1m")),
            Self.job(1, config: Self.config()),
        ])
        let run = try QSHProcess.run(["tune", "run", "--jobs-file", "jobs.jsonl", "--timeout", "0.02", "--workers", "1"], in: scratch.path)
        #expect(run.status == 1, "stderr: \(run.stderr)")
        #expect(run.stdout.contains("Job t_0000 failed: exceeded the timeout of 0.02 s"), "\(run.stdout)")
        let timedOut = try Self.result(scratch, "t_0000")
        #expect(timedOut["status"] as? String == "timeout" && (timedOut["error"] as? [String: Any])?["type"] as? String == "TimeoutError")
        #expect(try Self.result(scratch, "t_0001")["status"] as? String == "ok")
    }

    @Test func stopOnErrorTakesNoNewJobAndMaxJobsLeavesTheRestForLater() throws {
        let scratch = try Scratch()
        try Self.plan(scratch, [Self.job(0, config: Self.config(ticker: "NODATA", data: ["source": "missing.csv"]))] + Array(Self.smaJobs(6).dropFirst()))
        let stopped = try QSHProcess.run(["tune", "run", "--jobs-file", "jobs.jsonl", "--workers", "1", "--stop-on-error"], in: scratch.path)
        #expect(stopped.status == 1, "stderr: \(stopped.stderr)")
        #expect(stopped.stdout.contains("Attempted:  1") && stopped.stdout.contains("Not started: 5 (--stop-on-error (job t_0000))"), "\(stopped.stdout)")
        #expect(try Self.result(scratch, "t_0000")["status"] as? String == "failed")

        let limited = try QSHProcess.run(["tune", "run", "--jobs-file", "jobs.jsonl", "--max-jobs", "2"], in: scratch.path)
        #expect(limited.stdout.contains("Attempted:  2") && limited.stdout.contains("Left for a later run (--max-jobs): 4"), "\(limited.stdout)")
        let rest = try QSHProcess.run(["tune", "run", "--jobs-file", "jobs.jsonl"], in: scratch.path)
        // A failed job runs again (only successes are kept): the limited run took t_0000 (failed
        // again) and t_0001; the rest are t_0000 and t_0002..t_0005.
        #expect(rest.stdout.contains("Already done (results kept): 1") && rest.stdout.contains("Attempted:  5"), "\(rest.stdout)")
        #expect(scratch.list("outputs/tuning/t/results").count == 6)
    }

    @Test func aKilledRunResumesWithNoJobLostNoneRunTwiceAndNoTornResult() throws {
        let scratch = try Scratch()
        // 40 jobs over 200,000 minute bars, one worker: long enough to be killed midway.
        let jobs = (0..<40).map {
            Self.job($0, config: Self.config(start: "2023-01-01", end: "2023-05-20", interval: "1m", params: ["fast": 5 + $0, "slow": 100]))
        }
        try Self.plan(scratch, jobs)
        let running = try RunningQSH(["tune", "run", "--jobs-file", "jobs.jsonl", "--workers", "1"], in: scratch.path)
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline && scratch.list("outputs/tuning/t/results").filter({ $0.hasSuffix(".json") }).count < 5 { usleep(5_000) }
        kill(running.pid, SIGKILL)
        _ = running.finish(timeout: 10)
        let before = scratch.list("outputs/tuning/t/results").filter { $0.hasSuffix(".json") && !$0.hasPrefix(".") }
        try #require(before.count >= 5 && before.count < 40, "killed after \(before.count) results")
        var started: [String: String] = [:]
        for name in before {
            let result = try scratch.json("outputs/tuning/t/results/\(name)")  // parses: no torn file
            started[name] = (result["timing"] as? [String: Any])?["started_at"] as? String
        }
        let resumed = try QSHProcess.run(["tune", "run", "--jobs-file", "jobs.jsonl"], in: scratch.path)
        #expect(resumed.status == 0, "stderr: \(resumed.stderr)")
        #expect(resumed.stdout.contains("Already done (results kept): \(before.count)") && resumed.stdout.contains("Attempted:  \(40 - before.count)"))
        let after = scratch.list("outputs/tuning/t/results").filter { $0.hasSuffix(".json") && !$0.hasPrefix(".") }
        #expect(after.count == 40)
        for (name, time) in started {
            #expect((try scratch.json("outputs/tuning/t/results/\(name)")["timing"] as? [String: Any])?["started_at"] as? String == time,
                    "\(name) ran twice")
        }
    }

    @Test func sigintStopsAfterTheJobsInFlightWithTheSummarySoFar() throws {
        let scratch = try Scratch()
        let jobs = (0..<40).map {
            Self.job($0, config: Self.config(start: "2023-01-01", end: "2023-05-20", interval: "1m", params: ["fast": 5 + $0, "slow": 100]))
        }
        try Self.plan(scratch, jobs)
        let running = try RunningQSH(
            ["tune", "run", "--jobs-file", "jobs.jsonl", "--workers", "1", "--signal-file", "signals.jsonl"], in: scratch.path)
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline && scratch.list("outputs/tuning/t/results").filter({ $0.hasSuffix(".json") }).count < 3 { usleep(5_000) }
        kill(running.pid, SIGINT)
        let result = running.finish(timeout: 20)
        #expect(result.status == 130, "stderr: \(result.stderr)")
        #expect(result.stdout.contains("Exit Code:  130 (stopped by") && result.stdout.contains("Not started:"), "\(result.stdout)")
        let done = scratch.list("outputs/tuning/t/results").filter { $0.hasSuffix(".json") && !$0.hasPrefix(".") }
        #expect(done.count < 40 && result.stdout.contains("Attempted:  \(done.count)"), "\(done.count) \(result.stdout)")
        let events = try scratch.read("signals.jsonl").split(separator: "\n").compactMap {
            (try? JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any])?["event"] as? String
        }
        #expect(events.first == "SESSION_STARTED" && events.filter { $0 == "JOB_COMPLETED" }.count == done.count, "\(events)")
    }
}
