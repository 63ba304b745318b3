import Foundation
import Testing

/// The warm-up is visible: the summary, `--json` and `run_report.md` say how many bars fed the
/// indicators and from when the strategy trades; too short a window says what it loaded, what
/// the strategy needs and which `--start` would do; the shipped example compares like with like.
struct WarmupEndToEndTests {
    static func run(_ extra: [String], in scratch: Scratch) throws -> QSHResult {
        try QSHProcess.run(["run", "--ticker", "SYN-ETH", "--quiet"] + extra, in: scratch.path)
    }

    @Test func summaryStatesTheWarmUpAndTheFirstTradedBar() throws {
        let scratch = try Scratch()
        let result = try Self.run(["--start", "2022-01-01", "--end", "2024-01-01"], in: scratch)
        #expect(result.status == 0, "stderr: \(result.stderr)")
        #expect(result.stdout.contains(
            "  rsi_ma_cross_v2  1d  2022-04-10 .. 2023-12-31  (631 bars)\n"
                + "warm-up: 99 bars from 2022-01-01 (rsi_ma_cross_v2 needs 100 bars for its first signal); "
                + "trades from 2022-04-10\n\n"), "stdout: \(result.stdout)")
    }

    @Test func everyStrategySaysItsOwnWarmUp() throws {
        let scratch = try Scratch()
        let sma = try Self.run(["--strategy", "sma_cross", "--fast", "10", "--slow", "40"], in: scratch)
        #expect(sma.status == 0, "stderr: \(sma.stderr)")
        #expect(sma.stdout.contains(
            "warm-up: 39 bars from 2022-01-01 (sma_cross needs 40 bars for its first signal); trades from 2022-02-09\n"))
        let hold = try Self.run(["--strategy", "buy_and_hold"], in: scratch)
        #expect(hold.status == 0, "stderr: \(hold.stderr)")
        #expect(hold.stdout.contains("2022-01-01 .. 2023-12-31  (730 bars)\n"
            + "warm-up: none (buy_and_hold needs no history); trades from 2022-01-01\n"))
    }

    @Test func exactly100BarsSayThatOneBarIsTraded() throws {
        let scratch = try Scratch()
        let result = try Self.run(["--start", "2022-01-01", "--end", "2022-04-11"], in: scratch)
        #expect(result.status == 0, "stderr: \(result.stderr)")
        #expect(result.stdout.contains("2022-04-10 .. 2022-04-10  (1 bar)\nwarm-up: 99 bars from 2022-01-01"))
    }

    @Test func jsonOutputCarriesTheWindow() throws {
        let scratch = try Scratch()
        let result = try Self.run(["--start", "2022-01-01", "--end", "2024-01-01", "--json"], in: scratch)
        #expect(result.status == 0, "stderr: \(result.stderr)")
        let object = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
        #expect(object["bars_loaded"] as? Int == 730)
        #expect(object["warmup_bars"] as? Int == 99)
        #expect(object["data_start"] as? String == "2022-01-01")
        #expect(object["frame_start"] as? String == "2022-04-10")
        #expect(object["frame_end"] as? String == "2023-12-31")
        #expect((object["summary"] as? [String: Any])?["days"] as? Int == 631)
    }

    @Test func markdownReportStatesTheWarmUp() throws {
        let scratch = try Scratch()
        let result = try Self.run(["--start", "2022-01-01", "--end", "2024-01-01", "--report"], in: scratch)
        #expect(result.status == 0, "stderr: \(result.stderr)")
        let run = try #require(scratch.runDirectories().first)
        let report = try scratch.read("outputs/runs/\(run)/run_report.md")
        #expect(report.contains(
            "730 bars loaded, 631 bars traded; warm-up: 99 bars from 2022-01-01 "
                + "(rsi_ma_cross_v2 needs 100 bars for its first signal); trades from 2022-04-10."))
    }

    @Test func tooShortAWindowSaysWhatItLoadedWhatItNeedsAndWhereToStart() throws {
        let scratch = try Scratch()
        let result = try Self.run(["--start", "2022-01-01", "--end", "2022-03-01"], in: scratch)
        #expect(result.status == 3)
        #expect(result.stderr.contains("only 59 bars loaded (2022-01-01 .. 2022-02-28)"), "stderr: \(result.stderr)")
        #expect(result.stderr.contains("rsi_ma_cross_v2 needs at least 100: 99 of warm-up"))
        #expect(result.stderr.contains("start earlier: --start 2021-11-21 or before loads 100"))
        // The suggestion works: exactly the 100 bars the strategy needs.
        let retried = try Self.run(["--start", "2021-11-21", "--end", "2022-03-01"], in: scratch)
        #expect(retried.status == 0, "stderr: \(retried.stderr)")
        #expect(retried.stdout.contains("(1 bar)\nwarm-up: 99 bars from 2021-11-21"))
        let slow = try Self.run(
            ["--strategy", "sma_cross", "--slow", "300", "--start", "2022-01-01", "--end", "2022-09-01"], in: scratch)
        #expect(slow.status == 3)
        #expect(slow.stderr.contains("only 243 bars loaded"), "stderr: \(slow.stderr)")
        #expect(slow.stderr.contains("sma_cross needs at least 300: 299 of warm-up"))
    }

    @Test func aFileWithoutEarlierBarsSaysSo() throws {
        let scratch = try Scratch()
        // 50 daily bars from 2022-01-01 (Unix seconds).
        let csv = "date,close\n" + (0..<50).map { "\(1_640_995_200 + $0 * 86_400),\(100 + $0)" }.joined(separator: "\n") + "\n"
        let file = try scratch.file("short.csv", csv)
        let result = try QSHProcess.run(
            ["run", "--ticker", "X", "--data", file, "--start", "2022-01-11", "--quiet"], in: scratch.path)
        #expect(result.status == 3)
        #expect(result.stderr.contains("only 40 bars loaded (2022-01-11 .. 2022-02-19)"), "stderr: \(result.stderr)")
        #expect(result.stderr.contains(
            "the data holds only 50 bars before the window's end, so an earlier --start cannot help"))
    }

    @Test func lastRunTradesFromIsTheFirstTradedBar() throws {
        let scratch = try Scratch()
        let result = try QSHProcess.run(
            ["-c", "run --ticker SYN-ETH --quiet --json\necho from=$LAST_RUN_TRADES_FROM"], in: scratch.path)
        #expect(result.status == 0, "stderr: \(result.stderr)")
        #expect(result.stdout.contains("from=2022-04-10\n"))
    }

    /// research-session.qsh: the three strategy runs and the buy-and-hold baseline cover the
    /// same traded bars.
    @Test func researchSessionComparesTheSameBars() throws {
        let scratch = try Scratch()
        let example = QSHProcess.packageRoot.appendingPathComponent("scripts/examples/research-session.qsh").path
        let result = try QSHProcess.run([example, "SYN-ETH", "out"], in: scratch.path)
        #expect(result.status == 0, "stderr: \(result.stderr)")
        let windows = result.stdout.split(separator: "\n").filter { $0.hasSuffix(" bars)") }.map { line in
            line.split(separator: " ", omittingEmptySubsequences: true).suffix(5).joined(separator: " ")
        }
        #expect(windows.count == 4, "stdout: \(result.stdout)")
        #expect(Set(windows) == ["2021-04-10 .. 2023-12-31 (996 bars)"])
    }
}
