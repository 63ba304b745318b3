import Foundation
import Testing

/// `tune run --isolate`: each job in a `qsh` child process of its own, with the results of an
/// in-process run, the timeout enforced by killing the child, a crashed child recorded as a
/// failed job, SIGINT letting the children in flight finish, and `--jobs-file -`.
struct TuneIsolateEndToEndTests {
    typealias Plans = TuneRunEndToEndTests

    /// A job over nine years of minute bars: its data alone takes seconds to make, far past a
    /// 2 s timeout when the child's whole life counts.
    static var slowJob: [String: Any] { Plans.config(start: "2015-01-01", end: "2024-01-01", interval: "1m") }

    /// Every result file of session `t`, without its timing (which differs from run to run).
    static func results(_ scratch: Scratch) throws -> [String: NSDictionary] {
        var results: [String: NSDictionary] = [:]
        for name in scratch.list("outputs/tuning/t/results") where name.hasSuffix(".json") && !name.hasPrefix(".") {
            var result = try scratch.json("outputs/tuning/t/results/\(name)")
            result.removeValue(forKey: "timing")
            results[name] = NSDictionary(dictionary: result)
        }
        return results
    }

    /// The `qsh` children of process `pid` (Linux: /proc/PID/task/*/children) with their argv.
    static func children(of pid: Int32) -> [(pid: Int32, arguments: [String])] {
        let tasks = (try? FileManager.default.contentsOfDirectory(atPath: "/proc/\(pid)/task")) ?? []
        return tasks.flatMap { task -> [(pid: Int32, arguments: [String])] in
            let listed = (try? String(contentsOfFile: "/proc/\(pid)/task/\(task)/children", encoding: .utf8)) ?? ""
            return listed.split(separator: " ").compactMap { Int32($0) }.map { child in
                let argv = (try? Data(contentsOf: URL(fileURLWithPath: "/proc/\(child)/cmdline"))) ?? Data()
                return (child, argv.split(separator: 0).map { String(decoding: $0, as: UTF8.self) })
            }
        }
    }

    static let hasProc = FileManager.default.fileExists(atPath: "/proc/self/task")

    @Test func isolatedResultsEqualInProcessResults() throws {
        let scratch = try Scratch()
        let jobs = (0..<8).map { (ordinal: Int) -> String in
            let params: [String: Any] = ["fast": 5 + 3 * ordinal, "slow": 60 + 10 * (ordinal % 3)]
            return Plans.job(ordinal, config: Plans.config(params: params))
        }
        try Plans.plan(scratch, jobs)
        let inProcess = try QSHProcess.run(["tune", "run", "--jobs-file", "jobs.jsonl"], in: scratch.path)
        #expect(inProcess.status == 0, "stderr: \(inProcess.stderr)")
        let expected = try Self.results(scratch)
        #expect(expected.count == 8)
        let isolated = try QSHProcess.run(["tune", "run", "--jobs-file", "jobs.jsonl", "--isolate", "--force", "--workers", "3"], in: scratch.path)
        #expect(isolated.status == 0 && isolated.stdout.contains("Success:    8"), "\(isolated.stdout) \(isolated.stderr)")
        let actual = try Self.results(scratch)
        for (name, result) in expected {
            #expect(result["status"] as? String == "ok")
            #expect(actual[name] == result, "\(name): \(actual[name] ?? [:]) vs \(result)")
        }
        // Resume works the same: every result is there, so nothing runs (and no child starts).
        let again = try QSHProcess.run(["tune", "run", "--jobs-file", "jobs.jsonl", "--isolate"], in: scratch.path)
        #expect(again.status == 0 && again.stdout.contains("Already done (results kept): 8"), "\(again.stdout)")
    }

