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
}
