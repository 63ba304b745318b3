import Foundation
import Testing

/// The `qsh> ` prompt typed at through a pseudo-terminal: `Tests/pty/drive_qsh.py` (Python
/// standard library) starts the real binary with no arguments on a pty and plays one
/// scenario; these tests run it and check its verdict. Serialized: several scenarios measure
/// time (prompt after Ctrl-C, completion, startup).
@Suite(.serialized)
struct InteractivePTYEndToEndTests {
    static let python: String? = {
        let path = ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"
        for folder in path.split(separator: ":") {
            let candidate = "\(folder)/python3"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }()

    static let driver = QSHProcess.packageRoot.appendingPathComponent("Tests/pty/drive_qsh.py").path

    struct Verdict {
        let status: Int32
        let output: String
    }

    /// Runs one scenario in `folder` (a fresh one by default), with `environment` added to the
    /// driver's; gives up (and fails) after `limit` seconds.
    static func play(
        _ scenario: String, in folder: String? = nil, environment: [String: String] = [:], limit: TimeInterval = 180
    ) throws -> Verdict {
        guard let python else { throw PythonMissing() }
        guard FileManager.default.isExecutableFile(atPath: QSHProcess.binary) else {
            throw QSHProcess.BinaryMissing(path: QSHProcess.binary)
        }
        let scratch = try Scratch()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: python)
        process.arguments = [driver, scenario, QSHProcess.binary, folder ?? scratch.path]
        process.environment = ProcessInfo.processInfo.environment.merging(environment) { $1 }
        let pipe = Pipe()
        process.standardOutput = pipe
        process.standardError = pipe
        try process.run()
        let output = LockedData()
        let reader = Thread { output.set(pipe.fileHandleForReading.readDataToEndOfFile()) }
        reader.start()
        let deadline = Date().addingTimeInterval(limit)
        while process.isRunning && Date() < deadline { usleep(20_000) }
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
        while !output.isSet { usleep(1_000) }
        return Verdict(status: process.terminationStatus, output: String(decoding: output.value, as: UTF8.self))
    }

    struct PythonMissing: Error, CustomStringConvertible {
        var description: String { "python3 not found on PATH" }
    }

    /// `name=value` numbers from the driver's PASS line.
    static func measurement(_ name: String, in output: String) -> Double? {
        for field in output.split(whereSeparator: { $0 == " " || $0 == "\n" }) where field.hasPrefix(name + "=") {
            return Double(field.dropFirst(name.count + 1))
        }
        return nil
    }

    struct Scenario: CustomTestStringConvertible, Sendable {
        let name: String
        let what: String
        var testDescription: String { what }
    }

    static let scenarios = [
        Scenario(name: "complete", what: "Tab completes a command, a flag, a strategy, a strategy parameter and a path"),
        Scenario(name: "history", what: "Up recalls history across restarts; ^R searches; two open shells share the file"),
        Scenario(name: "ctrl_c_prompt", what: "Ctrl-C at the prompt abandons the line and gives a fresh prompt"),
        Scenario(
            name: "ctrl_c_command",
            what: "Ctrl-C during a long run returns to the prompt within a second, no incomplete run folder"),
        Scenario(name: "ctrl_d", what: "Ctrl-D on an empty line exits 0; exit N exits N"),
        Scenario(name: "utf8", what: "UTF-8 typed at the prompt survives"),
        Scenario(
            name: "plain",
            what: "stdout not a terminal: no editing, no history, only output on stdout; Ctrl-D at ...> drops the line"),
        Scenario(name: "progress", what: "a multi-second run draws a progress line on the terminal; --quiet draws none"),
        Scenario(name: "set_e", what: "set -e at the prompt is refused (status 2); in a sourced file it stops that file only"),
        Scenario(
            name: "ctrl_d_continuation",
            what: "Ctrl-D at ...> drops the unfinished line and the qsh> prompt returns; the shell stays"),
        Scenario(
            name: "complete_line",
            what: "Tab leaves out flags already on the line (not --param) and offers metric names after --metric"),
        Scenario(
            name: "watch",
            what: "paper watch redraws a running session in place; Ctrl-C stops the watcher (130), not the session"),
    ]

    /// Each scenario's assertions live in the driver; it exits 0 only when all of them held.
    @Test(
        .enabled(if: python != nil, "python3 is not installed: the pseudo-terminal tests need it"),
        arguments: scenarios)
    func scenario(_ scenario: Scenario) throws {
        let verdict = try Self.play(scenario.name)
        #expect(verdict.status == 0, "\(verdict.output)")
    }

    /// How long startup takes is measured by `scripts/bench`; this checks that a key typed the
    /// instant the prompt appears is not lost, over several starts.
    @Test(
        "A key typed as the first prompt appears is taken",
        .enabled(if: python != nil, "python3 is not installed: the pseudo-terminal tests need it"))
    func firstKeyAtStartup() throws {
        let verdict = try Self.play("startup")
        #expect(verdict.status == 0, "\(verdict.output)")
        #expect(Self.measurement("startup_ms_median", in: verdict.output) != nil, "\(verdict.output)")
    }
}

extension InteractivePTYEndToEndTests {
    /// The same multi-second run with stderr a pipe: no progress line, nothing on stderr at all.
    @Test func aPipedRunPrintsNoProgress() throws {
        let scratch = try Scratch()
        let result = try QSHProcess.run(
            ["run", "--ticker", "SYN-ETH", "--interval", "1m", "--start", "2023-11-01", "--end", "2024-01-01"], in: scratch.path)
        #expect(result.status == 0, "\(result.stderr)")
        #expect(result.stderr.isEmpty, "stderr: \(result.stderr.debugDescription)")
        #expect(!result.stdout.contains("\r"))
    }
}
