import Foundation
import QSHArtifacts
import QSHCore
import QSHProtocol
import QSHServices
import Synchronization
import Testing

/// The session runner with a service of the test's own (its own event kind, its own outcome):
/// what a new service gets from the framework without writing any of it.
struct SessionRunnerTests {
    /// Counts to `steps`, publishing each step as its own signal kind; cancels itself at
    /// `cancelAt` (as a signal would) to show how a stopped service is reported.
    struct CountingService: Service {
        struct Request: Sendable {
            let steps: Int
            let cancelAt: Int?
        }

        struct Outcome: ServiceOutcome {
            let steps: Int
            var summary: JSONValue? { .object(["steps": .int(Int64(steps))]) }
            var completionFields: [String: JSONValue] { ["counted": .int(Int64(steps))] }
            var responseFields: [String: JSONValue] { ["summary": summary!, "counted": .int(Int64(steps))] }
        }

        func prepare(_ request: Request, context: ServiceContext) throws -> Request {
            guard request.steps <= 100 else { throw InvalidInputError("--steps: \(request.steps) is too many") }
            return request
        }

        func run(_ request: Request, context: ServiceContext) async throws -> Outcome {
            for step in 0..<request.steps {
                if step == request.cancelAt { context.cancellation.cancel(.interrupt) }
                try context.checkCancellation()
                context.emit(ResultEvent(name: "COUNT_STEP", fields: ["step": .int(Int64(step))], line: "step \(step)"))
                context.emit(ProgressEvent(label: "counting", done: step + 1, total: request.steps, unit: "steps"))
            }
            return Outcome(steps: request.steps)
        }
    }

    static let declaration = CommandDeclaration(
        path: ["count"], summary: "Count.",
        parameters: [
            ParameterDeclaration("steps", .integer, required: true, help: "how many"),
            ParameterDeclaration("cancel_at", .integer, help: "cancel at this step"),
            ParameterDeclaration(SessionOptions.signalFile, .string, flags: ["--signal-file"], surfaces: .commandLine, help: "signals"),
        ],
        machineName: "count")

    static let registry = CommandRegistry(
        commands: [
            RegisteredCommand(
                declaration,
                executor: ServiceCommand(
                    CountingService(), request: { .init(steps: $0.integer("steps") ?? 0, cancelAt: $0.integer("cancel_at")) },
                    render: { outcome, _, _ in "counted \(outcome.steps)" }))
        ],
        groups: [])

    final class Capture: Sendable {
        let out = Mutex<[String]>([])
        let err = Mutex<String>("")
        var streams: OutputStreams {
            OutputStreams(
                writeOut: { line in self.out.withLock { $0.append(line) } },
                writeErr: { text in self.err.withLock { $0 += text } }, errorIsTerminal: false)
        }
    }

    func runner(_ capture: Capture) -> SessionRunner {
        SessionRunner(registry: Self.registry, streams: capture.streams, environment: [:], signals: nil)
    }

    func signals(_ path: String) throws -> [JSONValue] {
        guard let data = FileManager.default.contents(atPath: path) else { return [] }
        return try String(decoding: data, as: UTF8.self).split(separator: "\n").map { try JSONValue.parse(String($0)) }
    }

    func scratchFolder() throws -> String {
        let path = NSTemporaryDirectory() + "qsh-runner-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
        return path
    }

    @Test func aCommandLineSessionSignalsItsOwnEventsAndReturnsTheOutcome() async throws {
        let folder = try scratchFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let capture = Capture()
        let result = await runner(capture).run(
            arguments: ["count", "--steps", "3", "--signal-file", "s.jsonl"], workingDirectory: folder)
        #expect(result.exitCode == 0)
        #expect((result.outcome as? CountingService.Outcome)?.steps == 3)
        #expect(capture.out.withLock { $0 } == ["counted 3"])
        #expect(capture.err.withLock { $0 } == "step 0\nstep 1\nstep 2\n")
        let lines = try signals(folder + "/s.jsonl")
        #expect(lines.map { $0["event"]?.stringValue } == ["SESSION_STARTED", "COUNT_STEP", "COUNT_STEP", "COUNT_STEP", "SESSION_COMPLETED"])
        #expect(lines[2]["step"] == 1 && lines[2]["mode"] == "count")
        #expect(lines[4]["counted"] == 3)
    }

