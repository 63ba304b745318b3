import Foundation
import Testing

/// `--equity none|daily|full` (JSON `equity`): what `equity.csv` holds, how the run's file
/// lists say so, and that a bad value is a usage error naming the flag.
struct EquityTableEndToEndTests {
    /// Three days and a bit of synthetic minute bars (4,321 frame bars, four UTC days).
    static let minuteRun = [
        "run", "--ticker", "SYN-ETH", "--interval", "1m", "--start", "2023-03-01", "--end", "2023-03-04T03:00",
    ]
    static let fixedClock = ["QSH_FIXED_NOW": "1767225600"]

    /// Runs `arguments` in a fresh scratch folder and returns it with the one run's folder.
    static func run(_ arguments: [String]) throws -> (Scratch, String, QSHResult) {
        let scratch = try Scratch()
        let result = try QSHProcess.run(arguments, in: scratch.path, environment: fixedClock)
        #expect(result.status == 0, "stderr: \(result.stderr)")
        let run = try #require(scratch.runDirectories().first)
        return (scratch, "outputs/runs/\(run)", result)
    }

    static func lines(_ scratch: Scratch, _ file: String) throws -> [Substring] {
        try scratch.read(file).split(separator: "\n", omittingEmptySubsequences: false).dropLast()
    }

    static func artifacts(_ scratch: Scratch, _ run: String) throws -> [String] {
        let report = try scratch.json("\(run)/report.json")
        let contract = try #require(report["machine_contract"] as? [String: Any])
        let listed = try #require(contract["artifacts"] as? [String])
        #expect(Set((report["artifacts"] as? [String: Any] ?? [:]).keys) == Set(listed))
        return listed
    }

    @Test func dailyKeepsTheLastBarOfEachUTCDay() throws {
        let (fullScratch, fullRun, _) = try Self.run(Self.minuteRun + ["--equity", "full"])
        let (scratch, run, result) = try Self.run(Self.minuteRun + ["--equity", "daily"])
        let full = try Self.lines(fullScratch, "\(fullRun)/equity.csv")
        let daily = try Self.lines(scratch, "\(run)/equity.csv")
        #expect(full.count == 4_402, "header + every frame bar")
        // The full table's rows whose next row starts another date (and the very last row).
        var expected = [full[0]]
        for index in 1..<full.count where index == full.count - 1 || full[index].prefix(10) != full[index + 1].prefix(10) {
            expected.append(full[index])
        }
        #expect(daily == expected)
        #expect(daily.count == 5, "header + 4 days: \(daily)")
        #expect(daily.last?.hasPrefix("2023-03-04T02:59:00Z,") == true)
        #expect(try scratch.read("\(run)/trades.csv") == fullScratch.read("\(fullRun)/trades.csv"))
        #expect(try Self.artifacts(scratch, run).contains("equity.csv"))
        #expect(try scratch.json("\(run)/metadata.json")["equity_table"] as? String == "daily")
        #expect(try fullScratch.json("\(fullRun)/metadata.json")["equity_table"] as? String == "full")
        #expect(result.stdout.contains("last bar of each UTC day"))
    }

    @Test func noneWritesNoEquityFileAndListsNone() throws {
        let (fullScratch, fullRun, _) = try Self.run(Self.minuteRun)
        let (scratch, run, result) = try Self.run(Self.minuteRun + ["--equity", "none"])
        #expect(!scratch.list(run).contains("equity.csv"))
        #expect(scratch.list(run) == ["config.json", "metadata.json", "metrics.json", "report.json", "trades.csv"])
        #expect(try !Self.artifacts(scratch, run).contains("equity.csv"))
        #expect(try Self.artifacts(fullScratch, fullRun).contains("equity.csv"))
        let report = try scratch.json("\(run)/report.json")
        #expect((report["header"] as? [String: Any])?["equity_table"] as? String == "none")
        #expect(try scratch.read("\(run)/trades.csv") == fullScratch.read("\(fullRun)/trades.csv"))
        #expect(try scratch.read("\(run)/metrics.json") == fullScratch.read("\(fullRun)/metrics.json"))
        #expect(result.stdout.contains("no equity.csv"))
    }

    @Test func smallRunsWriteEveryBarByDefault() throws {
        let (scratch, run, result) = try Self.run(["run", "--ticker", "SYN-ETH", "--start", "2022-01-01", "--end", "2024-01-01"])
        let metadata = try scratch.json("\(run)/metadata.json")
        #expect(metadata["equity_table"] as? String == "full")
        let days = (metadata["summary"] as? [String: Any])?["days"] as? Int
        #expect(try Self.lines(scratch, "\(run)/equity.csv").count - 1 == days)
        #expect(!result.stdout.contains("equity:"))
    }

    @Test(arguments: [["--equity", "weekly"], ["--equity", "Full"], ["--equity"]])
    func badValuesAreUsageErrors(_ extra: [String]) throws {
        let scratch = try Scratch()
        let result = try QSHProcess.run(Self.minuteRun + extra, in: scratch.path)
        #expect(result.status == 2, "stderr: \(result.stderr)")
        let firstLine = result.stderr.split(separator: "\n").first.map(String.init) ?? ""
        #expect(firstLine.hasPrefix("error: ") && firstLine.contains("--equity"), "\(firstLine)")
        if extra.count == 2 { #expect(firstLine.contains(extra[1]) && firstLine.contains("daily"), "\(firstLine)") }
        #expect(scratch.runDirectories().isEmpty)
    }

    @Test func jsonRequestsTakeTheSameParameter() throws {
        let scratch = try Scratch()
        var params = JSONRequest.smallRun
        params["equity"] = "none"
        let answer = try JSONRequest.send(try JSONRequest.envelope("run", params), in: scratch)
        #expect(answer.status == 0, "\(answer.result.stderr)")
        let run = try #require(scratch.runDirectories().first)
        #expect(!scratch.list("outputs/runs/\(run)").contains("equity.csv"))

        for bad in ["weekly", 5] as [Any] {
            params["equity"] = bad
            let rejected = try JSONRequest.send(try JSONRequest.envelope("run", params), in: scratch)
            #expect(rejected.status == 2)
            #expect(rejected.message.contains("equity"), "\(rejected.message)")
        }
        #expect(scratch.runDirectories().count == 1)
    }
}
