import Foundation
import Testing

/// Requests that pass validation: the response line and the signal events for success, data
/// and strategy errors, the commands that are not available yet, and the request forms.
struct JSONRequestLifecycleEndToEndTests {
    @Test func aRunAnswersWithTheContractFieldsAndTwoSignals() throws {
        let scratch = try Scratch()
        let answer = try JSONRequest.send(try JSONRequest.envelope("run", JSONRequest.smallRun, requestID: "job-1"), in: scratch)
        #expect(answer.status == 0, "\(answer.result.stderr)")
        let response = answer.response
        #expect(response["schema_version"] as? String == "1.0")
        #expect(response["request_id"] as? String == "job-1")
        #expect(response["status"] as? String == "success")
        #expect(response["command"] as? String == "run")
        let runID = try #require(response["run_id"] as? String)
        let artifacts = try #require(response["artifacts_path"] as? String)
        #expect(artifacts.hasPrefix("/") && artifacts.hasSuffix("/runs/\(runID)"))
        #expect(response["report_path"] as? String == artifacts + "/report.json")
        let summary = try #require(response["summary"] as? [String: Any])
        for key in ["total_return", "sharpe_simple", "max_drawdown", "trades", "win_rate"] {
            #expect(summary[key] != nil, "summary.\(key)")
        }
        #expect(FileManager.default.fileExists(atPath: artifacts + "/report.json"))

        #expect(answer.events == ["SESSION_STARTED", "SESSION_COMPLETED"])
        for event in answer.signals {
            #expect(event["schema_version"] as? String == "1.0")
            #expect(event["mode"] as? String == "run")
            #expect(event["request_id"] as? String == "job-1")
            let timestamp = event["timestamp"] as? String ?? ""
            #expect(timestamp.hasSuffix("+00:00") && timestamp.count == 32, "ISO 8601 with offset: \(timestamp)")
        }
        #expect(answer.signals[0]["status"] as? String == "running")
        let done = answer.signals[1]
        #expect(done["status"] as? String == "success")
        #expect(done["run_id"] as? String == runID)
        #expect(done["artifacts_path"] as? String == artifacts)
        #expect(done["report_path"] as? String == artifacts + "/report.json")
        #expect((done["summary"] as? [String: Any])?["trades"] as? Int == summary["trades"] as? Int)
        for key in ["runs_index_csv", "runs_index_json", "runs_index_md"] {
            let path = try #require(done[key] as? String, "\(key)")
            #expect(FileManager.default.fileExists(atPath: path), "\(key) exists")
        }
    }

    @Test func aDataErrorIsExit3WithStartedAndFailedSignals() throws {
        let scratch = try Scratch()
        let answer = try JSONRequest.send(try JSONRequest.envelope("run", ["ticker": "NOPE-USD"]), in: scratch)
        #expect(answer.status == 3)
        #expect(answer.error["code"] as? String == "DATA_ERROR")
        #expect(answer.message.contains("NOPE-USD"))
        #expect(answer.events == ["SESSION_STARTED", "SESSION_FAILED"])
        let failed = try #require(answer.signals.last)
        #expect(failed["status"] as? String == "error")
        #expect(failed["exit_code"] as? Int == 3)
        #expect(failed["error_type"] as? String == "DataError")
        #expect(failed["message"] as? String == answer.message)
    }

