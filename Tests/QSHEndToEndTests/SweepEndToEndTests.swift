import Foundation
import Testing

/// `sweep --config F` (the reference's grid) on argv and as a JSON request: the grid folder's
/// files, metrics equal to direct runs, the documented leaderboard order (the same as `tune
/// session`'s), failed experiments, and bad configs.
struct SweepEndToEndTests {
    static let gridFile = QSHProcess.packageRoot.appendingPathComponent("configs/experiments/eth_2023_grid.yaml").path

    /// The shipped grid with its data folder made absolute (it is relative to the package root).
    static func grid(_ scratch: Scratch) throws -> String {
        let shipped = try String(contentsOfFile: gridFile, encoding: .utf8)
        return try scratch.file("grid.yaml", shipped.replacingOccurrences(of: "../shared/data/real", with: QSHProcess.realDataDirectory))
    }

    /// A CSV file of numbers and words (no quoting) as rows of named cells.
    static func csv(_ scratch: Scratch, _ relative: String) throws -> [[String: String]] {
        let lines = try scratch.read(relative).split(separator: "\n").map { $0.split(separator: ",", omittingEmptySubsequences: false).map(String.init) }
        let header = try #require(lines.first)
        return lines.dropFirst().map { Dictionary(uniqueKeysWithValues: zip(header, $0)) }
    }

    /// The text of number `key` in the `summary` object of a run's `--json` output.
    static func summaryNumber(_ json: String, _ key: String) -> String? {
        guard let summary = json.range(of: "\"summary\"") else { return nil }
        let rest = json[summary.upperBound...]
        guard let match = rest.range(of: "\"\(key)\"\\s*:\\s*[-0-9.eE+]+", options: .regularExpression) else { return nil }
        return String(rest[match].split(separator: ":").last!).trimmingCharacters(in: .whitespaces)
    }

    /// The one grid folder under `parent`.
    static func gridFolder(_ scratch: Scratch, _ parent: String) throws -> String {
        let folders = scratch.list(parent).filter { $0.contains("_grid_") }
        try #require(folders.count == 1, "grid folders in \(parent): \(folders)")
        return parent + "/" + folders[0]
    }

    /// The documented rule: sharpe_simple descending, then total_return descending, then grid order.
    static func expectedOrder(_ experiments: [[String: String]]) -> [String] {
        experiments.sorted { a, b in
            let (sa, sb) = (Double(a["sharpe_simple"]!)!, Double(b["sharpe_simple"]!)!)
            if sa != sb { return sa > sb }
            let (ta, tb) = (Double(a["total_return"]!)!, Double(b["total_return"]!)!)
            if ta != tb { return ta > tb }
            return Int(a["experiment"]!)! < Int(b["experiment"]!)!
        }.map { $0["experiment"]! }
    }

