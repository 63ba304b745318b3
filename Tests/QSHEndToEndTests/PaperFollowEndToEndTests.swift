import Foundation
import Testing

/// `run --paper --follow`: a session that trades a file while another program appends to it.
struct PaperFollowEndToEndTests {
    static let day = 86_400

    static func row(_ index: Int) -> String {
        let price = 100.0 + Double(index % 17) - Double(index % 5) * 0.5
        return "\(1_640_995_200 + index * day),\(price),\(price + 1),\(price - 1),\(price),1000\n"
    }

    static func start(_ scratch: Scratch, rows: Int, extra: [String]) throws -> RunningQSH {
        let text = "timestamp,open,high,low,close,volume\n" + (0..<rows).map(row).joined()
        _ = try scratch.file("X.csv", text)
        return try RunningQSH(["run", "--ticker", "X", "--data", "X.csv", "--paper", "--follow"] + extra, in: scratch.path)
    }

    static func append(_ text: String, to scratch: Scratch) throws {
        let handle = try #require(FileHandle(forWritingAtPath: scratch.path + "/X.csv"))
        try handle.seekToEnd()
        try handle.write(contentsOf: Data(text.utf8))
        try handle.close()
    }

    static func status(_ scratch: Scratch) -> [String: Any]? {
        guard let id = PaperSessionEndToEndTests.sessions(scratch).first else { return nil }
        return try? scratch.json("outputs/paper_sessions/\(id)/session_status.json")
    }

    /// Waits until the status says `key` is `value` (or the deadline passes).
    static func waitFor(_ scratch: Scratch, _ check: ([String: Any]) -> Bool, seconds: Double = 30) -> [String: Any]? {
        let deadline = Date().addingTimeInterval(seconds)
        while Date() < deadline {
            if let status = status(scratch), check(status) { return status }
            usleep(20_000)
        }
        return status(scratch)
    }

    @Test func appendedBarsAreTradedAndAHalfLineIsNot() throws {
        let scratch = try Scratch()
        // --end is 2022-06-10: bar 160's day. The session ends when the file reaches it.
        let running = try Self.start(scratch, rows: 150, extra: ["--end", "2022-06-10"])
        let waiting = Self.waitFor(scratch, { $0["waiting_for_data"] as? Bool == true })
        #expect(waiting?["status"] as? String == "running")
        let first = try #require(waiting?["bars_processed"] as? Int)
        #expect(waiting?["last_bar_age_seconds"] is Double)
        try Self.append(Self.row(150) + Self.row(151) + "1654128000,1", to: scratch)
        let grown = Self.waitFor(scratch, { ($0["bars_processed"] as? Int ?? 0) == first + 2 && $0["waiting_for_data"] as? Bool == true })
        #expect(grown?["bars_processed"] as? Int == first + 2, "half a line is no bar: \(grown ?? [:])")
        // A followed bar's fill is on disk before the status counts the bar.
        let id = try #require(PaperSessionEndToEndTests.sessions(scratch).first)
        let rows = try scratch.read("outputs/paper_sessions/\(id)/trades.csv").split(separator: "\n")
        #expect(rows.count - 1 == grown?["fills"] as? Int, "\(rows.count - 1) rows, status \(grown ?? [:])")
        #expect(running.isRunning)
        // The rest of that line, then bars up to the end.
        try Self.append(String(Self.row(152).dropFirst("1654128000,1".count)) + (153...160).map(Self.row).joined(), to: scratch)
        let result = running.finish(timeout: 30)
        #expect(result.status == 0, "stderr: \(result.stderr)")
        let done = Self.status(scratch)
        #expect(done?["status"] as? String == "success" && done?["bars_processed"] as? Int == first + 10)
        #expect(done?["last_bar_at"] as? String == "2022-06-09")
    }

    @Test func aMalformedAppendedLineFailsTheSessionNamingIt() throws {
        let scratch = try Scratch()
        let running = try Self.start(scratch, rows: 150, extra: [])
        _ = Self.waitFor(scratch, { $0["waiting_for_data"] as? Bool == true })
        try Self.append(Self.row(150) + "1654041600,abc,1,1,1,1\n", to: scratch)
        let result = running.finish(timeout: 30)
        #expect(result.status == 3, "stderr: \(result.stderr)")
        #expect(result.stderr.contains("X.csv:153:"), "\(result.stderr)")
        let status = Self.status(scratch)
        #expect(status?["status"] as? String == "failed" && status?["status_reason"] as? String == "exception")
        #expect(status?["error_type"] as? String == "DataError")
        #expect((status?["message"] as? String)?.contains("X.csv:153:") == true)
        let id = try #require(PaperSessionEndToEndTests.sessions(scratch).first)
        #expect(try scratch.json("outputs/paper_sessions/\(id)/report.json")["status"] as? String == "failed")
    }

    @Test func idleTimeoutFailsAQuietFeed() throws {
        let scratch = try Scratch()
        let running = try Self.start(scratch, rows: 150, extra: ["--idle-timeout", "1s"])
        let result = running.finish(timeout: 30)
        #expect(result.status == 3)
        #expect(result.stderr.contains("no new bar for 1.0 s (--idle-timeout)"), "\(result.stderr)")
        #expect(Self.status(scratch)?["status"] as? String == "failed")
    }

    @Test func aKilledSessionStaysRunningWithAFrozenHeartbeat() throws {
        let scratch = try Scratch()
        let running = try Self.start(scratch, rows: 150, extra: [])
        let before = Self.waitFor(scratch, { $0["waiting_for_data"] as? Bool == true })
        #expect(before?["status"] as? String == "running")
        // Alive, the heartbeat moves while the session waits (a beat a second, stamped in seconds).
        let first = Self.status(scratch)?["updated_at"] as? String
        usleep(1_500_000)
        #expect(Self.status(scratch)?["updated_at"] as? String != first, "the waiting loop beats")
        kill(running.pid, SIGKILL)
        _ = running.finish(timeout: 10)
        let dead = Self.status(scratch)
        usleep(1_500_000)
        let later = Self.status(scratch)
        #expect(later?["status"] as? String == "running" && later?["terminal"] as? Bool == false)
        #expect(later?["updated_at"] as? String == dead?["updated_at"] as? String, "nothing beats for a dead process")
    }

    @Test func followNeedsAFileAndPaper() throws {
        let scratch = try Scratch()
        let synthetic = try QSHProcess.run(["run", "--ticker", "SYN-ETH", "--paper", "--follow"], in: scratch.path)
        #expect(synthetic.status == 2 && synthetic.stderr.contains("--follow: a followed session needs a data file"))
        let noPaper = try QSHProcess.run(["run", "--ticker", "SYN-ETH", "--follow"], in: scratch.path)
        #expect(noPaper.status == 2 && noPaper.stderr.contains("--follow: only paper sessions take it (add --paper)"))
        let idle = try QSHProcess.run(["run", "--ticker", "SYN-ETH", "--paper", "--idle-timeout", "1s"], in: scratch.path)
        #expect(idle.status == 2 && idle.stderr.contains("--idle-timeout: only followed sessions wait"), "\(idle.stderr)")
        #expect(PaperSessionEndToEndTests.sessions(scratch).isEmpty)
    }
}
