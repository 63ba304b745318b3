import Foundation
import Testing

/// Every envelope rule of contract.md, through the real binary: each bad request is exit 2,
/// answers with one error line naming the problem, and writes no signal at all (validation
/// happens before SESSION_STARTED).
struct JSONRequestValidationEndToEndTests {
    struct Case: CustomTestStringConvertible, Sendable {
        let name: String
        let text: String
        let fragment: String
        var testDescription: String { name }
    }

    static let run = #""command": "run""#
    static let version = #""schema_version": "1.0""#

    static let cases: [Case] = [
        Case(name: "empty input", text: "", fragment: "request is not valid JSON"),
        Case(name: "malformed JSON", text: #"{"schema_version": "1.0", "command": "run""#, fragment: "request is not valid JSON"),
        Case(name: "trailing garbage", text: #"{"schema_version": "1.0", "command": "run"} x"#, fragment: "request is not valid JSON"),
        Case(name: "array instead of object", text: #"[{"schema_version": "1.0"}]"#, fragment: "request must be a JSON object, got an array"),
        Case(name: "string instead of object", text: #""run""#, fragment: "request must be a JSON object, got a string"),
        Case(name: "missing schema_version", text: "{\(run)}", fragment: "schema_version is required"),
        Case(name: "wrong schema_version", text: #"{"schema_version": "2.0", "command": "run"}"#, fragment: "unsupported schema_version '2.0'"),
        Case(name: "numeric schema_version", text: #"{"schema_version": 1.0, "command": "run"}"#, fragment: "unsupported schema_version 1.0"),
        Case(name: "missing command", text: "{\(version)}", fragment: "command is required; valid commands: run, sweep, tune, soak"),
        Case(
            name: "unknown command", text: #"{"schema_version": "1.0", "command": "backtest"}"#,
            fragment: "unknown command 'backtest'; valid commands: run, sweep, tune, soak"),
        Case(name: "command not a string", text: #"{"schema_version": "1.0", "command": 7}"#, fragment: "unknown command of type integer"),
        Case(name: "params null", text: "{\(version), \(run), \"params\": null}", fragment: "params must be an object, got null"),
        Case(name: "params an array", text: "{\(version), \(run), \"params\": []}", fragment: "params must be an object, got array"),
        Case(
            name: "unknown param key", text: "{\(version), \(run), \"params\": {\"ticker\": \"SYN-ETH\", \"tickr\": \"X\"}}",
            fragment: "unknown key params.tickr for command 'run' (did you mean 'ticker'?); allowed: ticker"),
        Case(
            name: "string where a string is expected is fine, number is not",
            text: "{\(version), \(run), \"params\": {\"ticker\": 42}}", fragment: "params.ticker must be a string, got integer 42"),
        Case(
            name: "string never converted to a number",
            text: "{\(version), \(run), \"params\": {\"ticker\": \"SYN-ETH\", \"fee\": \"0.001\"}}",
            fragment: "params.fee must be a number, got string \"0.001\""),
        Case(
            name: "strategy parameter given a string",
            text: "{\(version), \(run), \"params\": {\"ticker\": \"SYN-ETH\", \"cooldown_days\": \"2\"}}",
            fragment: "params.cooldown_days must be a number, got string \"2\""),
        Case(
            name: "the same parameter under two names",
            text: "{\(version), \(run), \"params\": {\"ticker\": \"SYN-ETH\", \"out_dir\": \"a\", \"outdir\": \"b\"}}",
            fragment: "params.out_dir and params.outdir are the same parameter"),
        Case(
            name: "strategy params not numbers",
            text: "{\(version), \(run), \"params\": {\"ticker\": \"SYN-ETH\", \"params\": {\"rsi_buy_max\": \"55\"}}}",
            fragment: "params.params.rsi_buy_max must be a number, got string"),
        Case(
            name: "boolean flag given a string",
            text: "{\(version), \(run), \"params\": {\"ticker\": \"SYN-ETH\", \"report\": \"yes\"}}",
            fragment: "params.report must be a boolean, got string"),
        Case(name: "missing required key", text: "{\(version), \(run), \"params\": {}}", fragment: "params.ticker is required for command 'run'"),
        Case(
            name: "sweep without config_path", text: #"{"schema_version": "1.0", "command": "sweep", "params": {"out_dir": "x"}}"#,
            fragment: "params.config_path is required for command 'sweep'"),
        Case(
            name: "unknown envelope field", text: "{\(version), \(run), \"parameters\": {}}",
            fragment: "unknown envelope field 'parameters'"),
        Case(name: "request_id not a string", text: "{\(version), \(run), \"request_id\": 12}", fragment: "request_id must be a string, got integer"),
    ]

    @Test(arguments: cases)
    func badEnvelopeIsExit2WithNoSignal(_ bad: Case) throws {
        let scratch = try Scratch()
        let answer = try JSONRequest.send(bad.text, in: scratch, viaStandardInput: true)
        #expect(answer.status == 2, "\(answer.result.stdout)")
        #expect(answer.response["status"] as? String == "error")
        #expect(answer.response["schema_version"] as? String == "1.0")
        #expect(answer.error["code"] as? String == "INVALID_REQUEST")
        #expect(answer.error["exit_code"] as? Int == 2)
        #expect(answer.message.contains(bad.fragment), "message: \(answer.message)")
        #expect(answer.result.stderr.contains("error: \(bad.fragment)"), "stderr: \(answer.result.stderr)")
        #expect(answer.signals.isEmpty, "no event may be written for a rejected request")
        #expect(!FileManager.default.fileExists(atPath: scratch.path + "/outputs"), "nothing ran")
    }

    @Test func theRequestIDAndCommandOfARejectedRequestAreEchoed() throws {
        let scratch = try Scratch()
        let answer = try JSONRequest.send(
            #"{"schema_version": "1.0", "request_id": "job-9", "command": "run", "params": {"ticker": true}}"#, in: scratch)
        #expect(answer.status == 2)
        #expect(answer.response["request_id"] as? String == "job-9")
        #expect(answer.response["command"] as? String == "run")
    }

    @Test func requestsOverOneMebibyteAreRefused() throws {
        let scratch = try Scratch()
        let padding = String(repeating: " ", count: 1 << 20)
        let text = "{\"schema_version\": \"1.0\", \"command\": \"run\", \"params\": {\"ticker\": \"SYN-ETH\"}}" + padding
        _ = try scratch.file("big.json", text)
        for form in ["@big.json", "-"] {
            let result = try QSHProcess.run(
                ["--json-request", form, "--signal-file", "logs/s.jsonl"], in: scratch.path, stdin: form == "-" ? text : nil)
            let response = try JSONRequest.parseResponse(result)
            #expect(result.status == 2, "\(form)")
            let message = (response["error"] as? [String: Any])?["message"] as? String ?? ""
            #expect(message.contains("the limit is 1048576 (1 MiB)"), "\(form): \(message)")
            #expect(!FileManager.default.fileExists(atPath: scratch.path + "/logs/s.jsonl"))
        }
    }

    @Test func aMissingRequestFileIsExit2NamingIt() throws {
        let scratch = try Scratch()
        let result = try QSHProcess.run(["--json-request", "@nowhere.json"], in: scratch.path)
        let response = try JSONRequest.parseResponse(result)
        #expect(result.status == 2)
        let message = (response["error"] as? [String: Any])?["message"] as? String ?? ""
        #expect(message.contains("nowhere.json"), "\(message)")
    }

    @Test func aMissingEnvelopeArgumentStillAnswersWithOneLine() throws {
        let scratch = try Scratch()
        let result = try QSHProcess.run(["--json-request"], in: scratch.path)
        let response = try JSONRequest.parseResponse(result)
        #expect(result.status == 2)
        #expect(response["status"] as? String == "error")
    }
}
