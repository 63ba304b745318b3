import Foundation
import QSHCore
import Testing

/// Bar times are shown for what they are: daily bars stamped with an offset are not at UTC
/// midnight, so they get their UTC date-time instead of a UTC date one day early; daily bars
/// at UTC midnight keep plain dates (the reference's form, byte for byte).
struct BarTimesEndToEndTests {
    /// 150 daily bars from 2022-01-03, each stamped `T00:00:00<zone>`.
    static func dailyFile(zone: String, in scratch: Scratch) throws -> String {
        let first = Timestamp.parse("2022-01-03")!
        var csv = "date,open,high,low,close,volume\n"
        for day in 0..<150 {
            let close = 100 + 10 * sin(Double(day) / 5)
            let date = Timestamp.formatDate(first + Int64(day) * Timestamp.millisPerDay)
            csv += "\(date)T00:00:00\(zone),\(close),\(close + 1),\(close - 1),\(close),1000\n"
        }
        return try scratch.file("bars.csv", csv)
    }

    @Test func dailyBarsWithAnOffsetShowTheirTime() throws {
        let scratch = try Scratch()
        let file = try Self.dailyFile(zone: "+05:00", in: scratch)
        let result = try QSHProcess.run(["run", "--ticker", "OFF", "--data", file, "--report", "--quiet"], in: scratch.path)
        #expect(result.status == 0, "stderr: \(result.stderr)")
        // 2022-01-03T00:00:00+05:00 is 2022-01-02T19:00:00Z; the 100th bar is 2022-04-12 local.
        #expect(result.stdout.contains("  1d  2022-04-11T19:00:00Z .. 2022-05-31T19:00:00Z  (51 bars)\n"
            + "warm-up: 99 bars from 2022-01-02T19:00:00Z"), "stdout: \(result.stdout)")
        let run = try #require(scratch.runDirectories().first)
        let equity = try scratch.read("outputs/runs/\(run)/equity.csv").split(separator: "\n")
        #expect(equity.dropFirst().first?.hasPrefix("2022-04-11T19:00:00Z,") == true)
        #expect(equity.last?.hasPrefix("2022-05-31T19:00:00Z,") == true)
        let trades = try scratch.read("outputs/runs/\(run)/trades.csv").split(separator: "\n").dropFirst()
        #expect(!trades.isEmpty && trades.allSatisfy { $0.range(of: #"^2022-\d\d-\d\dT19:00:00Z,"#, options: .regularExpression) != nil })
        let metadata = try scratch.json("outputs/runs/\(run)/metadata.json")
        #expect(metadata["frame_start"] as? String == "2022-04-11T19:00:00Z")
        let header = try #require(try scratch.json("outputs/runs/\(run)/report.json")["header"] as? [String: Any])
        #expect(header["frame_end"] as? String == "2022-05-31T19:00:00Z")
        let report = try scratch.read("outputs/runs/\(run)/run_report.md")
        #expect(report.contains(" · 2022-04-11T19:00:00Z to 2022-05-31T19:00:00Z · "))
        let json = try QSHProcess.run(["run", "--ticker", "OFF", "--data", file, "--json", "--quiet"], in: scratch.path)
        let object = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [String: Any]
        #expect(object?["frame_start"] as? String == "2022-04-11T19:00:00Z")
    }

    @Test func dailyBarsAtUTCMidnightKeepDates() throws {
        let scratch = try Scratch()
        let file = try Self.dailyFile(zone: "Z", in: scratch)
        let result = try QSHProcess.run(["run", "--ticker", "UTC", "--data", file, "--quiet"], in: scratch.path)
        #expect(result.status == 0, "stderr: \(result.stderr)")
        #expect(result.stdout.contains("  1d  2022-04-12 .. 2022-06-01  (51 bars)\nwarm-up: 99 bars from 2022-01-03 "))
        let run = try #require(scratch.runDirectories().first)
        let equity = try scratch.read("outputs/runs/\(run)/equity.csv").split(separator: "\n")
        #expect(equity.dropFirst().first?.hasPrefix("2022-04-12,") == true)
    }

    @Test func aShortWindowOfOffsetBarsSuggestsAnExactStart() throws {
        let scratch = try Scratch()
        let file = try Self.dailyFile(zone: "+05:00", in: scratch)
        let result = try QSHProcess.run(
            ["run", "--ticker", "OFF", "--data", file, "--start", "2022-03-01", "--quiet"], in: scratch.path)
        #expect(result.status == 3)
        #expect(result.stderr.contains(
            "only 92 bars loaded (2022-03-01T19:00:00Z .. 2022-05-31T19:00:00Z)"), "stderr: \(result.stderr)")
        #expect(result.stderr.contains("--start 2022-02-21T19:00:00Z or before loads 100"))
        let retried = try QSHProcess.run(
            ["run", "--ticker", "OFF", "--data", file, "--start", "2022-02-21T19:00:00Z", "--quiet"], in: scratch.path)
        #expect(retried.status == 0, "stderr: \(retried.stderr)")
        #expect(retried.stdout.contains("(1 bar)\nwarm-up: 99 bars from 2022-02-21T19:00:00Z"))
    }
}
