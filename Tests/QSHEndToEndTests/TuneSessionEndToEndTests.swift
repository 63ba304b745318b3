import Foundation
import Testing

/// `tune session --session-file F`: plan + run + aggregate in `<outdir>/tuning/<session>/`, on
/// argv and as a JSON request; a second run resumes.
struct TuneSessionEndToEndTests {
    static let session001 = QSHProcess.packageRoot.appendingPathComponent("configs/tuning/session001.yaml").path

    @Test func theShippedSessionPlansRunsAndRanksInItsFolderAndResumes() throws {
        let scratch = try Scratch()
        let first = try QSHProcess.run(["tune", "session", "--session-file", Self.session001, "--max-drawdown-pct", "100"], in: scratch.path)
        #expect(first.status == 0, "stderr: \(first.stderr)")
        let folder = "outputs/tuning/session001"
        #expect(Set(scratch.list(folder)) == ["session.json", "jobs.jsonl", "results", "summary.json", "leaderboard.csv", "report.json"])
        let jobs = try scratch.read(folder + "/jobs.jsonl").split(separator: "\n").count
        #expect(scratch.list(folder + "/results").filter { $0.hasSuffix(".json") }.count == jobs)
        #expect(first.stdout.contains("Total Jobs: \(jobs)") && first.stdout.contains("session: "), "\(first.stdout)")
        let report = try scratch.json(folder + "/report.json")
        #expect((report["machine_contract"] as? [String: Any])?["contract_type"] as? String == "quantlab.tune.result")
        #expect(try scratch.json(folder + "/summary.json")["best_config"] is [String: Any])
        // The same plan again: every result is kept, nothing runs.
        let again = try QSHProcess.run(["tune", "session", "--session-file", Self.session001, "--max-drawdown-pct", "100"], in: scratch.path)
        #expect(again.status == 0 && again.stdout.contains("Already done (results kept): \(jobs)") && again.stdout.contains("Attempted:  0"))
    }

    @Test func asAJSONRequestTheResponseCarriesBothSummaries() throws {
        let scratch = try Scratch()
        let answer = try JSONRequest.send(
            try JSONRequest.envelope("tune_session", ["session_file": Self.session001, "max_drawdown_pct": 100, "workers": 1]), in: scratch)
        #expect(answer.status == 0, "\(answer.result.stdout) \(answer.result.stderr)")
        let result = try #require(answer.response["result"] as? [String: Any])
        #expect((result["run"] as? [String: Any])?["exit_code"] as? Int == 0)
        #expect(result["aggregate"] is [String: Any])
        #expect((answer.response["artifacts_path"] as? String)?.hasSuffix("/outputs/tuning/session001") == true)
        #expect(answer.events.first == "SESSION_STARTED" && answer.events.last == "SESSION_COMPLETED")
        #expect(answer.events.contains("JOB_COMPLETED"))
    }

    @Test func aBadSessionFileStartsNothing() throws {
        let scratch = try Scratch()
        _ = try scratch.file("bad.yaml", "session: x\nbase:\n  ticker: SYN-ETH\n  strategy: sma_cross\nspace:\n  fast: [5]\n  nope: 1\n")
        let result = try QSHProcess.run(["tune", "session", "--session-file", "bad.yaml"], in: scratch.path)
        #expect(result.status == 2 && result.stderr.contains("bad.yaml:"), "\(result.stderr)")
        #expect(!scratch.list(".").contains("outputs"))
    }

