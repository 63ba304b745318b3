import Foundation
import QSHArtifacts
import QSHCore
import Subprocess
import Synchronization

#if canImport(System)
    import System
#else
    import SystemPackage
#endif

/// `tune run --isolate`: one job in a `qsh` process of its own, for strategies that cannot share
/// state with other jobs. The child is `qsh tune run --jobs-file - --force --workers 1 --timeout T`
/// with the job's plan line on its standard input, in the context's working folder and
/// environment, so it computes and writes the result record exactly as an in-process run does.
/// The parent reads that record back, and writes one itself only when the child left none:
/// `timeout` when the child outlived `--timeout` and was killed, `failed` with the reason when
/// it crashed or exited otherwise.
struct TuneIsolatedJob: Sendable {
    /// How the children start (in the plan: checked once, by `prepare`).
    struct Settings: Sendable {
        let executable: String
        let timeoutSeconds: Double

        init(context: ServiceContext, timeoutSeconds: Double) throws {
            // The path comes from the surface: a service does not look at its own process.
            guard let executable = context.executablePath else {
                throw InvalidInputError("--isolate: the qsh executable to start is not known here")
            }
            self.executable = executable
            self.timeoutSeconds = timeoutSeconds
        }

        var arguments: [String] {
            ["tune", "run", "--jobs-file", "-", "--force", "--workers", "1", "--timeout", Format.decimal(timeoutSeconds), "--quiet"]
        }
    }

    enum Ended: Sendable {
        /// The child wrote this result.
        case recorded(TuneResult)
        /// The child left no result: this one is the parent's to write.
        case unrecorded(TuneResult)
        /// A signal to this session stopped the child before it had a result: the job counts
        /// as not started and leaves nothing behind, so a later run does it.
        case interrupted
    }

    let settings: Settings
    let context: ServiceContext

    func run(_ runnable: TuneRunnableJob) async -> Ended {
        // Unstructured, so that the session's cancellation (SIGINT/SIGTERM) does not tear the
        // child down: like an in-process worker, it finishes the job it has.
        await Task { await supervise(runnable) }.value
    }

    private func supervise(_ runnable: TuneRunnableJob) async -> Ended {
        let before = FileIdentity(path: runnable.output)
        let started = context.clock()
        let timeout = Duration.microseconds(Int64((settings.timeoutSeconds * 1_000_000).rounded()))
        let status: TerminationStatus
        let watched: Watched
        do {
            let environment = Dictionary(
                context.environment.compactMap { key, value in Environment.Key(rawValue: key).map { ($0, value) } },
                uniquingKeysWith: { first, _ in first })
            let outcome = try await Subprocess.run(
                .path(FilePath(settings.executable)), arguments: Arguments(settings.arguments),
                environment: .custom(environment), workingDirectory: FilePath(context.workingDirectory),
                input: .inputWriter, output: .discarded, error: .sequence
            ) { execution in
                // Written here rather than as `.array` input: Subprocess 1.0.2 traps when a child
                // dies before its input task closes the pipe. One line fits the pipe's buffer.
                _ = try? await execution.standardInputWriter.write(Array((runnable.job.line + "\n").utf8))
                try? await execution.standardInputWriter.finish()
                return await Self.watch(execution.standardError, timeout: timeout) { try? execution.send(signal: .kill) }
            }
            status = outcome.terminationStatus
            watched = outcome.closureResult
        } catch {
            return .unrecorded(ended(runnable, .failed, "the job's process could not be started: \(error)", started))
        }
        if let recorded = Self.readBack(runnable, unless: before, started: started, finished: context.clock()) {
            return .recorded(recorded)
        }
        if watched.killed {
            return .unrecorded(ended(runnable, .timeout, TuneTimeout.message(settings.timeoutSeconds), started, type: "TimeoutError"))
        }
        let reason: String
        switch status {
        case .exited(let code):
            if (code == 130 || code == 143) && context.cancellation.isCancelled { return .interrupted }
            reason = "the job's process ended with exit code \(code)" + (watched.lastLine.map { ": \($0)" } ?? "")
        case .signaled(let number):
            if (number == SIGINT || number == SIGTERM) && context.cancellation.isCancelled { return .interrupted }
            reason = "the job's process ended with signal \(number)"
        }
        return .unrecorded(ended(runnable, .failed, reason, started))
    }

