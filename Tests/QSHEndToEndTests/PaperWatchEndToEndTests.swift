import Foundation
import Testing

/// `paper watch SESSION`: off a terminal, one JSON line per status change of a live session,
/// ending with its terminal status; as a JSON request, the changes go to the signal file.
struct PaperWatchEndToEndTests {
    static let paced = ["run", "--ticker", "SYN-ETH", "--start", "2023-01-01", "--end", "2023-07-01", "--paper", "--pace", "30ms"]

    /// A paced session started in the background, once its folder exists.
    static func startSession(_ scratch: Scratch, pace: String = "30ms") throws -> (RunningQSH, String) {
        let running = try RunningQSH(Array(paced.dropLast()) + [pace], in: scratch.path)
        let deadline = Date().addingTimeInterval(30)
        while Date() < deadline {
            if let id = PaperSessionEndToEndTests.sessions(scratch).first { return (running, id) }
            usleep(10_000)
        }
        throw CancellationError()
    }

    static func records(_ stdout: String) throws -> [[String: Any]] {
        try stdout.split(separator: "\n").map { line in
            try #require(try JSONSerialization.jsonObject(with: Data(line.utf8)) as? [String: Any], "not JSON: \(line)")
        }
    }

    @Test func offATerminalEveryChangeIsOneJSONLineUntilTheSessionEnds() throws {
        let scratch = try Scratch()
        let (session, id) = try Self.startSession(scratch)
        let watch = try QSHProcess.run(["paper", "watch", id, "--interval", "100ms"], in: scratch.path)
        #expect(watch.status == 0, "stderr: \(watch.stderr)")
        #expect(session.finish(timeout: 30).status == 0)
        let records = try Self.records(watch.stdout)
        #expect(records.count >= 3, "a few seconds of a paced session change its status several times: \(records.count)")
        let bars = records.compactMap { $0["bars_processed"] as? Int }
        #expect(bars.count == records.count && bars == bars.sorted(), "bars only go forward: \(bars)")
        #expect(records.dropLast().allSatisfy { $0["status"] as? String == "running" && $0["terminal"] as? Bool == false })
        // Consecutive lines differ in what the session wrote, not only in the watcher's clock.
        func written(_ record: [String: Any]) -> NSDictionary {
            NSDictionary(dictionary: record.filter { $0.key != "observed_at" && $0.key != "heartbeat_age_seconds" })
        }
        #expect(zip(records, records.dropFirst()).allSatisfy { !written($0).isEqual(written($1)) })
        let last = try #require(records.last)
        #expect(last["status"] as? String == "success" && last["terminal"] as? Bool == true && last["session_id"] as? String == id)
        let status = try scratch.json("outputs/paper_sessions/\(id)/session_status.json")
        #expect(last["updated_at"] as? String == status["updated_at"] as? String && last["fills"] as? Int == status["fills"] as? Int)
        let fills = try #require(last["last_fills"] as? [[String: Any]])
        let total = try #require(status["fills"] as? Int)
        #expect(fills.count == min(5, total))
        #expect(fills.compactMap { $0["fill_id"] as? Int } == Array((total - fills.count + 1)...total).map { $0 })
        #expect(fills.allSatisfy { $0["exec_price"] is Double && ["BUY", "SELL"].contains($0["side"] as? String) })
    }

    @Test func aFinishedSessionIsOneLineAndBadArgumentsAreExitTwo() throws {
        let scratch = try Scratch()
        let done = try QSHProcess.run(["run", "--ticker", "SYN-ETH", "--start", "2023-01-01", "--end", "2023-07-01", "--paper"], in: scratch.path)
        #expect(done.status == 0, "stderr: \(done.stderr)")
        let id = try #require(PaperSessionEndToEndTests.sessions(scratch).first)
        let watch = try QSHProcess.run(["paper", "watch", "outputs/paper_sessions/\(id)", "--fills", "2"], in: scratch.path)
        #expect(watch.status == 0, "stderr: \(watch.stderr)")
        let records = try Self.records(watch.stdout)
        #expect(records.count == 1 && records[0]["status"] as? String == "success")
        #expect((records[0]["last_fills"] as? [Any])?.count == 2)

        let missing = try QSHProcess.run(["paper", "watch", "nope"], in: scratch.path)
        #expect(missing.status == 2 && missing.stderr.contains("no session 'nope'"), "\(missing.stderr)")
        let interval = try QSHProcess.run(["paper", "watch", id, "--interval", "fast"], in: scratch.path)
        #expect(interval.status == 2 && interval.stderr.contains("--interval: 'fast' is not a duration"), "\(interval.stderr)")
        let tiny = try QSHProcess.run(["paper", "watch", id, "--interval", "1ms"], in: scratch.path)
        #expect(tiny.status == 2 && tiny.stderr.contains("--interval: 0.001 s is outside 50ms..1h"), "\(tiny.stderr)")
        let fills = try QSHProcess.run(["paper", "watch", id, "--fills", "101"], in: scratch.path)
        #expect(fills.status == 2 && fills.stderr.contains("--fills: 101 is outside 0..100"), "\(fills.stderr)")
    }