    @Test func aMachineRequestAnswersWithTheOutcomesFields() async throws {
        let folder = try scratchFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let capture = Capture()
        let request = #"{"schema_version": "1.0", "request_id": "r9", "command": "count", "params": {"steps": 2}}"#
        let result = await runner(capture).run(requestArgument: request, signalFile: "s.jsonl", workingDirectory: folder)
        #expect(result.exitCode == 0)
        let response = try JSONValue.parse(capture.out.withLock { $0 }.joined())
        #expect(response["status"] == "success" && response["request_id"] == "r9" && response["counted"] == 2)
        #expect(response["summary"]?["steps"] == 2 && response["run_id"] == .null)
        #expect(try signals(folder + "/s.jsonl").count == 4)
        // The signal-file option is a command-line spelling only: JSON requests have the envelope's.
        let rejected = await runner(capture).run(
            requestArgument: #"{"schema_version": "1.0", "command": "count", "params": {"steps": 2, "signal_file": "x"}}"#,
            signalFile: nil, workingDirectory: folder)
        #expect(rejected.exitCode == 2)
    }

    @Test func aStoppedServiceEndsWithItsReasonsExitCode() async throws {
        let folder = try scratchFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let capture = Capture()
        let result = await runner(capture).run(
            arguments: ["count", "--steps", "5", "--cancel-at", "2", "--signal-file", "s.jsonl"], workingDirectory: folder)
        #expect(result.exitCode == 130 && result.wasCancelled)
        let last = try #require(try signals(folder + "/s.jsonl").last)
        #expect(last["event"] == "SESSION_FAILED" && last["error_type"] == "Cancelled" && last["exit_code"] == 130)
    }

    /// A service whose work runs in child tasks that only stop when their task is cancelled
    /// (as tuner workers or soak symbols would).
    struct ParallelService: Service {
        final class Counter: Sendable {
            let value = Mutex(0)
        }
        let started = Counter()

        func prepare(_ request: Int, context: ServiceContext) throws -> Int { request }

        func run(_ workers: Int, context: ServiceContext) async throws -> CountingService.Outcome {
            await withTaskGroup(of: Void.self) { group in
                for _ in 0..<workers {
                    group.addTask { [started] in
                        started.value.withLock { $0 += 1 }
                        while !Task.isCancelled { try? await Task.sleep(for: .milliseconds(1)) }
                    }
                }
            }
            try context.checkCancellation()
            return CountingService.Outcome(steps: workers)
        }
    }

    /// Hands the test the session's cancellation handler, as the process signal hub would.
    final class ManualCancellation: CancellationSource {
        let handler = Mutex<(@Sendable (CancellationReason) -> Void)?>(nil)

        func whileRunning<T: Sendable>(
            onSignal: @escaping @Sendable (CancellationReason) -> Void, _ body: () async -> T
        ) async -> T {
            handler.withLock { $0 = onSignal }
            return await body()
        }

        func fire(_ reason: CancellationReason) { handler.withLock { $0 }?(reason) }
    }

    @Test func aSignalCancelsTheServicesChildTasks() async throws {
        let service = ParallelService()
        let registry = CommandRegistry(
            commands: [
                RegisteredCommand(
                    CommandDeclaration(path: ["parallel"], summary: "p", parameters: []),
                    executor: ServiceCommand(service, request: { _ in 3 }, render: { _, _, _ in nil }))
            ],
            groups: [])
        let source = ManualCancellation()
        let runner = SessionRunner(registry: registry, streams: Capture().streams, environment: [:], signals: source)
        let session = Task { await runner.run(arguments: ["parallel"], workingDirectory: "/") }
        while service.started.value.withLock({ $0 }) < 3 { try await Task.sleep(for: .milliseconds(1)) }
        source.fire(.terminate)
        let result = await session.value
        #expect(result.exitCode == 143 && result.wasCancelled)
    }

    @Test func aRejectedRequestStartsNoSession() async throws {
        let folder = try scratchFolder()
        defer { try? FileManager.default.removeItem(atPath: folder) }
        let capture = Capture()
        let result = await runner(capture).run(
            arguments: ["count", "--steps", "500", "--signal-file", "s.jsonl"], workingDirectory: folder, location: "job.qsh:3")
        #expect(result.exitCode == 2)
        #expect(capture.err.withLock { $0 } == "job.qsh:3: error: --steps: 500 is too many\n")
        #expect(!FileManager.default.fileExists(atPath: folder + "/s.jsonl"))
    }
}
