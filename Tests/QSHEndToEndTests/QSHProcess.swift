import Foundation

/// Runs the built `qsh` binary the way a user or orchestrator would, and captures what it did.
struct QSHResult {
    /// The exit code, or the signal number when `crashed`.
    let status: Int32
    let stdout: String
    let stderr: String
    /// Killed by a signal (a trap, a segfault): never acceptable.
    var crashed = false
}

enum QSHProcess {
    static let packageRoot = URL(fileURLWithPath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    /// `QSH_BINARY`, else the debug build in `.build/` (built by `scripts/test`).
    static let binary: String = {
        if let override = ProcessInfo.processInfo.environment["QSH_BINARY"] { return override }
        for configuration in ["debug", "release"] {
            let candidate = packageRoot.appendingPathComponent(".build/\(configuration)/qsh").path
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return packageRoot.appendingPathComponent(".build/debug/qsh").path
    }()

    static let realDataDirectory: String = {
        if let override = ProcessInfo.processInfo.environment["QSH_REAL_DATA_DIR"] { return override }
        return packageRoot.deletingLastPathComponent().appendingPathComponent("shared/data/real").path
    }()

    static var hasRealData: Bool {
        FileManager.default.fileExists(atPath: realDataDirectory + "/ETH-USD_1d.csv")
    }

    /// Runs `qsh arguments...` in `directory` with a controlled environment.
    @discardableResult
    static func run(
        _ arguments: [String], in directory: String, environment extra: [String: String] = [:], stdin: String? = nil
    ) throws -> QSHResult {
        try run(arguments, in: directory, environment: extra, stdinBytes: stdin.map { Data($0.utf8) })
    }

    /// The same with raw bytes on standard input (which need not be UTF-8).
    @discardableResult
    static func run(
        _ arguments: [String], in directory: String, environment extra: [String: String] = [:], stdinBytes: Data?
    ) throws -> QSHResult {
        guard FileManager.default.isExecutableFile(atPath: binary) else {
            throw BinaryMissing(path: binary)
        }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: binary)
        process.arguments = arguments
        process.currentDirectoryURL = URL(fileURLWithPath: directory)
        process.environment = childEnvironment(extra)
        let outPipe = Pipe(), errPipe = Pipe(), inPipe = Pipe()
        process.standardOutput = outPipe
        process.standardError = errPipe
        process.standardInput = inPipe
        _ = ignoreBrokenPipes
        try process.run()
        // Feed stdin and drain stderr on their own threads, so that neither a child that stops
        // reading early nor one that writes a lot can block the other side.
        let input = inPipe.fileHandleForWriting
        let written = LockedData()
        Thread {
            if let stdinBytes { try? input.write(contentsOf: stdinBytes) }
            try? input.close()
            written.set(Data())
        }.start()
        let errorData = LockedData()
        let reader = Thread { errorData.set(errPipe.fileHandleForReading.readDataToEndOfFile()) }
        reader.start()
        let output = outPipe.fileHandleForReading.readDataToEndOfFile()
        process.waitUntilExit()
        while !errorData.isSet || !written.isSet { usleep(1_000) }
        return QSHResult(
            status: process.terminationStatus, stdout: String(decoding: output, as: UTF8.self),
            stderr: String(decoding: errorData.value, as: UTF8.self),
            crashed: process.terminationReason == .uncaughtSignal)
    }

    /// The test runner's environment without QSH_DATA_DIR, with NO_COLOR, plus `extra`.
    static func childEnvironment(_ extra: [String: String]) -> [String: String] {
        var environment = ProcessInfo.processInfo.environment
        environment.removeValue(forKey: "QSH_DATA_DIR")
        environment["NO_COLOR"] = "1"
        for (key, value) in extra { environment[key] = value }
        return environment
    }

    /// A child that exits before reading all of its input must not take the test runner down
    /// with SIGPIPE: the write fails with EPIPE instead.
    static let ignoreBrokenPipes: Void = { signal(SIGPIPE, SIG_IGN) }()

    struct BinaryMissing: Error, CustomStringConvertible {
        let path: String
        var description: String { "qsh binary not found at \(path); run scripts/test (or swift build) first" }
    }
}

final class LockedData: @unchecked Sendable {
    private let lock = NSLock()
    private var data = Data()
    private var done = false
    func set(_ value: Data) { lock.withLock { data = value; done = true } }
    var isSet: Bool { lock.withLock { done } }
    var value: Data { lock.withLock { data } }
}

/// A fresh temporary folder per test, removed afterwards.
final class Scratch {
    let path: String

    init() throws {
        path = NSTemporaryDirectory() + "qsh-e2e-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }

    deinit { try? FileManager.default.removeItem(atPath: path) }

    func file(_ name: String, _ contents: String) throws -> String {
        let target = (path as NSString).appendingPathComponent(name)
        try FileManager.default.createDirectory(
            atPath: (target as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
        try contents.write(toFile: target, atomically: true, encoding: .utf8)
        return target
    }

    func read(_ relative: String) throws -> String {
        try String(contentsOfFile: (path as NSString).appendingPathComponent(relative), encoding: .utf8)
    }

    func json(_ relative: String) throws -> [String: Any] {
        let data = try Data(contentsOf: URL(fileURLWithPath: (path as NSString).appendingPathComponent(relative)))
        return try JSONSerialization.jsonObject(with: data) as? [String: Any] ?? [:]
    }

    func list(_ relative: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: (path as NSString).appendingPathComponent(relative))) ?? []).sorted()
    }

    /// Run directories under `outputs/runs` (index files and hidden entries excluded).
    func runDirectories(_ root: String = "outputs") -> [String] {
        list(root + "/runs").filter { !$0.hasPrefix(".") && !$0.hasPrefix("runs_index") }
    }
}
