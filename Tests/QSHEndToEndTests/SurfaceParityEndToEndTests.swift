import Foundation
import Testing

/// One command registry behind every surface: the same run as argv, in a script, piped on
/// standard input, typed at the prompt (a pseudo-terminal) and as a JSON request produces
/// the same files, byte for byte.
struct SurfaceParityEndToEndTests {
    static let clock = ["QSH_FIXED_NOW": "1767225600"]
    static let line = "run --ticker SYN-BTC --start 2021-06-01 --end 2023-06-01 --param rsi_buy_max=55 --report --request-id same-1"

    @Test func argvScriptStdinAndJSONAgree() throws {
        let scratch = try Scratch()
        let words = Self.line.split(separator: " ").map(String.init)
        let argv = try QSHProcess.run(words + ["--outdir", "argv"], in: scratch.path, environment: Self.clock)
        #expect(argv.status == 0, "argv: \(argv.stderr)")
        _ = try scratch.file("job.qsh", Self.line + " --outdir script\n")
        let script = try QSHProcess.run(["job.qsh"], in: scratch.path, environment: Self.clock)
        #expect(script.status == 0, "script: \(script.stderr)")
        let stdin = try QSHProcess.run([], in: scratch.path, environment: Self.clock, stdin: Self.line + " --outdir stdin\n")
        #expect(stdin.status == 0, "stdin: \(stdin.stderr)")
        let request = """
            {"schema_version": "1.0", "request_id": "same-1", "command": "run", "params": {"ticker": "SYN-BTC",
             "start": "2021-06-01", "end": "2023-06-01", "params": {"rsi_buy_max": 55}, "report": true, "out_dir": "json"}}
            """
        let json = try QSHProcess.run(["--json-request", request], in: scratch.path, environment: Self.clock)
        #expect(json.status == 0, "json: \(json.stderr)")

        var roots = ["script", "stdin", "json"]
        if InteractivePTYEndToEndTests.python != nil {
            let typed = try InteractivePTYEndToEndTests.play(
                "typed_line", in: scratch.path,
                environment: Self.clock.merging(["QSH_PTY_LINE": Self.line + " --outdir prompt"]) { $1 })
            #expect(typed.status == 0 && typed.output.contains("line_status=0"), "prompt: \(typed.output)")
            roots.append("prompt")
        }

        let run = try #require(scratch.runDirectories("argv").first)
        for root in roots {
            #expect(scratch.runDirectories(root) == [run], "\(root) has the same run id")
            #expect(scratch.list("\(root)/runs/\(run)") == scratch.list("argv/runs/\(run)"))
            for file in ["config.json", "metrics.json", "report.json", "trades.csv", "equity.csv", "run_report.md"] {
                #expect(try scratch.read("\(root)/runs/\(run)/\(file)") == scratch.read("argv/runs/\(run)/\(file)"), "\(root) \(file)")
            }
        }
    }
}