    @Test(arguments: [
        (#"{"rsi_buy_max": 500}"#, "rsi_buy_max"),
        (#"{"strategy": "no_such_strategy"}"#, "no_such_strategy"),
        (#"{"params": {"fast": 5, "slow": 3}, "strategy": "sma_cross"}"#, "fast"),
    ])
    func strategyErrorsAreExit4BeforeAnythingStarts(extra: String, named: String) throws {
        let scratch = try Scratch()
        let params = JSONRequest.smallRun.merging(try JSONRequest.object(extra)) { $1 }
        let answer = try JSONRequest.send(try JSONRequest.envelope("run", params), in: scratch)
        #expect(answer.status == 4, "\(answer.result.stdout)")
        #expect(answer.error["code"] as? String == "STRATEGY_ERROR")
        #expect(answer.message.contains(named), "\(answer.message)")
        #expect(answer.signals.isEmpty, "a rejected request emits nothing")
    }

    @Test func theEnvelopeCanComeFromAFileOrStandardInput() throws {
        let scratch = try Scratch()
        let text = try JSONRequest.envelope("run", JSONRequest.smallRun, requestID: "from-file")
        _ = try scratch.file("request.json", text)
        let fromFile = try JSONRequest.send("@request.json", in: scratch)
        #expect(fromFile.status == 0, "\(fromFile.result.stderr)")
        #expect(fromFile.response["request_id"] as? String == "from-file")
        let fromStdin = try JSONRequest.send(text, in: scratch, viaStandardInput: true)
        #expect(fromStdin.status == 0, "\(fromStdin.result.stderr)")
        #expect(fromStdin.response["run_id"] as? String != fromFile.response["run_id"] as? String)
    }

    @Test func humanTextGoesToStderrOnly() throws {
        let scratch = try Scratch()
        let answer = try JSONRequest.send(try JSONRequest.envelope("run", JSONRequest.smallRun), in: scratch)
        #expect(answer.status == 0)
        #expect(!answer.result.stdout.contains("total return"), "the metrics table is for people")
    }

    @Test func anUnwritableSignalFileWarnsAndNeverChangesTheOutcome() throws {
        let scratch = try Scratch()
        try FileManager.default.createDirectory(atPath: scratch.path + "/taken.jsonl", withIntermediateDirectories: true)
        let text = try JSONRequest.envelope("run", JSONRequest.smallRun)
        let result = try QSHProcess.run(["--json-request", text, "--signal-file", "taken.jsonl"], in: scratch.path)
        let response = try JSONRequest.parseResponse(result)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(response["status"] as? String == "success")
        #expect(result.stderr.contains("warning: could not write SESSION_STARTED to signal file 'taken.jsonl'"), "\(result.stderr)")
    }

    @Test func theSignalFileAndItsFolderAreCreatedForPlainArgvRunsToo() throws {
        let scratch = try Scratch()
        let result = try QSHProcess.run(
            ["run", "--ticker", "SYN-ETH", "--start", "2023-01-01", "--end", "2023-06-01", "--signal-file", "deep/er/s.jsonl",
             "--request-id", "argv-1"], in: scratch.path)
        #expect(result.status == 0, "\(result.stderr)")
        let events = JSONRequest.signalLines(scratch, "deep/er/s.jsonl")
        #expect(events.compactMap { $0["event"] as? String } == ["SESSION_STARTED", "SESSION_COMPLETED"])
        #expect(events.allSatisfy { $0["request_id"] as? String == "argv-1" })
    }

    @Test func versionIsStableAndCheckReportsHealth() throws {
        let scratch = try Scratch()
        let version = try QSHProcess.run(["--version"], in: scratch.path)
        #expect(version.status == 0)
        #expect(version.stdout.range(of: #"^qsh \d+\.\d+\.\d+\n$"#, options: .regularExpression) != nil, "\(version.stdout)")
        let check = try QSHProcess.run(["--check"], in: scratch.path)
        #expect(check.status == 0, "\(check.stdout)")
        let health = try #require(try JSONSerialization.jsonObject(with: Data(check.stdout.utf8)) as? [String: Any])
        #expect(health["status"] as? String == "ok")
        #expect(health["version"] != nil && health["executable"] != nil)

        try "".write(toFile: scratch.path + "/file", atomically: true, encoding: .utf8)
        let unhealthy = try QSHProcess.run(["--check", "--outdir", "file/sub"], in: scratch.path)
        #expect(unhealthy.status == 2, "\(unhealthy.stdout)")
        let report = try JSONSerialization.jsonObject(with: Data(unhealthy.stdout.utf8)) as? [String: Any]
        #expect(report?["status"] as? String == "error")
        #expect((report?["problems"] as? [Any])?.isEmpty == false)
    }
}
