import Foundation
import Testing

/// `run --paper` as users and orchestrators start it: the reference paper numbers, the
/// session folder and its status while it runs, and aborts by SIGINT and SIGTERM.
struct PaperSessionEndToEndTests {
    static let firstCase = ["--ticker", "ETH-USD", "--start", "2022-01-01", "--end", "2024-01-01"]

    static func sessions(_ scratch: Scratch, root: String = "outputs") -> [String] {
        scratch.list(root + "/paper_sessions").filter { !$0.hasPrefix(".") && !$0.hasPrefix("paper_sessions_index") }
    }

    /// A terminal status's times agree: created <= started <= updated <= finished, the
    /// duration is finished - started (the stamps are whole seconds), all within `launched`.
    static func expectConsistentTimes(
        _ status: [String: Any], metadata: [String: Any], launched: ClosedRange<Date>,
        sourceLocation: SourceLocation = #_sourceLocation
    ) throws {
        let formatter = ISO8601DateFormatter()
        func time(_ key: String, _ document: [String: Any]) throws -> Date {
            try #require((document[key] as? String).flatMap(formatter.date(from:)), "\(key)", sourceLocation: sourceLocation)
        }
        let created = try time("created_at", metadata), started = try time("started_at", status)
        let updated = try time("updated_at", status), finished = try time("finished_at", status)
        #expect(created <= started && started <= updated && updated <= finished, sourceLocation: sourceLocation)
        let window = launched.lowerBound.addingTimeInterval(-1)...launched.upperBound
        #expect(window.contains(created) && window.contains(finished), "\(created) \(finished) \(launched)", sourceLocation: sourceLocation)
        let duration = try #require(status["duration_seconds"] as? Double, sourceLocation: sourceLocation)
        #expect(abs(duration - finished.timeIntervalSince(started)) < 1.0, "\(duration)", sourceLocation: sourceLocation)
    }

