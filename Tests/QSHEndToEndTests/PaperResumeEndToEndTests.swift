import Foundation
import Testing

/// `run --paper --resume SESSION_DIR`: an aborted or killed session continues from where it
/// stopped, with no fill lost or repeated; its results equal an uninterrupted session's.
struct PaperResumeEndToEndTests {
    static let window = ["--ticker", "SYN-ETH", "--start", "2023-01-01", "--end", "2023-12-01"]

    /// metrics.json without the lines that hold times of the run itself.
    static func comparable(_ text: String) -> String {
        text.split(separator: "\n").filter { !$0.contains("_at\"") && !$0.contains("duration") }.joined(separator: "\n")
    }

    static func uninterrupted(_ scratch: Scratch, _ arguments: [String]) throws -> String {
        let result = try QSHProcess.run(["run"] + arguments + ["--paper", "--outdir", "reference"], in: scratch.path)
        #expect(result.status == 0, "stderr: \(result.stderr)")
        let id = try #require(PaperSessionEndToEndTests.sessions(scratch, root: "reference").first)
        return "reference/paper_sessions/\(id)"
    }

    static func expectSameResults(_ scratch: Scratch, _ resumed: String, _ reference: String) throws {
        #expect(try scratch.read(resumed + "/trades.csv") == scratch.read(reference + "/trades.csv"))
        #expect(Self.comparable(try scratch.read(resumed + "/metrics.json")) == Self.comparable(try scratch.read(reference + "/metrics.json")))
        let status = try scratch.json(resumed + "/session_status.json")
        #expect(status["status"] as? String == "success" && status["resumed_at"] is String)
    }

    @Test func anAbortedPacedSessionResumesToTheSameResults() throws {
        let scratch = try Scratch()
        let running = try RunningQSH(["run"] + Self.window + ["--paper", "--pace", "15ms"], in: scratch.path)
        let folder = try waitForBars(scratch, atLeast: 60)
        kill(running.pid, SIGINT)
        #expect(running.finish(timeout: 10).status == 130)
        let aborted = try scratch.json(folder + "/session_status.json")
        #expect(aborted["status"] as? String == "aborted")
        let resumed = try QSHProcess.run(["run", "--paper", "--resume", folder], in: scratch.path)
        #expect(resumed.status == 0, "stderr: \(resumed.stderr)")
        try Self.expectSameResults(scratch, folder, try Self.uninterrupted(scratch, Self.window))
        #expect(PaperSessionEndToEndTests.sessions(scratch).count == 1, "resuming makes no new session")

        let again = try QSHProcess.run(["run", "--paper", "--resume", folder], in: scratch.path)
        #expect(again.status == 2 && again.stderr.contains("already ended (status success)"), "\(again.stderr)")
    }

    @Test func aKilledFollowedSessionResumesToTheSameResults() throws {
        let scratch = try Scratch()
        let rows = (0..<150).map(PaperFollowEndToEndTests.row).joined()
        _ = try scratch.file("X.csv", "timestamp,open,high,low,close,volume\n" + rows)
        let flags = ["--ticker", "X", "--data", "X.csv", "--end", "2022-06-10"]
        let running = try RunningQSH(["run"] + flags + ["--paper", "--follow"], in: scratch.path)
        _ = PaperFollowEndToEndTests.waitFor(scratch, { $0["waiting_for_data"] as? Bool == true })
        try PaperFollowEndToEndTests.append((150...153).map(PaperFollowEndToEndTests.row).joined(), to: scratch)
        _ = PaperFollowEndToEndTests.waitFor(scratch, { ($0["last_bar_at"] as? String) == "2022-06-03" })
        kill(running.pid, SIGKILL)
        _ = running.finish(timeout: 10)
        let id = try #require(PaperSessionEndToEndTests.sessions(scratch).first)
        let folder = "outputs/paper_sessions/\(id)"
        #expect(try scratch.json(folder + "/session_status.json")["status"] as? String == "running")
        // More bars arrive while nothing runs; the resumed session trades them and the rest.
        try PaperFollowEndToEndTests.append((154...157).map(PaperFollowEndToEndTests.row).joined(), to: scratch)
        let resumed = try RunningQSH(["run", "--paper", "--follow", "--resume", folder], in: scratch.path)
        _ = PaperFollowEndToEndTests.waitFor(scratch, { ($0["last_bar_at"] as? String) == "2022-06-07" })
        try PaperFollowEndToEndTests.append((158...160).map(PaperFollowEndToEndTests.row).joined(), to: scratch)
        let result = resumed.finish(timeout: 30)
        #expect(result.status == 0, "stderr: \(result.stderr)")
        try Self.expectSameResults(scratch, folder, try Self.uninterrupted(scratch, flags))
    }

    @Test func aTradesFileWhoseFillIdsDisagreeIsNotResumed() throws {
        let scratch = try Scratch()
        let running = try RunningQSH(["run"] + Self.window + ["--paper", "--pace", "15ms"], in: scratch.path)
        let folder = try waitForBars(scratch, atLeast: 80)
        kill(running.pid, SIGTERM)
        #expect(running.finish(timeout: 10).status == 143)
        var rows = try scratch.read(folder + "/trades.csv").split(separator: "\n").map(String.init)
        try #require(rows.count >= 3, "the window makes fills before bar 80")
        rows.removeLast()  // one fill lost by hand: the last row's id no longer counts the rows
        rows[rows.count - 1] = rows[rows.count - 1].split(separator: ",").dropLast().joined(separator: ",") + ",99"
        _ = try scratch.file(folder + "/trades.csv", rows.joined(separator: "\n") + "\n")
        let resumed = try QSHProcess.run(["run", "--paper", "--resume", folder], in: scratch.path)
        #expect(resumed.status == 2, "stderr: \(resumed.stderr)")
        #expect(resumed.stderr.contains("trades.csv' is inconsistent: its last row has fill_id 99 but it holds"), "\(resumed.stderr)")
        #expect(try scratch.json(folder + "/session_status.json")["status"] as? String == "aborted", "a refused resume changes nothing")
    }

    @Test func resumeTakesNoConfiguration() throws {
        let scratch = try Scratch()
        let withTicker = try QSHProcess.run(["run", "--paper", "--resume", "x", "--ticker", "SYN-ETH"], in: scratch.path)
        #expect(withTicker.status == 2 && withTicker.stderr.contains("--ticker: a resumed session keeps its own configuration"))
        let missing = try QSHProcess.run(["run", "--paper", "--resume", "nowhere"], in: scratch.path)
        #expect(missing.status == 2 && missing.stderr.contains("cannot be read: is it a paper session folder?"), "\(missing.stderr)")
        let noPaper = try QSHProcess.run(["run", "--resume", "nowhere"], in: scratch.path)
        #expect(noPaper.status == 2 && noPaper.stderr.contains("--resume: only paper sessions take it"), "\(noPaper.stderr)")
    }

    /// The session folder once its heartbeat shows `count` bars processed.
    func waitForBars(_ scratch: Scratch, atLeast count: Int) throws -> String {
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline {
            if let id = PaperSessionEndToEndTests.sessions(scratch).first,
               let status = try? scratch.json("outputs/paper_sessions/\(id)/session_status.json"),
               (status["bars_processed"] as? Int ?? 0) >= count {
                return "outputs/paper_sessions/\(id)"
            }
            usleep(20_000)
        }
        throw CancellationError()
    }
}