    /// What the parent saw of a child: the last line of its standard error, and whether it was
    /// killed for its timeout.
    struct Watched: Sendable {
        var lastLine: String?
        var killed = false
    }

    /// Drains the child's standard error (it must not block on a full pipe), keeping its tail,
    /// and calls `kill` if the child is still writing to it (alive) after `timeout`.
    static func watch(
        _ errors: SubprocessOutputSequence, timeout: Duration, kill: @escaping @Sendable () -> Void
    ) async -> Watched {
        enum Event: Sendable { case drained(String?), deadline, cancelled }
        return await withTaskGroup(of: Event.self) { group in
            group.addTask {
                var tail: [UInt8] = []
                do {
                    for try await buffer in errors {
                        buffer.withUnsafeBytes { tail.append(contentsOf: $0) }
                        if tail.count > 8192 { tail.removeFirst(tail.count - 4096) }
                    }
                } catch {}
                let lines = String(decoding: tail, as: UTF8.self).split(whereSeparator: \.isNewline)
                return .drained(lines.last.map { Excerpt.of(String($0), limit: 300) })
            }
            group.addTask {
                do {
                    try await Task.sleep(for: timeout)
                    return .deadline
                } catch {
                    return .cancelled
                }
            }
            var watched = Watched()
            while let event = await group.next() {
                switch event {
                case .drained(let line):
                    watched.lastLine = line
                    group.cancelAll()
                case .deadline:
                    watched.killed = true
                    kill()
                case .cancelled:
                    break
                }
            }
            return watched
        }
    }

    /// The result the child wrote: a record of this job at its `output_json` that was not
    /// there before it started (a new file identity; the writes are atomic renames). The times
    /// are the parent's: the record on disk keeps the child's.
    static func readBack(_ runnable: TuneRunnableJob, unless before: FileIdentity?, started: Date, finished: Date) -> TuneResult? {
        guard let after = FileIdentity(path: runnable.output), after != before,
            case .bytes(let bytes) = SmallFile.read(runnable.output), let value = try? JSONValue.parse(bytes: bytes),
            value["job_id"]?.stringValue == runnable.job.jobID, value["plan_id"]?.stringValue == runnable.job.planID,
            let status = value["status"]?.stringValue.flatMap(TuneResult.Status.init(rawValue:))
        else { return nil }
        func present(_ value: JSONValue?) -> JSONValue? { value?.isNull == false ? value : nil }
        let error = present(value["error"])
        var result = TuneResult(
            job: runnable.job, status: status, summary: present(value["summary"]), metrics: present(value["metrics"]),
            startedAt: started, finishedAt: finished, errorType: error?["type"]?.stringValue,
            message: error?["message"]?.stringValue)
        result.evaluationSeconds = value["timing"]?["evaluation_seconds"]?.doubleValue ?? 0
        return result
    }

    private func ended(
        _ runnable: TuneRunnableJob, _ status: TuneResult.Status, _ message: String, _ started: Date,
        type: String = "ProcessError"
    ) -> TuneResult {
        TuneResult(
            job: runnable.job, status: status, summary: nil, metrics: nil, startedAt: started, finishedAt: context.clock(),
            errorType: type, message: message)
    }
}

extension TuneWorkerPool {
    /// A job in a child process: its result and whether the child wrote it, or nil when a
    /// signal stopped it first (not started).
    func isolated(_ runnable: TuneRunnableJob, _ settings: TuneIsolatedJob.Settings) async -> (TuneResult, written: Bool)? {
        switch await TuneIsolatedJob(settings: settings, context: context).run(runnable) {
        case .recorded(let result): (result, true)
        case .unrecorded(let result): (result, false)
        case .interrupted: nil
        }
    }
}

extension TuneTimeout {
    /// The message of a timed-out job's record, in-process or isolated.
    static func message(_ seconds: Double) -> String { "exceeded the timeout of \(Format.decimal(seconds)) s" }
}