    @Test func aJobPastItsTimeoutIsKilledRecordedAsTimeoutAndTheOthersSucceed() throws {
        let scratch = try Scratch()
        try Plans.plan(scratch, [Plans.job(0, config: Self.slowJob)] + Array(Plans.smaJobs(4).dropFirst()))
        let began = Date()
        let run = try QSHProcess.run(["tune", "run", "--jobs-file", "jobs.jsonl", "--isolate", "--timeout", "2", "--workers", "2"], in: scratch.path)
        let elapsed = Date().timeIntervalSince(began)
        #expect(run.status == 1, "stderr: \(run.stderr)")
        #expect(run.stdout.contains("Success:    3") && run.stdout.contains("Job t_0000 failed: exceeded the timeout of 2 s"), "\(run.stdout)")
        let timedOut = try Plans.result(scratch, "t_0000")
        #expect(timedOut["status"] as? String == "timeout")
        #expect((timedOut["error"] as? [String: Any])?["type"] as? String == "TimeoutError")
        #expect((timedOut["error"] as? [String: Any])?["message"] as? String == "exceeded the timeout of 2 s")
        // Killed at its timeout: in this process the slow job's data alone takes far longer.
        #expect(elapsed < 12, "took \(elapsed) s")
        for id in ["t_0001", "t_0002", "t_0003"] { #expect(try Plans.result(scratch, id)["status"] as? String == "ok") }
    }

    @Test(.enabled(if: hasProc, "finding the children needs /proc"))
    func eachJobIsAChildProcessAndOneThatDiesIsAFailedJob() throws {
        let scratch = try Scratch()
        try Plans.plan(scratch, [Plans.job(0, config: Self.slowJob)] + Array(Plans.smaJobs(3).dropFirst()))
        let running = try RunningQSH(["tune", "run", "--jobs-file", "jobs.jsonl", "--isolate", "--workers", "1"], in: scratch.path)
        var child: (pid: Int32, arguments: [String])?
        let deadline = Date().addingTimeInterval(30)
        while child == nil && Date() < deadline && running.isRunning {
            // Until it has exec'd, a spawned child still shows its parent's argv (no `--quiet`).
            child = Self.children(of: running.pid).first { $0.arguments.contains("--quiet") }
            if child == nil { usleep(2_000) }
        }
        let found = try #require(child, "no child process of \(running.pid)")
        #expect(found.pid != running.pid)
        #expect(Array(found.arguments.dropFirst()) == ["tune", "run", "--jobs-file", "-", "--force", "--workers", "1", "--timeout", "300", "--quiet"])
        kill(found.pid, SIGKILL)
        let result = running.finish(timeout: 60)
        #expect(result.status == 1, "stderr: \(result.stderr)")
        #expect(result.stdout.contains("Job t_0000 failed: the job's process ended with signal 9"), "\(result.stdout)")
        let failed = try Plans.result(scratch, "t_0000")
        #expect(failed["status"] as? String == "failed" && (failed["error"] as? [String: Any])?["type"] as? String == "ProcessError")
        #expect(try Plans.result(scratch, "t_0001")["status"] as? String == "ok")
        #expect(try Plans.result(scratch, "t_0002")["status"] as? String == "ok")
    }

    @Test func exitCodesAndAChildThatCannotWriteItsResult() throws {
        let scratch = try Scratch()
        // Job 2's result would go below a file: the child cannot write it and says why.
        var unwritable = Plans.smaJobs(3)
        unwritable[2] = unwritable[2].replacingOccurrences(of: #"outputs\/tuning\/t\/results\/t_0002"#, with: "jobs.jsonl/t_0002")
        try Plans.plan(scratch, unwritable + [Plans.job(3, config: Plans.config(ticker: "../x"))])
        let run = try QSHProcess.run(["tune", "run", "--jobs-file", "jobs.jsonl", "--isolate"], in: scratch.path)
        #expect(run.status == 1, "stderr: \(run.stderr)")
        #expect(run.stdout.contains("Success:    2") && run.stdout.contains("Skipped:    1"), "\(run.stdout)")
        #expect(run.stdout.contains("Job t_0002 failed: the job's process ended with exit code 0: warning: job t_0002"), "\(run.stdout)")
        try Plans.plan(scratch, Plans.smaJobs(2), name: "good.jsonl")
        let good = try QSHProcess.run(["tune", "run", "--jobs-file", "good.jsonl", "--isolate", "--force"], in: scratch.path)
        #expect(good.status == 0, "\(good.stdout) \(good.stderr)")
        let bad = try QSHProcess.run(["tune", "run", "--jobs-file", "nope.jsonl", "--isolate"], in: scratch.path)
        #expect(bad.status == 2 && bad.stderr.contains("cannot be read"), "\(bad.stderr)")
    }

    @Test func thePlanCanComeFromStandardInput() throws {
        let scratch = try Scratch()
        _ = try scratch.file("s.yaml", """
            session: t
            base: {ticker: SYN-ETH, start: 2022-01-01, end: 2024-01-01, strategy: sma_cross}
            space: {fast: [5, 10], slow: [60, 80]}
            """)
        let plan = try QSHProcess.run(["tune", "plan", "--session-file", "s.yaml", "--output-jobs-file", "-"], in: scratch.path)
        #expect(plan.status == 0 && plan.stdout.split(separator: "\n").count == 4, "\(plan.stdout) \(plan.stderr)")
        #expect(scratch.list(".") == ["s.yaml"])
        let run = try QSHProcess.run(["tune", "run", "--jobs-file", "-", "--isolate", "--json"], in: scratch.path, stdin: plan.stdout)
        #expect(run.status == 0, "stderr: \(run.stderr)")
        let summary = try #require(try JSONSerialization.jsonObject(with: Data(run.stdout.utf8)) as? [String: Any])
        #expect(summary["jobs_file"] as? String == "-" && summary["success"] as? Int == 4, "\(summary)")
        // A script read from standard input does not lend it to its commands.
        let script = try QSHProcess.run([], in: scratch.path, stdin: "tune run --jobs-file -\n")
        #expect(script.status == 2 && script.stderr.contains("'-' (standard input) cannot be read here"), "\(script.stderr)")

        // The JSON request key `isolate`, for tune_run and tune_session.
        let request = #"{"schema_version":"1.0","request_id":"r","command":"tune_session","params":{"session_file":"s.yaml","isolate":true,"force":true}}"#
        let session = try QSHProcess.run(["--json-request", request], in: scratch.path)
        #expect(session.status == 0 && session.stdout.contains(#""success":4"#), "\(session.stdout) \(session.stderr)")
    }

    @Test func sigintStopsTakingJobsAndTheChildrenInFlightFinish() throws {
        let scratch = try Scratch()
        let jobs = (0..<30).map {
            Plans.job($0, config: Plans.config(start: "2023-01-01", end: "2023-05-20", interval: "1m", params: ["fast": 5 + $0, "slow": 100]))
        }
        try Plans.plan(scratch, jobs)
        let running = try RunningQSH(["tune", "run", "--jobs-file", "jobs.jsonl", "--isolate", "--workers", "2"], in: scratch.path)
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline && scratch.list("outputs/tuning/t/results").filter({ $0.hasSuffix(".json") }).count < 2 { usleep(5_000) }
        kill(running.pid, SIGINT)  // the parent only: its children are not told
        let result = running.finish(timeout: 60)
        #expect(result.status == 130, "stderr: \(result.stderr)")
        let done = scratch.list("outputs/tuning/t/results").filter { $0.hasSuffix(".json") && !$0.hasPrefix(".") }
        #expect(done.count < 30 && result.stdout.contains("Attempted:  \(done.count)") && result.stdout.contains("Errors:     0"), "\(result.stdout)")
        for name in done { #expect(try scratch.json("outputs/tuning/t/results/\(name)")["status"] as? String == "ok", "\(name)") }
        let resumed = try QSHProcess.run(["tune", "run", "--jobs-file", "jobs.jsonl", "--isolate", "--max-jobs", "2"], in: scratch.path)
        #expect(resumed.stdout.contains("Already done (results kept): \(done.count)"), "\(resumed.stdout)")
    }
}
