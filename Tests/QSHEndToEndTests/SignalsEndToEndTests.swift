import Foundation
import Testing

/// SIGINT and SIGTERM sent to a real `qsh` in the middle of a long run, on every surface that
/// runs without a prompt (the prompt's Ctrl-C is in InteractivePTYEndToEndTests): the run stops
/// within a second, leaves no run or staging folder, SESSION_FAILED reaches the signal file,
/// a JSON request still answers with its response line, and the exit code is 130 or 143.
@Suite(.serialized)
struct SignalsEndToEndTests {
    enum Surface: String, CaseIterable, Sendable { case argv, script, jsonRequest }

    struct Case: Sendable, CustomTestStringConvertible {
        let surface: Surface
        let signal: Int32
        var testDescription: String { "\(signal == SIGINT ? "SIGINT" : "SIGTERM") during \(surface.rawValue)" }
    }

    static let cases = Surface.allCases.flatMap { surface in [SIGINT, SIGTERM].map { Case(surface: surface, signal: $0) } }

    /// About 4.7 million synthetic minute bars: seconds of work in the debug build.
    static let longRun = ["run", "--ticker", "SYN-ETH", "--interval", "1m", "--start", "2015-01-01", "--end", "2024-01-01"]

    @Test(arguments: cases)
    func aSignalStopsTheRunCleanly(_ c: Case) throws {
        let scratch = try Scratch()
        let signalFile = "logs/signals.jsonl"
        let arguments: [String]
        switch c.surface {
        case .argv:
            arguments = Self.longRun + ["--signal-file", signalFile]
        case .script:
            _ = try scratch.file(
                "job.qsh", "echo before\n" + (Self.longRun + ["--signal-file", signalFile]).joined(separator: " ") + "\necho after\n")
            arguments = ["--keep-going", "job.qsh"]
        case .jsonRequest:
            let request = try JSONRequest.envelope("run", [
                "ticker": "SYN-ETH", "interval": "1m", "start": "2015-01-01", "end": "2024-01-01",
            ], requestID: "sig-1")
            arguments = ["--json-request", request, "--signal-file", signalFile]
        }
        let running = try RunningQSH(arguments, in: scratch.path)
        // Wait until the session has started (validation is over, the work is under way).
        let startedBy = Date().addingTimeInterval(60)
        while !((try? scratch.read(signalFile))?.contains("SESSION_STARTED") ?? false) && Date() < startedBy && running.isRunning {
            usleep(10_000)
        }
        try #require(running.isRunning, "qsh ended before the signal: \(running.finish().stderr)")
        usleep(300_000)
        let sent = Date()
        kill(running.pid, c.signal)
        let result = running.finish(timeout: 10)
        let stoppedIn = Date().timeIntervalSince(sent)

        #expect(stoppedIn < 1, "stopped \(stoppedIn) s after the signal")
        #expect(result.status == (c.signal == SIGINT ? 130 : 143), "stderr: \(result.stderr)")
        #expect(!result.crashed)
        #expect(scratch.list("outputs/runs").filter { $0.hasPrefix(".staging") || !$0.hasPrefix(".") }.isEmpty,
                "\(scratch.list("outputs/runs"))")
        let lines = JSONRequest.signalLines(scratch, signalFile)
        #expect(lines.map { $0["event"] as? String } == ["SESSION_STARTED", "SESSION_FAILED"])
        #expect(lines.last?["error_type"] as? String == "Cancelled")
        #expect(lines.last?["exit_code"] as? Int == Int(result.status))
        switch c.surface {
        case .jsonRequest:
            let response = try JSONRequest.parseResponse(result)
            #expect(response["status"] as? String == "error" && response["request_id"] as? String == "sig-1")
            #expect((response["error"] as? [String: Any])?["exit_code"] as? Int == Int(result.status))
        case .script:
            // The script ends at the interrupted line even with --keep-going.
            #expect(result.stdout == "before\n")
            #expect(result.stderr.contains("job.qsh:2: error: "))
        case .argv:
            #expect(result.stdout.isEmpty)
        }
    }
}

/// A `qsh` process started in the background, to be signalled and then collected.
final class RunningQSH {
    let process = Process()
    let output = LockedData()
    let errors = LockedData()

    init(_ arguments: [String], in directory: String, environment extra: [String: String] = [:]) throws {
        guard FileManager.default.isExecutableFile(atPath: QSHProcess.binary) else {
            throw QSHProcess.BinaryMissing(path: QSHProcess.binary)
        }
        process.executableURL = URL(fileURLWithPath: QSHProcess.binary)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        process.environment = QSHProcess.childEnvironment(extra)
        let outPipe = Pipe(), errPipe = Pipe()
        process.standardOutput = outPipe
        process.standardError = errPipe
        process.standardInput = FileHandle.nullDevice
        try process.run()
        let output = self.output, errors = self.errors
        Thread { output.set(outPipe.fileHandleForReading.readDataToEndOfFile()) }.start()
        Thread { errors.set(errPipe.fileHandleForReading.readDataToEndOfFile()) }.start()
    }

    var pid: Int32 { process.processIdentifier }
    var isRunning: Bool { process.isRunning }

    /// Waits for the process (killing it after `timeout` seconds) and returns what it did.
    func finish(timeout: TimeInterval = 60) -> QSHResult {
        let deadline = Date().addingTimeInterval(timeout)
        while process.isRunning && Date() < deadline { usleep(5_000) }
        if process.isRunning { kill(pid, SIGKILL) }
        process.waitUntilExit()
        while !output.isSet || !errors.isSet { usleep(1_000) }
        return QSHResult(
            status: process.terminationStatus, stdout: String(decoding: output.value, as: UTF8.self),
            stderr: String(decoding: errors.value, as: UTF8.self), crashed: process.terminationReason == .uncaughtSignal)
    }
}
