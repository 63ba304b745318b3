import Foundation
import Testing

/// Every command line README.md and docs/cli.md print runs as printed, from a checkout with
/// `../shared` beside it: the README's `$Q ...` lines in order (later ones read the runs earlier
/// ones made), then the runnable `qsh ...` examples of cli.md. Synopses (`[...]`, `A|B`,
/// `<placeholder>`, `FILE`) are not command lines and are skipped, except the README's
/// `<run_id>` and `<session_id>`, which stand for the last run and paper session made.
@Suite(.serialized, .enabled(if: QSHProcess.hasRealData, "../shared/data/real is absent: the documented examples read it"))
struct DocumentedCommandsEndToEndTests {
    struct Example: CustomTestStringConvertible, Sendable {
        let source: String
        let line: String
        var testDescription: String { "\(source): \(line.prefix(90))" }
    }

    static let placeholderWords: Set<String> = [
        "FILE", "LINE", "ARG", "ARG...", "COMMAND", "NAME", "ENVELOPE", "PATH", "DIR", "REQUEST", "N", "KEY", "VALUE",
    ]

    /// A checkout as a user has it: the package's scripts, `../shared`, and the files the
    /// examples name (`request.json`, `job.qsh`).
    /// Shared by the serialized tests of this suite only (hence unchecked).
    final class Checkout: @unchecked Sendable {
        let root: Scratch
        var directory: String { root.path + "/main" }

        init() throws {
            root = try Scratch()
            let manager = FileManager.default
            try manager.createDirectory(atPath: root.path + "/main", withIntermediateDirectories: true)
            try manager.createSymbolicLink(
                atPath: root.path + "/shared",
                withDestinationPath: ((QSHProcess.realDataDirectory as NSString).deletingLastPathComponent as NSString)
                    .deletingLastPathComponent)
            try manager.createSymbolicLink(
                atPath: directory + "/scripts", withDestinationPath: QSHProcess.packageRoot.appendingPathComponent("scripts").path)
            _ = try root.file(
                "main/request.json",
                #"{"schema_version":"1.0","request_id":"doc-1","command":"run","params":{"ticker":"SYN-ETH"}}"#)
            _ = try root.file("main/job.qsh", "run --ticker SYN-SOL --start 2023-01-01 --end 2024-01-01\nruns list\n")
        }

        /// The newest run folder, for `<run_id>`.
        func lastRunID() -> String {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: directory + "/outputs/runs")) ?? []
            return names.filter { $0.contains("_run_") }.sorted().last ?? "no-run-yet"
        }

        /// The newest paper session, for `<session_id>`.
        func lastSessionID() -> String {
            let names = (try? FileManager.default.contentsOfDirectory(atPath: directory + "/outputs/paper_sessions")) ?? []
            return names.filter { $0.contains("_paper_") }.sorted().last ?? "no-session-yet"
        }

        func run(_ line: String) throws -> QSHResult {
            let process = Process()
            process.executableURL = URL(fileURLWithPath: "/bin/bash")
            let line = line.replacingOccurrences(of: "<run_id>", with: lastRunID())
                .replacingOccurrences(of: "<session_id>", with: lastSessionID())
            process.arguments = ["-c", "set -o pipefail; " + line]
            process.currentDirectoryURL = URL(fileURLWithPath: directory)
            process.environment = QSHProcess.childEnvironment(["Q": QSHProcess.binary, "PATH": pathWithQSH()])
            let output = Pipe(), errors = Pipe()
            process.standardOutput = output
            process.standardError = errors
            process.standardInput = FileHandle.nullDevice
            try process.run()
            let errorData = errors.fileHandleForReading
            nonisolated(unsafe) var errorBytes = Data()
            let reader = Thread { errorBytes = errorData.readDataToEndOfFile() }
            reader.start()
            let outputBytes = output.fileHandleForReading.readDataToEndOfFile()
            process.waitUntilExit()
            while reader.isExecuting || !reader.isFinished { usleep(1_000) }
            return QSHResult(
                status: process.terminationStatus, stdout: String(decoding: outputBytes, as: UTF8.self),
                stderr: String(decoding: errorBytes, as: UTF8.self))
        }