    @Test(.enabled(if: QSHProcess.hasRealData, "../shared/data/real is absent: paper parity needs the real price files"))
    func paperNumbersMatchTheReferenceBroker() throws {
        let scratch = try Scratch()
        let launched = Date()
        let result = try QSHProcess.run(
            ["run"] + Self.firstCase + ["--paper", "--data-dir", QSHProcess.realDataDirectory], in: scratch.path)
        #expect(result.status == 0, "stderr: \(result.stderr)")
        let sessions = Self.sessions(scratch)
        try #require(sessions.count == 1)
        let id = sessions[0]
        #expect(id.contains("_paper_"))
        #expect(!scratch.list(".").contains("runs") && !scratch.list("outputs").contains("runs"), "a paper session is no run")
        let folder = "outputs/paper_sessions/\(id)"
        #expect(Set(scratch.list(folder)).isSuperset(of: [
            "session_metadata.json", "session_status.json", "config.json", "metrics.json", "report.json", "trades.csv",
            "run_report.md", "artifacts",
        ]))
        let trades = try scratch.read(folder + "/trades.csv").split(separator: "\n")
        #expect(trades.count == 55)
        #expect(trades[0] == "timestamp,side,close,exec_price,qty,fee,equity_after,slippage,reason,fill_id")
        #expect(trades[1].hasPrefix("2022-05-04,BUY,2940.644775390625,2942.9972912109374,0.33911006407666755,2.0,"))
        #expect(trades.dropFirst().enumerated().allSatisfy { $1.hasSuffix(",signal=\($0 % 2 == 0 ? 1 : -1),\($0 + 1)") })
        let metrics = try #require(try scratch.json(folder + "/metrics.json")["metrics"] as? [String: Any])
        let final = try #require(metrics["final_equity"] as? Double)
        #expect(abs(final / 933.4206827446845 - 1) < 1e-9)
        #expect(metrics["fills"] as? Int == 54)
        let status = try scratch.json(folder + "/session_status.json")
        #expect(status["status"] as? String == "success" && status["terminal"] as? Bool == true)
        #expect(status["status_reason"] as? String == "completed" && status["mode"] as? String == "paper")
        #expect(status["bars_processed"] as? Int == 631 && status["finished_at"] is String && status["duration_seconds"] is Double)
        try Self.expectConsistentTimes(
            status, metadata: try scratch.json(folder + "/session_metadata.json"), launched: launched...Date())
        let report = try scratch.json(folder + "/report.json")
        #expect((report["machine_contract"] as? [String: Any])?["contract_type"] as? String == "quantlab.paper.result")
        #expect(try scratch.json(folder + "/config.json")["paper"] as? Bool == true)
        let index = try scratch.read("outputs/paper_sessions/paper_sessions_index.csv").split(separator: "\n")
        #expect(index.count == 2 && index[1].hasPrefix("\(id),success,"), "\(index)")
        let list = try QSHProcess.run(["paper", "list"], in: scratch.path)
        #expect(list.status == 0 && list.stdout.contains(id) && list.stdout.contains("success"), "\(list.stdout)")
    }

    @Test func jsonRequestAnswersWithTheSessionAndSignalsSayRun() throws {
        let scratch = try Scratch()
        let answer = try JSONRequest.send(
            try JSONRequest.envelope("run", JSONRequest.smallRun.merging(["paper": true]) { $1 }), in: scratch)
        #expect(answer.status == 0, "\(answer.result.stdout) \(answer.result.stderr)")
        let id = try #require(answer.response["session_id"] as? String)
        #expect(answer.response["run_id"] as? String == id)
        #expect((answer.response["artifacts_path"] as? String)?.hasSuffix("/outputs/paper_sessions/\(id)") == true)
        #expect(answer.events == ["SESSION_STARTED", "SESSION_COMPLETED"])
        #expect(answer.signals.allSatisfy { $0["mode"] as? String == "run" })
        #expect(answer.signals.last?["session_id"] as? String == id)
        #expect(Self.sessions(scratch) == [id])
    }

    @Test(arguments: [SIGINT, SIGTERM])
    func aSignalAbortsAPacedSessionWithPartialResults(signal: Int32) throws {
        let scratch = try Scratch()
        let launched = Date()
        let running = try RunningQSH(
            ["run", "--ticker", "SYN-ETH", "--start", "2023-01-01", "--end", "2023-12-01", "--paper", "--pace", "20ms"],
            in: scratch.path)
        // The folder exists from the start and the loop's heartbeat moves.
        var seen: [Int] = []
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline && running.isRunning {
            if let id = Self.sessions(scratch).first,
               let status = try? scratch.json("outputs/paper_sessions/\(id)/session_status.json"),
               status["status"] as? String == "running", let done = status["bars_processed"] as? Int, done > 0 {
                if seen.last != done { seen.append(done) }
                if seen.count >= 3 { break }
            }
            usleep(20_000)
        }
        try #require(seen.count >= 3, "no heartbeat while running: \(seen) \(running.isRunning)")
        #expect(seen == seen.sorted())
        kill(running.pid, signal)
        let result = running.finish(timeout: 10)
        #expect(result.status == (signal == SIGINT ? 130 : 143), "stderr: \(result.stderr)")
        #expect(result.stderr.contains("aborted with partial results"), "\(result.stderr)")
        let id = try #require(Self.sessions(scratch).first)
        let folder = "outputs/paper_sessions/\(id)"
        let status = try scratch.json(folder + "/session_status.json")
        #expect(status["status"] as? String == "aborted")
        #expect(status["status_reason"] as? String == "operator_abort")
        #expect(status["terminal"] as? Bool == true && status["finished_at"] is String)
        #expect(status["error_type"] as? String == "Cancelled")
        try Self.expectConsistentTimes(status, metadata: try scratch.json(folder + "/session_metadata.json"), launched: launched...Date())
        let processed = try #require(status["bars_processed"] as? Int)
        #expect(processed >= seen.last! && processed < (status["bars_total"] as? Int ?? 0))
        let metrics = try #require(try scratch.json(folder + "/metrics.json")["metrics"] as? [String: Any])
        #expect(metrics["partial"] as? Bool == true && metrics["bars_processed"] as? Int == processed)
        #expect(try scratch.json(folder + "/report.json")["status"] as? String == "aborted")
        let alerts = try QSHProcess.run(["paper", "alerts"], in: scratch.path)
        #expect(alerts.stdout.contains("PAPER_SESSION_ABORTED"), "\(alerts.stdout)")
        let index = try scratch.read("outputs/paper_sessions/paper_sessions_index.csv")
        #expect(index.contains("\(id),aborted,"), "\(index)")
    }

    @Test func aSessionOnBadDataFailsInItsOwnFolder() throws {
        let scratch = try Scratch()
        let launched = Date()
        _ = try scratch.file("bad.csv", "timestamp,open,high,low,close,volume\n1640995200,1,1,1,1,1\n1641081600,1,x,1,1,1\n")
        let result = try QSHProcess.run(["run", "--paper", "--ticker", "B", "--data", "bad.csv"], in: scratch.path)
        #expect(result.status == 3, "stderr: \(result.stderr)")
        #expect(result.stderr.contains("bad.csv:3: column 'high': 'x' is not a number"), "\(result.stderr)")
        let id = try #require(Self.sessions(scratch).first)
        #expect(result.stderr.contains("session \(id) failed before its first bar"), "\(result.stderr)")
        let folder = "outputs/paper_sessions/\(id)"
        #expect(Set(scratch.list(folder)).isSuperset(of: [
            "session_metadata.json", "session_status.json", "config.json", "metrics.json", "report.json", "trades.csv",
            "run_report.md", "artifacts",
        ]))
        let status = try scratch.json(folder + "/session_status.json")
        #expect(status["status"] as? String == "failed" && status["status_reason"] as? String == "exception")
        #expect(status["terminal"] as? Bool == true && status["error_type"] as? String == "DataError")
        #expect((status["message"] as? String)?.hasSuffix("bad.csv:3: column 'high': 'x' is not a number") == true)
        #expect(status["bars_processed"] as? Int == 0)
        try Self.expectConsistentTimes(status, metadata: try scratch.json(folder + "/session_metadata.json"), launched: launched...Date())
        let config = try scratch.json(folder + "/config.json")
        #expect(config["paper"] as? Bool == true && config["ticker"] as? String == "B")
        #expect(((config["data"] as? [String: Any])?["source"] as? String)?.hasSuffix("/bad.csv") == true)
        let report = try scratch.json(folder + "/report.json")
        #expect(report["status"] as? String == "failed" && report["partial"] as? Bool == true)
        #expect((report["machine_contract"] as? [String: Any])?["contract_type"] as? String == "quantlab.paper.result")
        #expect(try scratch.read(folder + "/trades.csv") == "timestamp,side,close,exec_price,qty,fee,equity_after,slippage,reason,fill_id\n")
        let index = try scratch.read("outputs/paper_sessions/paper_sessions_index.csv")
        #expect(index.contains("\(id),failed,"), "\(index)")
        let alerts = try QSHProcess.run(["paper", "alerts"], in: scratch.path)
        #expect(alerts.stdout.contains("PAPER_SESSION_FAILED") && alerts.stdout.contains("\"alert_status\": \"critical\""))
        // An invalid request is no session at all.
        let invalid = try QSHProcess.run(["run", "--paper", "--ticker", "B", "--data", "bad.csv", "--fee", "-1"], in: scratch.path)
        #expect(invalid.status == 2 && Self.sessions(scratch) == [id], "\(invalid.stderr)")
    }

    @Test func paceIsCheckedAndNeedsPaper() throws {
        let scratch = try Scratch()
        let noPaper = try QSHProcess.run(["run", "--ticker", "SYN-ETH", "--pace", "1s"], in: scratch.path)
        #expect(noPaper.status == 2 && noPaper.stderr.hasPrefix("error: --pace: only paper sessions take it"), "\(noPaper.stderr)")
        for bad in ["0s", "fast", "-1s", "2h"] {
            let result = try QSHProcess.run(["run", "--ticker", "SYN-ETH", "--paper", "--pace=\(bad)"], in: scratch.path)
            #expect(result.status == 2 && result.stderr.contains("--pace: '\(bad)' is not a duration"), "\(bad): \(result.stderr)")
        }
        #expect(Self.sessions(scratch).isEmpty)
    }
}
