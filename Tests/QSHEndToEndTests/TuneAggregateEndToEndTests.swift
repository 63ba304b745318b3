import Foundation
import Testing

/// `tune aggregate --results-dir D`: a planned and run session ranked (filters, sort keys, the
/// leaderboard table), the three files in the session folder, the tie-break by ordinal,
/// unreadable files named, and exit 2 for bad flags and folders.
struct TuneAggregateEndToEndTests {
    static let results = "outputs/tuning/agg/results"

    /// A 6-job sma_cross session on synthetic daily bars, planned and run in `scratch`.
    static func plannedAndRun(_ scratch: Scratch) throws {
        _ = try scratch.file("agg.yaml", """
            session: agg
            base:
              ticker: SYN-ETH
              start: 2021-01-01
              end: 2024-01-01
              strategy: sma_cross
            space:
              fast: [10, 15, 20]
              slow: [50, 100]
            """)
        let plan = try QSHProcess.run(["tune", "plan", "--session-file", "agg.yaml", "--output-jobs-file", "jobs.jsonl"], in: scratch.path)
        try #require(plan.status == 0, "stderr: \(plan.stderr)")
        let run = try QSHProcess.run(["tune", "run", "--jobs-file", "jobs.jsonl", "--quiet"], in: scratch.path)
        try #require(run.status == 0, "stderr: \(run.stderr)")
    }

    static func csvRows(_ scratch: Scratch, _ relative: String) throws -> [[String]] {
        try scratch.read(relative).split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
    }