    @Test func sigtermStopsTheWatcherAndNotTheSession() throws {
        let scratch = try Scratch()
        let (session, id) = try Self.startSession(scratch, pace: "200ms")
        let watcher = try RunningQSH(["paper", "watch", id, "--interval", "100ms"], in: scratch.path)
        usleep(800_000)
        kill(watcher.pid, SIGTERM)
        let watched = watcher.finish(timeout: 10)
        #expect(watched.status == 143, "stderr: \(watched.stderr)")
        #expect(watched.stderr.contains("stopped watching \(id) (terminated (SIGTERM)); the session itself goes on"), "\(watched.stderr)")
        #expect(try Self.records(watched.stdout).allSatisfy { $0["status"] as? String == "running" })
        #expect(session.isRunning, "the session outlives its watcher")
        #expect(try scratch.json("outputs/paper_sessions/\(id)/session_status.json")["status"] as? String == "running")
        kill(session.pid, SIGTERM)
        #expect(session.finish(timeout: 10).status == 143)
    }

    /// A session folder is made before its files: watched at that moment, it is waited for.
    @Test func aFolderStillBeingCreatedIsWaitedForAndAnOldEmptyOneIsNoSession() throws {
        let scratch = try Scratch()
        let id = "20261204_000000_paper_0000000"
        try FileManager.default.createDirectory(atPath: scratch.path + "/outputs/paper_sessions/" + id, withIntermediateDirectories: true)
        let watcher = try RunningQSH(["paper", "watch", id, "--interval", "100ms"], in: scratch.path)
        usleep(600_000)
        #expect(watcher.isRunning, "an empty folder made a moment ago is a session being created")
        kill(watcher.pid, SIGTERM)
        let watched = watcher.finish(timeout: 10)
        #expect(watched.status == 143 && watched.stderr.contains("stopped watching \(id)"), "\(watched.stderr)")
        try FileManager.default.setAttributes(
            [.modificationDate: Date().addingTimeInterval(-120)], ofItemAtPath: scratch.path + "/outputs/paper_sessions/" + id)
        let old = try QSHProcess.run(["paper", "watch", id], in: scratch.path)
        #expect(old.status == 2 && old.stderr.contains("no session '\(id)'"), "\(old.stderr)")
    }

    @Test func asAJSONRequestChangesAreSignalsAndTheResponseHoldsTheLastState() throws {
        let scratch = try Scratch()
        let (session, id) = try Self.startSession(scratch)
        let answer = try JSONRequest.send(
            try JSONRequest.envelope("paper_watch", ["session": id, "interval": "100ms", "fills": 1]), in: scratch)
        #expect(answer.status == 0, "\(answer.result.stdout) \(answer.result.stderr)")
        #expect(session.finish(timeout: 30).status == 0)
        let result = try #require(answer.response["result"] as? [String: Any])
        #expect(result["status"] as? String == "success" && result["session_id"] as? String == id)
        #expect((result["last_fills"] as? [Any])?.count == 1)
        let changes = answer.signals.filter { $0["event"] as? String == "PAPER_SESSION_STATUS" }
        #expect(changes.count >= 3, "\(answer.events)")
        #expect(answer.events.first == "SESSION_STARTED" && answer.events.last == "SESSION_COMPLETED")
        let states = changes.compactMap { ($0["session"] as? [String: Any])?["status"] as? String }
        #expect(states.last == "success" && states.dropLast().allSatisfy { $0 == "running" }, "\(states)")
        #expect(changes.allSatisfy { $0["mode"] as? String == "paper_watch" })
    }
}
