import Foundation
import Testing

/// `tune run` reads a plan line by line and keeps only each job's place in the file: a plan of
/// 1,000 jobs, with a bad line, a repeated job_id and an invalid config among them, gives the
/// same results and summary whether it runs at once or in two parts (`--max-jobs`, then resume).
struct TuneRunStreamingEndToEndTests {
    @Test func aThousandJobPlanRunsTheSameAtOnceAndInParts() throws {
        var lines = TuneRunEndToEndTests.smaJobs(1_000)
        lines.insert("{not json", at: 500)
        lines.insert(lines[10], at: 700)
        lines.append(TuneRunEndToEndTests.job(1_000, config: TuneRunEndToEndTests.config(params: ["fast": 10, "slow": 50, "nope": 1])))
        let whole = try Scratch()
        let parts = try Scratch()
        try TuneRunEndToEndTests.plan(whole, lines)
        try TuneRunEndToEndTests.plan(parts, lines)

        let once = try QSHProcess.run(["tune", "run", "--jobs-file", "jobs.jsonl", "--json", "--workers", "2"], in: whole.path)
        #expect(once.status == 1, "stderr: \(once.stderr)")
        let summary = try #require(try JSONSerialization.jsonObject(with: Data(once.stdout.utf8)) as? [String: Any])
        #expect(summary["total_jobs"] as? Int == 1_003 && summary["attempted"] as? Int == 1_000)
        #expect(summary["success"] as? Int == 1_000 && summary["skipped"] as? Int == 3 && summary["errors"] as? Int == 0)
        #expect(summary["skipped_list"] as? [String] == [
            "line 501: not a JSON object (expected a string key at line 1, column 2)",
            "line 701 (t_0010): job_id 't_0010' appears twice",
            "line 1001 (t_1000): invalid config: unknown parameter 'nope' for strategy 'sma_cross'; allowed: fast, slow",
        ], "\(summary["skipped_list"] ?? "-")")

        let first = try QSHProcess.run(["tune", "run", "--jobs-file", "jobs.jsonl", "--max-jobs", "400", "--workers", "1"], in: parts.path)
        #expect(first.status == 1 && first.stdout.contains("Attempted:  400") && first.stdout.contains("Left for a later run (--max-jobs): 600"),
                "\(first.stdout)")
        let rest = try QSHProcess.run(["tune", "run", "--jobs-file", "jobs.jsonl"], in: parts.path)
        #expect(rest.status == 1 && rest.stdout.contains("Attempted:  600") && rest.stdout.contains("Already done (results kept): 400"),
                "\(rest.stdout)")
        for ordinal in stride(from: 0, to: 1_000, by: 37) {
            let id = String(format: "t_%04d", ordinal)
            let a = try TuneRunEndToEndTests.result(whole, id)
            let b = try TuneRunEndToEndTests.result(parts, id)
            #expect(a["job_id"] as? String == id && a["status"] as? String == "ok")
            for key in ["metrics", "summary", "config"] {
                #expect(try Self.text(a[key]) == Self.text(b[key]), "job \(id): \(key)")
            }
        }
        #expect(whole.list("outputs/tuning/t/results").count == 1_000)
    }

    /// A JSON value as sorted-key text (NSDictionary equality tells a JSON true from a 1 apart only on some platforms).
    static func text(_ value: Any?) throws -> String {
        String(decoding: try JSONSerialization.data(withJSONObject: value ?? NSNull(), options: [.sortedKeys, .fragmentsAllowed]), as: UTF8.self)
    }
}