    @Test(.enabled(if: QSHProcess.hasRealData, "../shared/data/real is absent: the reference grid reads ETH-USD"))
    func theReferenceGridEqualsDirectRunsAndRanksByTheDocumentedRule() throws {
        let scratch = try Scratch()
        let sweep = try QSHProcess.run(["sweep", "--config", try Self.grid(scratch)], in: scratch.path)
        #expect(sweep.status == 0, "stderr: \(sweep.stderr)")
        #expect(sweep.stdout.contains("27 experiments") && sweep.stdout.contains("grid folder: outputs/runs/"), "\(sweep.stdout)")
        let folder = try Self.gridFolder(scratch, "outputs/runs")
        #expect(Set(scratch.list(folder)) == [
            "experiments.csv", "leaderboard.csv", "best_config.json", "metadata.json", "config.json", "metrics.json",
            "report.json", "run_report.md",
        ])
        // Grid order: parameter names sorted (cooldown_days, rsi_buy_max, rsi_sell_min), the last varying fastest.
        let experiments = try Self.csv(scratch, folder + "/experiments.csv")
        var combinations: [(Int, Int, Int)] = []
        for cooldown in [0, 2, 5] { for buy in [55, 60, 65] { for sell in [70, 75, 80] { combinations.append((cooldown, buy, sell)) } } }
        #expect(experiments.count == 27)
        for (index, (cooldown, buy, sell)) in combinations.enumerated() {
            let row = experiments[index]
            #expect(row["experiment"] == "\(index)" && row["status"] == "ok")
            #expect(Int(row["cooldown_days"]!) == cooldown && Double(row["rsi_buy_max"]!) == Double(buy)
                && Double(row["rsi_sell_min"]!) == Double(sell), "row \(index): \(row)")
            let direct = try QSHProcess.run(
                ["run", "--ticker", "ETH-USD", "--data-dir", QSHProcess.realDataDirectory, "--start", "2023-01-01", "--end",
                 "2024-01-01", "--fee", "0.002", "--slippage-bps", "8", "--slippage-mode", "fixed", "--param",
                 "rsi_buy_max=\(buy)", "--param", "rsi_sell_min=\(sell)", "--param", "cooldown_days=\(cooldown)", "--json",
                 "--outdir", "direct"], in: scratch.path)
            // Compared as text: both are shortest round-trip decimals, and Foundation's JSON
            // parser on Linux can be an ulp off.
            for key in ["sharpe_simple", "total_return", "max_drawdown", "win_rate", "trades", "days"] {
                #expect(row[key] == Self.summaryNumber(direct.stdout, key), "experiment \(index) \(key): \(row[key]!) vs \(direct.stdout)")
            }
        }
        let leaderboard = try Self.csv(scratch, folder + "/leaderboard.csv")
        #expect(leaderboard.map { $0["experiment"]! } == Self.expectedOrder(experiments))
        #expect(leaderboard.map { $0["rank"]! } == (1...27).map(String.init))
        // This grid has exact ties on both keys: they keep grid order.
        let tied = Dictionary(grouping: experiments) { "\($0["sharpe_simple"]!)|\($0["total_return"]!)" }.values.filter { $0.count > 1 }
        #expect(!tied.isEmpty)
        let best = try scratch.json(folder + "/best_config.json")
        let params = try #require(best["params"] as? [String: Any])
        #expect(params["cooldown_days"] as? Int == Int(leaderboard[0]["cooldown_days"]!))
        #expect(params["rsi_buy_max"] as? Double == Double(leaderboard[0]["rsi_buy_max"]!))
        let report = try scratch.json(folder + "/report.json")
        let contract = try #require(report["machine_contract"] as? [String: Any])
        #expect(contract["contract_type"] as? String == "quantlab.sweep.result" && contract["mode"] as? String == "sweep")
        #expect((contract["summary"] as? [String: Any])?["sharpe_simple"] as? Double == Double(leaderboard[0]["sharpe_simple"]!))
        let metadata = try scratch.json(folder + "/metadata.json")
        #expect((metadata["run_id"] as? String).map { folder.hasSuffix($0) } == true && metadata["mode"] as? String == "sweep")
        #expect(try scratch.json(folder + "/metrics.json")["leaderboard_size"] as? Int == 27)
        // The runs index lists the grid folder.
        let index = try scratch.read("outputs/runs/runs_index.csv")
        #expect(index.contains(",sweep,") && index.contains((folder as NSString).lastPathComponent), "\(index)")
        #expect(try scratch.read(folder + "/run_report.md").hasPrefix("# Sweep "))
    }

    @Test(.enabled(if: QSHProcess.hasRealData, "../shared/data/real is absent: the reference grid reads ETH-USD"))
    func aJSONSweepAndATuneSessionRankTheGridInTheSameOrder() throws {
        let scratch = try Scratch()
        let grid = try Self.grid(scratch)
        let argv = try QSHProcess.run(["sweep", "--config", grid, "--out-dir", "argv"], in: scratch.path)
        #expect(argv.status == 0, "stderr: \(argv.stderr)")
        let answer = try JSONRequest.send(
            try JSONRequest.envelope("sweep", ["config_path": grid, "sweep_outdir": "machine"]), in: scratch)
        #expect(answer.status == 0, "\(answer.result.stdout) \(answer.result.stderr)")
        let folder = try Self.gridFolder(scratch, "machine")
        #expect(answer.response["artifacts_path"] as? String == scratch.path + "/" + folder)
        #expect((answer.response["report_path"] as? String)?.hasSuffix("/report.json") == true)
        #expect((answer.response["runs_index_csv"] as? String) == scratch.path + "/machine/runs_index.csv")
        let summary = try #require(answer.response["summary"] as? [String: Any])
        #expect(summary["experiments"] as? Int == 27 && summary["best_params"] is [String: Any])
        #expect(answer.events.first == "SESSION_STARTED" && answer.events.last == "SESSION_COMPLETED")
        #expect(try scratch.read(folder + "/leaderboard.csv") == scratch.read(try Self.gridFolder(scratch, "argv") + "/leaderboard.csv"))
        // tune session over the same file: job ordinal = experiment, the same order (no filter).
        let session = try QSHProcess.run(
            ["tune", "session", "--session-file", grid, "--max-drawdown-pct", "100", "--max-results", "27"], in: scratch.path)
        #expect(session.status == 0, "stderr: \(session.stderr)")
        let tuned = try Self.csv(scratch, "outputs/tuning/eth_2023_grid/leaderboard.csv")
        let swept = try Self.csv(scratch, folder + "/leaderboard.csv")
        #expect(tuned.map { Int($0["job_id"]!.split(separator: "_").last!)! } == swept.map { Int($0["experiment"]!)! })
        #expect(tuned.map { $0["sharpe_simple"]! } == swept.map { $0["sharpe_simple"]! })
    }

    @Test func anExperimentWhoseWindowIsTooShortIsRecordedAsFailedAndTheOthersRank() throws {
        let scratch = try Scratch()
        _ = try scratch.file("short.yaml", """
            session: short
            base: {ticker: SYN-ETH, start: 2023-01-01, end: 2023-06-01, strategy: sma_cross}
            space: {fast: [5, 10], slow: [20, 400]}
            """)
        let sweep = try QSHProcess.run(["sweep", "--config", "short.yaml", "--json"], in: scratch.path)
        #expect(sweep.status == 0, "stderr: \(sweep.stderr)")
        let folder = try Self.gridFolder(scratch, "outputs/runs")
        let experiments = try Self.csv(scratch, folder + "/experiments.csv")
        #expect(experiments.map { $0["status"]! } == ["ok", "failed", "ok", "failed"], "\(experiments)")
        #expect(experiments[1]["error"]?.isEmpty == false && experiments[1]["sharpe_simple"] == "")
        #expect(try Self.csv(scratch, folder + "/leaderboard.csv").count == 2)
        let response = try #require(try JSONSerialization.jsonObject(with: Data(sweep.stdout.utf8)) as? [String: Any])
        #expect((response["summary"] as? [String: Any])?["failed"] as? Int == 2)
    }

    @Test func badConfigsAreExitTwoAndWriteNothing() throws {
        let scratch = try Scratch()
        _ = try scratch.file("two.yaml", "session: two\nbase: {tickers: [SYN-A, SYN-B], strategy: sma_cross}\nspace: {fast: [5, 10]}\n")
        _ = try scratch.file("typo.yaml", "session: typo\nbase: {ticker: SYN-A, strategy: sma_cross}\nspace: {fast: [5]}\nspaec: 1\n")
        for (file, expected) in [("two.yaml", "one ticker"), ("typo.yaml", "typo.yaml:4"), ("missing.yaml", "--config: cannot read")] {
            let result = try QSHProcess.run(["sweep", "--config", file], in: scratch.path)
            #expect(result.status == 2 && result.stderr.contains(expected), "\(file): \(result.stderr)")
        }
        let machine = try JSONRequest.send(try JSONRequest.envelope("sweep", ["sweep_outdir": "x"]), in: scratch)
        #expect(machine.status == 2 && machine.events.isEmpty)
        #expect(!scratch.list(".").contains("outputs") && !scratch.list(".").contains("x"))
    }
}