        /// `qsh` on PATH, as an installed tool would be, for cli.md's `qsh ...` lines.
        private func pathWithQSH() -> String {
            let folder = root.path + "/bin"
            if !FileManager.default.fileExists(atPath: folder + "/qsh") {
                try? FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
                try? FileManager.default.createSymbolicLink(atPath: folder + "/qsh", withDestinationPath: QSHProcess.binary)
            }
            return folder + ":" + (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin")
        }
    }

    static func text(_ document: String) -> String {
        (try? String(contentsOf: QSHProcess.packageRoot.appendingPathComponent(document), encoding: .utf8)) ?? ""
    }

    /// The README's `$Q ...` lines, joined across `\` continuations and open quotes, trailing
    /// comments removed.
    static func readmeLines() -> [String] {
        var lines: [String] = []
        var inBlock = false
        var pending: String?
        for raw in text("README.md").components(separatedBy: "\n") {
            if raw.hasPrefix("```") {
                inBlock.toggle()
                continue
            }
            guard inBlock else { continue }
            if var open = pending {
                open += "\n" + raw
                pending = isComplete(open) ? nil : open
                if pending == nil { lines.append(withoutComment(open)) }
                continue
            }
            let line = raw.trimmingCharacters(in: .whitespaces)
            guard line.hasPrefix("$Q ") || line == "$Q" || line.hasPrefix("$Q\t") else { continue }
            if isComplete(line) { lines.append(withoutComment(line)) } else { pending = line }
        }
        return lines
    }

    /// No open single quote and no trailing backslash.
    static func isComplete(_ line: String) -> Bool {
        line.filter { $0 == "'" }.count % 2 == 0 && !line.hasSuffix("\\")
    }

    /// The line up to a `#` that starts a comment (after a blank, outside quotes).
    static func withoutComment(_ line: String) -> String {
        var quote: Character?
        var previous: Character = " "
        var kept = ""
        for character in line {
            if let open = quote {
                if character == open { quote = nil }
            } else if character == "'" || character == "\"" {
                quote = character
            } else if character == "#", previous == " " {
                break
            }
            kept.append(character)
            previous = character
        }
        return kept.trimmingCharacters(in: .whitespaces)
    }

    /// cli.md's runnable `qsh ...` examples (inline code and code blocks), in order, once each.
    static func cliLines() -> [String] {
        let document = text("docs/cli.md")
        var candidates: [String] = []
        var inBlock = false
        for raw in document.components(separatedBy: "\n") {
            if raw.hasPrefix("```") { inBlock.toggle(); continue }
            if inBlock {
                candidates.append(withoutComment(raw.trimmingCharacters(in: .whitespaces)))
                continue
            }
            // A heading names a command (`### qsh runs show`); it is not an example.
            if raw.hasPrefix("#") { continue }
            let spans = raw.components(separatedBy: "`")
            candidates += stride(from: 1, to: spans.count, by: 2).map { spans[$0] }
        }
        var seen = Set<String>()
        return candidates.filter { isRunnable($0) && seen.insert($0).inserted }
    }

    static func isRunnable(_ line: String) -> Bool {
        let words = line.split(separator: " ").map(String.init)
        guard words.first == "qsh", words.count >= 2 else { return false }
        let second = words[1]
        guard second.hasPrefix("-") || ["run", "runs", "strategies", "help"].contains(second) || second == "<" else {
            return false
        }
        if line.contains("[") || line.contains("]") || line.contains("|") { return false }
        if line.range(of: #"<[A-Za-z_]+>"#, options: .regularExpression) != nil { return false }
        return !words.contains { placeholderWords.contains($0) }
    }

    static let examples: [Example] =
        readmeLines().map { Example(source: "README.md", line: $0) } + cliLines().map { Example(source: "docs/cli.md", line: $0) }

    @Test func theDocumentsHaveExamplesToRun() {
        #expect(Self.readmeLines().count >= 10, "\(Self.readmeLines())")
        #expect(Self.cliLines().count >= 5, "\(Self.cliLines())")
    }

    /// One checkout for all of them, so that the README's later lines see its earlier runs.
    static let checkout = Result { try Checkout() }

    @Test(arguments: examples)
    func runsAsPrinted(_ example: Example) throws {
        let checkout = try Self.checkout.get()
        let result = try checkout.run(example.line)
        #expect(
            result.status == 0,
            "exit \(result.status)\nstderr: \(result.stderr.prefix(600))\nstdout: \(result.stdout.prefix(300))")
    }
}