    @Test func theTuneRequestTakesAnInlineSessionOrAFileAndRanksAsTuneSessionDoes() throws {
        let scratch = try Scratch()
        let inline: [String: Any] = [
            "session": "inline_grid",
            "base": ["ticker": "SYN-ETH", "start": "2020-01-01", "end": "2024-01-01", "strategy": "sma_cross"],
            "space": ["fast": ["min": 5, "max": 20, "step": 5], "slow": [50, 100]],
            "constraints": ["fast < slow"],
        ]
        let answer = try JSONRequest.send(
            try JSONRequest.envelope("tune", ["session": inline, "workers": 2, "max_drawdown_pct": 100]), in: scratch)
        #expect(answer.status == 0, "\(answer.result.stdout) \(answer.result.stderr)")
        #expect(answer.response["command"] as? String == "tune" && answer.response["run_id"] as? String == "inline_grid")
        let run = try #require((answer.response["result"] as? [String: Any])?["run"] as? [String: Any])
        #expect(run["total_jobs"] as? Int == 8 && run["success"] as? Int == 8)
        #expect(answer.events.first == "SESSION_STARTED" && answer.events.last == "SESSION_COMPLETED")
        #expect(answer.events.filter { $0 == "JOB_COMPLETED" }.count == 8)
        // The same session as a file, through tune session: the same leaderboard.
        let yaml = """
            session: inline_grid
            base: {ticker: SYN-ETH, start: 2020-01-01, end: 2024-01-01, strategy: sma_cross}
            space: {fast: {min: 5, max: 20, step: 5}, slow: [50, 100]}
            constraints: ["fast < slow"]
            """
        _ = try scratch.file("grid.yaml", yaml)
        let file = try QSHProcess.run(
            ["tune", "session", "--session-file", "grid.yaml", "--max-drawdown-pct", "100", "--outdir", "fromfile"], in: scratch.path)
        #expect(file.status == 0, "\(file.stderr)")
        #expect(try scratch.read("fromfile/tuning/inline_grid/leaderboard.csv") == scratch.read("outputs/tuning/inline_grid/leaderboard.csv"))
        // config_path is an alias of session_file.
        let byPath = try JSONRequest.send(
            try JSONRequest.envelope("tune", ["config_path": "grid.yaml", "out_dir": "bypath", "max_drawdown_pct": 100]), in: scratch)
        #expect(byPath.status == 0 && scratch.list("bypath/tuning/inline_grid").contains("leaderboard.csv"))
    }

    @Test func aBadTuneRequestStartsNothing() throws {
        let scratch = try Scratch()
        let cases: [([String: Any], String)] = [
            ([:], "params.session_file is required"),
            (["session": ["session": "x", "base": ["ticker": "SYN-ETH", "strategy": "sma_cross", "fee": -1], "space": ["fast": [5]]]],
             "session: base.fee: must be >= 0"),
            (["session": [1]], "params.session must be an object"),
            (["session_file": "a.yaml", "session": [:]], "give session_file or session, not both"),
        ]
        for (params, message) in cases {
            let answer = try JSONRequest.send(try JSONRequest.envelope("tune", params), in: scratch)
            #expect(answer.status == 2 && answer.message.contains(message), "\(params): \(answer.message)")
            #expect(answer.events.isEmpty)
        }
        #expect(!scratch.list(".").contains("outputs"))
    }

    @Test func aTuneRequestWithFailedJobsAnswersWithTheErrorLineAndStillCarriesItsFolder() throws {
        let scratch = try Scratch()
        let session: [String: Any] = [
            "session": "failing",
            "base": ["ticker": "SYN-ETH", "start": "2023-01-01", "end": "2023-06-01", "strategy": "sma_cross"],
            "space": ["fast": [5], "slow": [20, 400]],
        ]
        let answer = try JSONRequest.send(try JSONRequest.envelope("tune", ["session": session, "max_drawdown_pct": 100]), in: scratch)
        #expect(answer.status == 1 && answer.response["status"] as? String == "error")
        #expect(answer.error["code"] as? String == "JOBS_FAILED" && answer.error["exit_code"] as? Int == 1)
        #expect(answer.message.contains("1 of 2 jobs run failed"), "\(answer.message)")
        #expect((answer.response["artifacts_path"] as? String)?.hasSuffix("/outputs/tuning/failing") == true)
        let run = try #require((answer.response["result"] as? [String: Any])?["run"] as? [String: Any])
        #expect(run["success"] as? Int == 1 && run["errors"] as? Int == 1)
        #expect(answer.events.last == "SESSION_FAILED")
        let failed = try #require(answer.signals.last)
        #expect(failed["exit_code"] as? Int == 1 && failed["error_type"] as? String == "JobsFailed" && failed["artifacts_path"] is String)
    }
}