    static func canonical(_ object: [String: Any]) throws -> String {
        String(decoding: try JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), as: UTF8.self)
    }

    static func number(_ value: Any?) -> Double { (value as? NSNumber)?.doubleValue ?? .nan }

    @Test func aRunSessionIsRankedAndItsThreeFilesWritten() throws {
        let scratch = try Scratch()
        try Self.plannedAndRun(scratch)
        let aggregate = try QSHProcess.run(
            ["tune", "aggregate", "--results-dir", Self.results, "--max-drawdown-pct", "100", "--max-results", "4",
             "--output-json", "copy/summary.json"],
            in: scratch.path)
        #expect(aggregate.status == 0, "stderr: \(aggregate.stderr)")
        #expect(aggregate.stdout.contains("6 results: 6 ok, 0 failed, 0 timeout"), "\(aggregate.stdout)")
        #expect(aggregate.stdout.contains("Filters: max drawdown <= 100%: 0 filtered out, 6 ranked"))
        let header = try #require(aggregate.stdout.split(separator: "\n").first { $0.hasPrefix("rank") })
        #expect(header.split(separator: " ").map(String.init)
            == ["rank", "job_id", "fast", "slow", "sharpe_simple", "total_return", "max_drawdown", "trades", "win_rate"])
        #expect(aggregate.stdout.contains("(top 4 of 6; every ranked result is in leaderboard.csv)"))
        #expect(scratch.list("outputs/tuning/agg") == ["jobs.jsonl", "leaderboard.csv", "report.json", "results", "summary.json"]
            || scratch.list("outputs/tuning/agg") == ["leaderboard.csv", "report.json", "results", "summary.json"])

        // The order: sharpe_simple descending, then total_return descending, then ordinal.
        var expected: [(id: String, sharpe: Double, total: Double, ordinal: Int)] = []
        for file in scratch.list(Self.results) {
            let record = try scratch.json(Self.results + "/" + file)
            let summary = record["summary"] as? [String: Any] ?? [:]
            expected.append((record["job_id"] as? String ?? "", Self.number(summary["sharpe_simple"]), Self.number(summary["total_return"]),
                             record["ordinal"] as? Int ?? -1))
        }
        expected.sort { $0.sharpe != $1.sharpe ? $0.sharpe > $1.sharpe : $0.total != $1.total ? $0.total > $1.total : $0.ordinal < $1.ordinal }
        let rows = try Self.csvRows(scratch, "outputs/tuning/agg/leaderboard.csv")
        #expect(rows.first == ["rank", "job_id", "fast", "slow", "sharpe_simple", "total_return", "max_drawdown", "trades", "win_rate"])
        #expect(rows.dropFirst().map { $0[1] } == expected.map(\.id))
        #expect(rows.dropFirst().map { $0[0] } == (1...6).map(String.init))

        let summary = try scratch.json("outputs/tuning/agg/summary.json")
        #expect(summary["session"] as? String == "agg" && (summary["plan_id"] as? String)?.count == 40)
        let counts = summary["counts"] as? [String: Any] ?? [:]
        #expect(counts["results"] as? Int == 6 && counts["ok"] as? Int == 6 && counts["ranked"] as? Int == 6)
        #expect(counts["unreadable"] as? Int == 0 && counts["failed"] as? Int == 0 && counts["timeout"] as? Int == 0)
        #expect(summary["sort_by"] as? [String] == ["sharpe_simple", "total_return"])
        #expect((summary["filters"] as? [String: Any])?["max_drawdown_pct"] as? Double == 100)
        let top = summary["top"] as? [[String: Any]] ?? []
        #expect(top.map { $0["job_id"] as? String ?? "" } == expected.prefix(4).map(\.id))
        let best = try scratch.json(Self.results + "/\(expected[0].id).json")
        let bestConfig = best["config"] as? [String: Any] ?? [:]
        let bestParams = bestConfig["params"] as? [String: Any] ?? [:]
        let topParams = top.first?["params"] as? [String: Any] ?? [:]
        #expect(try Self.canonical(summary["best_config"] as? [String: Any] ?? [:]) == Self.canonical(bestConfig))
        #expect(try Self.canonical(topParams) == Self.canonical(bestParams))
        #expect(try scratch.read("copy/summary.json") == scratch.read("outputs/tuning/agg/summary.json"))

        let report = try scratch.json("outputs/tuning/agg/report.json")
        let contract = report["machine_contract"] as? [String: Any] ?? [:]
        #expect(contract["schema_version"] as? String == "1.0" && contract["contract_type"] as? String == "quantlab.tune.result")
        #expect(contract["mode"] as? String == "tune_aggregate" && contract["run_id"] as? String == "agg")
        #expect(contract["status"] as? String == "success" && contract["artifacts"] as? [String] == ["summary.json", "leaderboard.csv", "report.json"])
        #expect((contract["summary"] as? [String: Any])?["best_job_id"] as? String == expected[0].id)
        #expect(Self.number((contract["summary"] as? [String: Any])?["sharpe_simple"]) == expected[0].sharpe)

        // --json prints summary.json's document.
        let json = try QSHProcess.run(["tune", "aggregate", "--results-dir", Self.results, "--max-drawdown-pct", "100", "--json"], in: scratch.path)
        #expect(json.status == 0)
        let printed = try #require(try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any])
        #expect(printed["record_type"] as? String == "quantlab.tune.summary" && (printed["counts"] as? [String: Any])?["ranked"] as? Int == 6)
    }

    @Test(.enabled(if: QSHProcess.hasRealData, "../shared/data/real is absent: the reference grid reads ETH-USD"))
    func theReferenceGridRanksByTheDocumentedRule() throws {
        let scratch = try Scratch()
        let shipped = try String(
            contentsOf: QSHProcess.packageRoot.appendingPathComponent("configs/experiments/eth_2023_grid.yaml"), encoding: .utf8)
        _ = try scratch.file("grid.yaml", shipped.replacingOccurrences(of: "../shared/data/real", with: QSHProcess.realDataDirectory))
        let plan = try QSHProcess.run(["tune", "plan", "--session-file", "grid.yaml", "--output-jobs-file", "jobs.jsonl"], in: scratch.path)
        try #require(plan.status == 0, "stderr: \(plan.stderr)")
        let run = try QSHProcess.run(["tune", "run", "--jobs-file", "jobs.jsonl", "--quiet"], in: scratch.path)
        try #require(run.status == 0, "stderr: \(run.stderr)")
        let results = "outputs/tuning/eth_2023_grid/results"
        let aggregate = try QSHProcess.run(
            ["tune", "aggregate", "--results-dir", results, "--max-drawdown-pct", "100", "--max-results", "27"], in: scratch.path)
        #expect(aggregate.status == 0, "stderr: \(aggregate.stderr)")
        var expected: [(id: String, sharpe: Double, total: Double, ordinal: Int)] = []
        for file in scratch.list(results) {
            let record = try scratch.json(results + "/" + file)
            let summary = record["summary"] as? [String: Any] ?? [:]
            expected.append((record["job_id"] as? String ?? "", Self.number(summary["sharpe_simple"]), Self.number(summary["total_return"]),
                             record["ordinal"] as? Int ?? -1))
        }
        #expect(expected.count == 27)
        expected.sort { $0.sharpe != $1.sharpe ? $0.sharpe > $1.sharpe : $0.total != $1.total ? $0.total > $1.total : $0.ordinal < $1.ordinal }
        let rows = try Self.csvRows(scratch, "outputs/tuning/eth_2023_grid/leaderboard.csv")
        #expect(rows.first == ["rank", "job_id", "cooldown_days", "rsi_buy_max", "rsi_sell_min", "sharpe_simple", "total_return",
                               "max_drawdown", "trades", "win_rate"])
        #expect(rows.dropFirst().map { $0[1] } == expected.map(\.id))
        // The reference's default drawdown filter (15 %) keeps exactly the results within it.
        let filtered = try QSHProcess.run(["tune", "aggregate", "--results-dir", results, "--json"], in: scratch.path)
        let summary = try #require(try JSONSerialization.jsonObject(with: Data(filtered.stdout.utf8)) as? [String: Any])
        var within = 0
        for file in scratch.list(results) {
            let drawdown = Self.number((try scratch.json(results + "/" + file)["summary"] as? [String: Any])?["max_drawdown"])
            if abs(drawdown) * 100 <= 15 { within += 1 }
        }
        #expect((summary["counts"] as? [String: Any])?["ranked"] as? Int == within)
    }

    @Test func aJSONRequestAggregatesAndAnswersWithTheSummary() throws {
        let scratch = try Scratch()
        _ = try scratch.file("s/results/h_0001.json", Self.record(1, sharpe: 1))
        _ = try scratch.file("s/results/h_0002.json", Self.record(2, sharpe: 2))
        let request = #"{"schema_version": "1.0", "command": "tune_aggregate", "request_id": "agg-1", "#
            + #""params": {"results_dir": "s/results", "max_results": 1, "sort_by": "sharpe_simple"}}"#
        let result = try QSHProcess.run(["--json-request", request], in: scratch.path)
        #expect(result.status == 0, "stderr: \(result.stderr)")
        let line = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(line["status"] as? String == "success" && line["request_id"] as? String == "agg-1")
        #expect(line["run_id"] as? String == "h" && (line["report_path"] as? String)?.hasSuffix("/s/report.json") == true)
        #expect(((line["result"] as? [String: Any])?["top"] as? [[String: Any]])?.map { $0["job_id"] as? String ?? "" } == ["h_0002"])
        #expect((line["summary"] as? [String: Any])?["best_job_id"] as? String == "h_0002")
        let report = try scratch.json("s/report.json")
        #expect((report["machine_contract"] as? [String: Any])?["request_id"] as? String == "agg-1")
    }

    @Test func filtersLeaveResultsOutAndNoSurvivorIsStillExitZero() throws {
        let scratch = try Scratch()
        try Self.plannedAndRun(scratch)
        var drawdowns: [Double] = []
        var trades: [Int] = []
        for file in scratch.list(Self.results) {
            let summary = try scratch.json(Self.results + "/" + file)["summary"] as? [String: Any] ?? [:]
            drawdowns.append(abs(Self.number(summary["max_drawdown"])) * 100)
            trades.append(summary["trades"] as? Int ?? -1)
        }
        // A drawdown limit between the results' drawdowns keeps exactly those at or under it.
        let limit = (drawdowns.sorted()[2] + drawdowns.sorted()[3]) / 2
        let kept = try QSHProcess.run(
            ["tune", "aggregate", "--results-dir", Self.results, "--max-drawdown-pct", String(limit), "--json"], in: scratch.path)
        #expect(kept.status == 0, "stderr: \(kept.stderr)")
        let summary = try #require(try JSONSerialization.jsonObject(with: Data(kept.stdout.utf8)) as? [String: Any])
        let counts = summary["counts"] as? [String: Any] ?? [:]
        #expect(counts["ranked"] as? Int == drawdowns.filter { $0 <= limit }.count)
        #expect(counts["filtered_out"] as? Int == drawdowns.filter { $0 > limit }.count)
        #expect((summary["filtered_out"] as? [String: Any])?["max_drawdown"] as? Int == drawdowns.filter { $0 > limit }.count)

        let minTrades = trades.sorted()[3]
        let fewTrades = try QSHProcess.run(
            ["tune", "aggregate", "--results-dir", Self.results, "--max-drawdown-pct", "100", "--min-trades", String(minTrades)],
            in: scratch.path)
        #expect(fewTrades.status == 0)
        #expect(try Self.csvRows(scratch, "outputs/tuning/agg/leaderboard.csv").count - 1 == trades.filter { $0 >= minTrades }.count)

        let none = try QSHProcess.run(
            ["tune", "aggregate", "--results-dir", Self.results, "--max-drawdown-pct", "0.0001"], in: scratch.path)
        #expect(none.status == 0 && none.stdout.contains("No result passes the filters."), "\(none.stdout)")
        #expect(try Self.csvRows(scratch, "outputs/tuning/agg/leaderboard.csv").count == 1)
        let empty = try scratch.json("outputs/tuning/agg/summary.json")
        #expect(empty["best_config"] is NSNull && (empty["top"] as? [Any])?.isEmpty == true)
    }

    /// A result record, hand-written (docs/tuning.md's format).
    static func record(_ ordinal: Int, sharpe: Double, status: String = "ok", plan: String = String(repeating: "c", count: 40)) -> String {
        let id = String(format: "h_%04d", ordinal)
        let summary: [String: Any] = [
            "total_return": 0.25, "sharpe_simple": sharpe, "max_drawdown": -0.1, "trades": 12, "win_rate": 0.5, "days": 365,
        ]
        let object: [String: Any] = [
            "schema_version": "1.0", "record_type": "quantlab.tune.job_result", "job_id": id, "ordinal": ordinal, "plan_id": plan,
            "session": "h", "status": status,
            "config": ["ticker": "SYN-ETH", "strategy": "sma_cross", "params": ["fast": 10 + ordinal, "slow": 50]],
            "summary": status == "ok" ? summary : NSNull(), "metrics": status == "ok" ? summary : NSNull(),
            "error": status == "ok" ? NSNull() : ["type": "TimeoutError", "message": "stopped after 300 s"],
            "timing": NSNull(), "tool_version": "0.1.0",
        ]
        return String(decoding: try! JSONSerialization.data(withJSONObject: object, options: [.sortedKeys]), as: UTF8.self)
    }

    @Test func equalResultsRankByOrdinalAndUnreadableFilesAreNamed() throws {
        let scratch = try Scratch()
        let folder = "tuning/h/results/"
        _ = try scratch.file(folder + "h_0007.json", Self.record(7, sharpe: 1.5))
        _ = try scratch.file(folder + "h_0003.json", Self.record(3, sharpe: 1.5))
        _ = try scratch.file(folder + "a_first.json", Self.record(5, sharpe: 1.5))
        _ = try scratch.file(folder + "h_0001.json", Self.record(1, sharpe: 0.5))
        _ = try scratch.file(folder + "h_0002.json", Self.record(2, sharpe: 9, status: "timeout"))
        _ = try scratch.file(folder + "torn.json", "{\"job_id\": ")
        _ = try scratch.file(folder + "other.json", "{\"record_type\": \"run\"}")
        _ = try scratch.file(folder + ".h_0009.json.tmp-1-2", "{")
        let aggregate = try QSHProcess.run(["tune", "aggregate", "--results-dir", folder], in: scratch.path)
        #expect(aggregate.status == 0, "stderr: \(aggregate.stderr)")
        let rows = try Self.csvRows(scratch, "tuning/h/leaderboard.csv")
        #expect(rows.dropFirst().map { $0[1] } == ["h_0003", "h_0005", "h_0007", "h_0001"])
        #expect(aggregate.stdout.contains("5 results: 4 ok, 0 failed, 1 timeout, 2 unreadable"), "\(aggregate.stdout)")
        #expect(aggregate.stdout.contains("Unreadable torn.json: not JSON ("))
        #expect(aggregate.stdout.contains("Unreadable other.json: not a tune result record (record_type \"run\")"))
        #expect(aggregate.stdout.contains("Job h_0002 timeout: stopped after 300 s"))
        let summary = try scratch.json("tuning/h/summary.json")
        #expect((summary["unreadable"] as? [[String: Any]] ?? []).map { $0["file"] as? String ?? "" } == ["other.json", "torn.json"])
        #expect((summary["timeout"] as? [[String: Any]] ?? []).map { $0["job_id"] as? String ?? "" } == ["h_0002"])
        #expect((summary["counts"] as? [String: Any])?["unreadable"] as? Int == 2)
        #expect(summary["best_job_id"] as? String == "h_0003")
    }

    @Test func badFlagsAndFoldersAreExitTwo() throws {
        let scratch = try Scratch()
        _ = try scratch.file("r/h_0001.json", Self.record(1, sharpe: 1))
        func failure(_ arguments: [String]) throws -> String {
            let result = try QSHProcess.run(["tune", "aggregate"] + arguments, in: scratch.path)
            #expect(result.status == 2, "\(arguments): \(result.stdout)")
            return result.stderr
        }
        #expect(try failure(["--results-dir", "nope"]).contains("error: --results-dir: 'nope' is not a folder that can be read"))
        _ = try scratch.file("empty/notes.txt", "")
        #expect(try failure(["--results-dir", "empty"]).contains("--results-dir: 'empty' holds no result file (*.json)"))
        _ = try scratch.file("bad/x.json", "[]")
        #expect(try failure(["--results-dir", "bad"]).contains("holds no readable result (1 unreadable: x.json: not a JSON object)"))
        #expect(try failure(["--results-dir", "r", "--sort-by", "sharpe"]).contains("--sort-by: unknown key 'sharpe' (valid: "))
        #expect(try failure(["--results-dir", "r", "--max-results", "0"]).contains("--max-results: 0 must be at least 1"))
        #expect(try failure(["--results-dir", "r", "--max-drawdown-pct", "-1"]).contains("--max-drawdown-pct: -1"))
        #expect(try failure(["--results-dir", "r", "--min-trades", "-1"]).contains("--min-trades: -1 must be 0 or more"))
        _ = try scratch.file("r/h_0002.json", Self.record(2, sharpe: 1, plan: String(repeating: "d", count: 40)))
        let mixed = try failure(["--results-dir", "r"])
        #expect(mixed.contains("--results-dir: 'r' holds results of 2 plans (plan_id \(String(repeating: "c", count: 40)), \(String(repeating: "d", count: 40)))"), "\(mixed)")
        #expect(!FileManager.default.fileExists(atPath: scratch.path + "/summary.json"))
    }
}
