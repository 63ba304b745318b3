import Foundation
import Testing

/// Signals sent to a running soak, `--resume`, realtime pacing and the monitor.
struct SoakSignalsEndToEndTests {
    /// Long enough per iteration (3 symbols x 5 simulated minutes) that a signal arrives
    /// mid-soak, short enough for the suite.
    static let flags = ["--iterations", "6", "--top", "3", "--iteration-length", "5m", "--auto-tune", "--seed", "21"]

    static func status(_ scratch: Scratch, _ folder: String) -> [String: Any] {
        (try? scratch.json(folder + "/soak_status.json")) ?? [:]
    }

    /// Waits until the soak folder's status satisfies `condition` (or 60 s pass).
    static func waitFor(_ scratch: Scratch, _ condition: ([String: Any]) -> Bool) -> String? {
        let deadline = Date().addingTimeInterval(60)
        while Date() < deadline {
            if let folder = SoakEndToEndTests.soakFolders(scratch).first, condition(status(scratch, folder)) { return folder }
            usleep(2_000)
        }
        return nil
    }

    @Test func anInterruptedSoakResumesToTheSameEdgeReports() throws {
        let scratch = try Scratch()
        let running = try RunningQSH(["soak"] + Self.flags, in: scratch.path)
        let folder = try #require(Self.waitFor(scratch) { ($0["iterations_completed"] as? Int ?? 0) >= 1 })
        kill(running.pid, SIGTERM)
        let stopped = running.finish(timeout: 30)
        #expect(stopped.status == 143, "stderr: \(stopped.stderr)")
        let aborted = Self.status(scratch, folder)
        let completed = try #require(aborted["iterations_completed"] as? Int)
        try #require(completed < 6, "the soak finished before the signal; make its iterations longer")
        #expect(aborted["status"] as? String == "aborted")
        #expect(stopped.stderr.contains("resume with --resume"), "\(stopped.stderr)")
        let report = try scratch.json(folder + "/soak_report.json")
        #expect(report["aborted"] as? Bool == true && (report["summary"] as? [String: Any])?["iterations_completed"] as? Int == completed)
        #expect(scratch.list(folder + "/iterations").count == completed, "the stopped iteration finished but left no report behind")

        let refused = try QSHProcess.run(["soak", "--resume", folder, "--iterations", "9"], in: scratch.path)
        #expect(refused.status == 2 && refused.stderr.contains("--resume: a resumed soak keeps its own settings"), "\(refused.stderr)")
        let resumed = try QSHProcess.run(["soak", "--resume", folder], in: scratch.path)
        #expect(resumed.status == 0, "stderr: \(resumed.stderr)")
        #expect(SoakEndToEndTests.soakFolders(scratch).count == 1, "resuming makes no new soak")
        let reference = try QSHProcess.run(["soak", "--out-dir", "reference"] + Self.flags, in: scratch.path)
        #expect(reference.status == 0)
        let whole = try SoakEndToEndTests.onlyFolder(scratch, root: "reference")
        for n in 1...6 {
            #expect(
                try scratch.read("\(folder)/iterations/\(n)/EDGE_REPORT.json") == scratch.read("\(whole)/iterations/\(n)/EDGE_REPORT.json"),
                "iteration \(n)")
        }
        #expect(try scratch.read(folder + "/runtime_overrides.json") == scratch.read(whole + "/runtime_overrides.json"))
        #expect(try scratch.read(folder + "/iterations.jsonl").split(separator: "\n").count == 6)
        let final = Self.status(scratch, folder)
        #expect(final["status"] as? String == "success" && final["resumed_at"] is String)
        let again = try QSHProcess.run(["soak", "--resume", folder], in: scratch.path)
        #expect(again.status == 2 && again.stderr.contains("already ended (status success)"), "\(again.stderr)")
    }

    @Test func aResumeRunsWithTheFoldersRuntimeOverrides() throws {
        let scratch = try Scratch()
        let running = try RunningQSH(["soak"] + Self.flags, in: scratch.path)
        let folder = try #require(Self.waitFor(scratch) { ($0["iterations_completed"] as? Int ?? 0) >= 1 })
        kill(running.pid, SIGINT)
        #expect(running.finish(timeout: 30).status == 130)
        let completed = try #require(Self.status(scratch, folder)["iterations_completed"] as? Int)
        try #require(completed < 6)
        // An operator's edit while the soak is stopped, one value out of range.
        var overrides = try scratch.json(folder + "/runtime_overrides.json")
        overrides["tail_age_ms"] = 2000
        overrides["min_interval_ms"] = 120
        let data = try JSONSerialization.data(withJSONObject: overrides)
        _ = try scratch.file(folder + "/runtime_overrides.json", String(decoding: data, as: UTF8.self))
        let resumed = try QSHProcess.run(["soak", "--resume", folder], in: scratch.path)
        #expect(resumed.status == 0, "stderr: \(resumed.stderr)")
        #expect(resumed.stdout.contains("| runtime_overrides | OK | SOURCE=file |"), "\(resumed.stdout)")
        #expect(resumed.stdout.contains("| runtime_overrides | WARN | FIELD=tail_age_ms FROM=2000 TO=1000 REASON=clamped |"))
        let next = try scratch.json("\(folder)/iterations/\(completed + 1)/EDGE_REPORT.json")["parameters"] as? [String: Any]
        #expect(next?["tail_age_ms"] as? Int == 1000 && next?["min_interval_ms"] as? Int == 120, "\(next ?? [:])")
    }

    @Test func aRealtimeSoakStopsAtOnceOnSIGINTWithAnAbortedReport() throws {
        let scratch = try Scratch()
        let running = try RunningQSH(
            ["soak", "--iterations", "2", "--top", "2", "--iteration-length", "60s", "--realtime", "--monitor-interval", "0.2"],
            in: scratch.path)
        let folder = try #require(Self.waitFor(scratch) { $0["current_iteration"] as? Int == 1 })
        let firstBeat = Self.status(scratch, folder)["updated_at"] as? String
        // The heartbeat: updated_at moves while the iteration runs (written at most once a second).
        let beating = Date().addingTimeInterval(5)
        while Date() < beating && Self.status(scratch, folder)["updated_at"] as? String == firstBeat { usleep(50_000) }
        #expect(Self.status(scratch, folder)["updated_at"] as? String != firstBeat, "the status file has a heartbeat")
        let sent = Date()
        kill(running.pid, SIGINT)
        let stopped = running.finish(timeout: 20)
        #expect(stopped.status == 130, "stderr: \(stopped.stderr)")
        #expect(Date().timeIntervalSince(sent) < 5, "a realtime soak abandons its iteration")
        let status = Self.status(scratch, folder)
        #expect(status["status"] as? String == "aborted" && status["iterations_completed"] as? Int == 0)
        #expect((try scratch.json(folder + "/soak_report.json"))["aborted"] as? Bool == true)
        let monitor = stopped.stderr.split(separator: "\n").filter { $0.hasPrefix("| soak_monitor | OK | SYMBOL=") }
        #expect(monitor.count >= 2, "one monitor line per symbol every 0.2 s: \(stopped.stderr)")
        #expect(monitor.first?.contains("STEP_P99_NS=") == true && monitor.first?.contains("SIM_WALL=") == true)
    }

    @Test func badSettingsAreOneLineErrorsWithExitTwo() throws {
        let scratch = try Scratch()
        _ = try scratch.file("configs/profiles/Wide.yaml", """
            market: default
            runtime: {min_interval_ms: 100, replace_rate_per_min: 200, base_spread_bps_delta: 0.3, impact_cap_ratio: 0.06, tail_age_ms: 700}
            """)
        let cases: [([String], [String: String], String)] = [
            (["--iterations", "0"], [:], "--iterations"),
            (["--iterations", "2", "--minutes", "3"], [:], "give only one of them"),
            (["--symbols", "BTC USDT"], [:], "--symbols: 'BTC USDT' is not a symbol"),
            (["--top", "99"], [:], "--top: must be between 1 and"),
            (["--profile", "S7"], [:], "--profile: no profile 'S7' (known: S1, Wide"),
            (["--iteration-length", "soon"], [:], "--iteration-length: 'soon' is not a duration"),
            ([], ["MM_RUNTIME_OVERRIDES_JSON": "{oops"], "MM_RUNTIME_OVERRIDES_JSON: not valid JSON"),
            ([], ["MM_RUNTIME_OVERRIDES_JSON": #"{"spread": 1}"#], "MM_RUNTIME_OVERRIDES_JSON: unknown field 'spread'"),
            (["--overrides", "missing.json"], [:], "--overrides: cannot read 'missing.json'"),
            (["--resume", "nowhere"], [:], "--resume: 'nowhere' has no soak_status.json"),
        ]
        for (arguments, environment, fragment) in cases {
            let result = try QSHProcess.run(["soak"] + arguments, in: scratch.path, environment: environment)
            #expect(result.status == 2, "\(arguments): \(result.stderr)")
            #expect(result.stderr.contains(fragment), "\(arguments): \(result.stderr)")
            #expect(result.stderr.split(separator: "\n").count == 1, "\(arguments): one line: \(result.stderr)")
        }
        #expect(SoakEndToEndTests.soakFolders(scratch).isEmpty, "a rejected soak writes nothing")
    }

    @Test func overridesAndProfilesComeFromFlagsEnvironmentAndFiles() throws {
        let scratch = try Scratch()
        _ = try scratch.file("configs/profiles/Wide.yaml", """
            market: default
            runtime: {min_interval_ms: 100, replace_rate_per_min: 200, base_spread_bps_delta: 0.3, impact_cap_ratio: 0.06, tail_age_ms: 700}
            """)
        let env = try QSHProcess.run(
            ["soak", "--iterations", "1", "--top", "1", "--iteration-length", "5s"], in: scratch.path,
            environment: ["MM_PROFILE": "Wide", "MM_RUNTIME_OVERRIDES_JSON": #"{"min_interval_ms": 999}"#])
        #expect(env.status == 0, "stderr: \(env.stderr)")
        #expect(env.stdout.contains("| profile_apply | OK | PROFILE=Wide |"))
        #expect(env.stdout.contains("| runtime_overrides | OK | SOURCE=env |"))
        #expect(env.stdout.contains("| runtime_overrides | WARN | FIELD=min_interval_ms FROM=999 TO=300 REASON=clamped |"), "\(env.stdout)")
        let folder = try SoakEndToEndTests.onlyFolder(scratch)
        let applied = try scratch.json(folder + "/applied_profile.json")
        #expect((applied["applied"] as? [String: Any])?["min_interval_ms"] as? Int == 300)
        #expect((applied["applied"] as? [String: Any])?["tail_age_ms"] as? Int == 700)
        #expect((applied["overrides_runtime"] as? [String: Any])?["min_interval_ms"] as? Int == 300)

        _ = try scratch.file("o.json", #"{"tail_age_ms": 450}"#)
        let file = try QSHProcess.run(
            ["soak", "--iterations", "1", "--top", "1", "--iteration-length", "5s", "--overrides", "o.json", "--out-dir", "f"],
            in: scratch.path)
        #expect(file.status == 0 && file.stdout.contains("| runtime_overrides | OK | SOURCE=file |"), "\(file.stderr)")
    }
}
