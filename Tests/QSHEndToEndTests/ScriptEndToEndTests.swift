import Foundation
import Testing

/// `.qsh` scripts as users run them: files with arguments, `-c`, standard input, shebang,
/// `set -e` with `file:line:` errors, `--keep-going`, `source`, and the shipped examples.
struct ScriptEndToEndTests {
    @Test func variablesQuotingAndContinuation() throws {
        let scratch = try Scratch()
        let script = try scratch.file("vars.qsh", """
            # comment line
            set NAME "two words"   # trailing comment
            echo [$NAME] '[$NAME]' "[${NAME}]" \\
                continued
            echo args=$# first=$1 all=$@ default=${3:-none}
            set -e
            unset NAME
            echo [$NAME] $HOME_FOR_TEST
            vars
            """)
        let result = try QSHProcess.run([script, "A", "B C"], in: scratch.path, environment: ["HOME_FOR_TEST": "env-ok"])
        #expect(result.status == 0, "stderr: \(result.stderr)")
        #expect(result.stdout == """
            [two words] [$NAME] [two words] continued
            args=2 first=A all=A B C default=none
            [] env-ok

            """)
    }

    @Test func setEStopsAtTheFirstFailureWithFileAndLine() throws {
        let scratch = try Scratch()
        let script = try scratch.file("job.qsh", """
            echo one
            run --ticker SYN-ETH --strategy moon
            echo never
            """)
        let result = try QSHProcess.run(["job.qsh"], in: scratch.path)
        #expect(result.status == 4)
        #expect(result.stdout == "one\n")
        #expect(result.stderr.hasPrefix("job.qsh:2: error: unknown strategy 'moon'"), "\(result.stderr)")
        _ = script

        let keepGoing = try QSHProcess.run(["--keep-going", "job.qsh"], in: scratch.path)
        #expect(keepGoing.status == 4)
        #expect(keepGoing.stdout == "one\nnever\n")

        let plusE = try scratch.file("plus.qsh", "set +e\nrun --ticker NOPE\necho after\n")
        let relaxed = try QSHProcess.run([plusE], in: scratch.path)
        #expect(relaxed.status == 3)
        #expect(relaxed.stdout == "after\n")
    }

    @Test func exitCodesAndArgumentErrors() throws {
        let scratch = try Scratch()
        let exits = try QSHProcess.run(["-c", "echo before\nexit 7\necho after"], in: scratch.path)
        #expect(exits.status == 7)
        #expect(exits.stdout == "before\n")
        let usage = try QSHProcess.run(["-c", "run --ticker SYN-ETH --bogus"], in: scratch.path)
        #expect(usage.status == 2)
        #expect(usage.stderr.contains("-c:1: error:"))
        #expect(usage.stderr.contains("--bogus"))
        let quote = try QSHProcess.run(["-c", "echo 'unterminated"], in: scratch.path)
        #expect(quote.status == 2)
        let missing = try QSHProcess.run(["missing.qsh"], in: scratch.path)
        #expect(missing.status == 2)
        #expect(missing.stderr.contains("missing.qsh"))
    }

    @Test func standardInputAndSource() throws {
        let scratch = try Scratch()
        _ = try scratch.file("lib.qsh", "set FROM_LIB yes\necho sourced $1\n")
        let piped = try QSHProcess.run([], in: scratch.path, stdin: "source lib.qsh arg\necho lib=$FROM_LIB\npwd\n")
        #expect(piped.status == 0, "stderr: \(piped.stderr)")
        #expect(piped.stdout.hasPrefix("sourced arg\nlib=yes\n"))
        #expect(!piped.stdout.contains("qsh>"), "no prompt noise when stdin is not a terminal")
        let failing = try QSHProcess.run([], in: scratch.path, stdin: "echo a\nrun --ticker SYN-ETH --fee -1\necho b\n")
        #expect(failing.status == 2)
        #expect(failing.stderr.contains("<stdin>:2: error:"))
        #expect(failing.stdout == "a\n")
    }

    @Test func shebangScriptsRunDirectly() throws {
        let scratch = try Scratch()
        let script = try scratch.file("tool.qsh", "#!/usr/bin/env qsh\necho shebang $1\n")
        chmod(script, 0o755)
        let binDir = (QSHProcess.binary as NSString).deletingLastPathComponent
        let process = Process()
        process.executableURL = URL(fileURLWithPath: script)
        process.arguments = ["ok"]
        var environment = ProcessInfo.processInfo.environment
        environment["PATH"] = binDir + ":" + (environment["PATH"] ?? "/usr/bin:/bin")
        process.environment = environment
        let pipe = Pipe()
        process.standardOutput = pipe
        try process.run()
        let output = pipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        #expect(process.terminationStatus == 0)
        #expect(String(decoding: output, as: UTF8.self) == "shebang ok\n")
    }

    @Test func lastRunIsAvailable() throws {
        let scratch = try Scratch()
        let result = try QSHProcess.run(
            ["-c", "run --ticker SYN-ETH --json\necho id=$LAST_RUN\nlast\nruns show $LAST_RUN --json"], in: scratch.path)
        #expect(result.status == 0, "stderr: \(result.stderr)")
        let run = try #require(scratch.runDirectories().first)
        #expect(result.stdout.contains("id=\(run)\n"))
        #expect(result.stdout.contains("\(run)  \(scratch.path)"))
    }

    @Test(arguments: ["research-session.qsh", "compare-strategies.qsh"])
    func shippedExamplesRun(_ name: String) throws {
        let scratch = try Scratch()
        let example = QSHProcess.packageRoot.appendingPathComponent("scripts/examples/\(name)").path
        let result = try QSHProcess.run([example, "SYN-ETH", "out"], in: scratch.path)
        #expect(result.status == 0, "stderr: \(result.stderr)")
        #expect(scratch.runDirectories("out").count >= 3)
        #expect(result.stdout.contains("run_id"))
    }
}

extension ScriptEndToEndTests {
    @Test(arguments: ["bash", "zsh", "fish"])
    func hostShellCompletionScripts(_ shell: String) throws {
        let scratch = try Scratch()
        let result = try QSHProcess.run(["--generate-completion-script", shell], in: scratch.path)
        #expect(result.status == 0)
        #expect(result.stdout.contains("qsh"))
        #expect(result.stdout.contains("ticker"))
        #expect(result.stdout.contains("winrate_active_days"), "metric names after --metric")
    }
}
