import Foundation
import Testing

/// `qsh runs list|show|best` and the QuantLab spellings `--runs-list` etc.
struct RunsInspectionEndToEndTests {
    /// Three runs with different parameters in one artifact root.
    static func populated() throws -> Scratch {
        let scratch = try Scratch()
        for buyMax in ["50", "60", "70"] {
            let result = try QSHProcess.run(
                ["run", "--ticker", "SYN-ETH", "--start", "2021-01-01", "--end", "2024-01-01", "--param", "rsi_buy_max=\(buyMax)"],
                in: scratch.path)
            #expect(result.status == 0, "stderr: \(result.stderr)")
        }
        return scratch
    }

    static func jsonArray(_ text: String) throws -> [[String: Any]] {
        try JSONSerialization.jsonObject(with: Data(text.utf8)) as? [[String: Any]] ?? []
    }

    @Test func listShowAndBest() throws {
        let scratch = try Self.populated()
        let runs = scratch.runDirectories()
        try #require(runs.count == 3)

        let list = try QSHProcess.run(["runs", "list", "--json"], in: scratch.path)
        #expect(list.status == 0, "stderr: \(list.stderr)")
        #expect(try Self.jsonArray(list.stdout).compactMap { $0["run_id"] as? String }.sorted() == runs)

        let table = try QSHProcess.run(["runs", "list"], in: scratch.path)
        #expect(table.status == 0)
        for run in runs { #expect(table.stdout.contains(run)) }

        let show = try QSHProcess.run(["runs", "show", runs[1], "--json"], in: scratch.path)
        #expect(show.status == 0, "stderr: \(show.stderr)")
        let detail = try JSONSerialization.jsonObject(with: Data(show.stdout.utf8)) as? [String: Any]
        #expect(detail?["run_id"] as? String == runs[1])

        // The best run by total return, checked against every run's metrics.json.
        var returns: [String: Double] = [:]
        for run in runs {
            let metrics = try scratch.json("outputs/runs/\(run)/metrics.json")["metrics"] as? [String: Any]
            returns[run] = metrics?["total_return"] as? Double
        }
        let expectedBest = returns.max { $0.value < $1.value }!.key
        let best = try QSHProcess.run(["runs", "best", "--metric", "total_return", "--json"], in: scratch.path)
        #expect(best.status == 0, "stderr: \(best.stderr)")
        #expect(try Self.jsonArray(best.stdout).first?["run_id"] as? String == expectedBest)

        let legacy = try QSHProcess.run(["--runs-best", "outputs/runs", "--metric", "total_return", "--json"], in: scratch.path)
        #expect(legacy.status == 0, "stderr: \(legacy.stderr)")
        #expect(legacy.stdout == best.stdout)

        let legacyList = try QSHProcess.run(["--runs-list", "outputs/runs"], in: scratch.path)
        #expect(legacyList.status == 0)
        #expect(legacyList.stdout == table.stdout)

        let legacyShow = try QSHProcess.run(["--runs-show", "outputs/runs/\(runs[0])"], in: scratch.path)
        #expect(legacyShow.status == 0, "stderr: \(legacyShow.stderr)")
        #expect(legacyShow.stdout.contains(runs[0]))
    }

    @Test func errorsNameTheProblem() throws {
        let scratch = try Scratch()
        let missing = try QSHProcess.run(["runs", "list", "nowhere"], in: scratch.path)
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("nowhere"))

        let populated = try Self.populated()
        let unknownRun = try QSHProcess.run(["runs", "show", "19990101_000000_run_deadbee"], in: populated.path)
        #expect(unknownRun.status == 2)
        #expect(unknownRun.stderr.contains("19990101_000000_run_deadbee"))

        let unknownMetric = try QSHProcess.run(["runs", "best", "--metric", "luck"], in: populated.path)
        #expect(unknownMetric.status == 2)
        #expect(unknownMetric.stderr.contains("luck"))
        #expect(unknownMetric.stderr.contains("sharpe_simple"))
    }
}
