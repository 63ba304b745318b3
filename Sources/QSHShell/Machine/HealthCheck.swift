import CLibEdit
import Foundation
import QSHArtifacts
import QSHCore
import QSHData
import QSHProtocol
import QSHServices

/// `qsh --check`: a JSON health summary for orchestrators and people setting up a machine.
/// Exit 0 when qsh can work here (the artifact root is writable), else 2.
enum HealthCheck {
    static func run(outputRoot: String, dataDir: String?, environment: [String: String]) -> Int32 {
        let root = absolute(outputRoot)
        let (writable, rootProblem) = probeWritable(root)
        var dataDirs: [JSONValue] = []
        let environmentDir = environment[DataSource.dataDirVariable]
        for (source, path) in [("--data-dir", dataDir), (DataSource.dataDirVariable, environmentDir)] {
            guard let path, !path.isEmpty else { continue }
            var isDirectory: ObjCBool = false
            let exists = FileManager.default.fileExists(atPath: path, isDirectory: &isDirectory) && isDirectory.boolValue
            let files = exists ? ((try? FileManager.default.contentsOfDirectory(atPath: path)) ?? []).filter { $0.hasSuffix(".csv") } : []
            dataDirs.append(.object([
                "source": .string(source), "path": .string(absolute(path)), "exists": .bool(exists),
                "csv_files": .int(Int64(files.count)),
            ]))
        }
        let libedit = LibEditProbe.run()
        var problems: [JSONValue] = []
        if !writable { problems.append(.string("output root '\(root)' is not writable: \(rootProblem ?? "unknown reason")")) }
        for case .object(let entry) in dataDirs where entry["exists"] == .bool(false) {
            problems.append(.string("data folder \(entry["path"]?.stringValue ?? "") (\(entry["source"]?.stringValue ?? "")) does not exist"))
        }
        let healthy = writable
        let report: JSONValue = .object([
            "status": .string(healthy ? "ok" : "error"),
            "version": .string(QSHVersion.number),
            "executable": .string(executablePath()),
            "outputs_root": .object(["path": .string(root), "writable": .bool(writable)]),
            "data_dirs": .array(dataDirs),
            "synthetic_data": .bool(true),
            "libedit_available": .bool(libedit.available),
            "libedit": .object([
                "library": libedit.library.map { .string($0) } ?? .null,
                "initialises": .bool(libedit.initialises),
                "prompt": .string(libedit.promptMode),
            ]),
            "build_configuration": .string(buildConfiguration),
            "problems": .array(problems),
        ])
        Console.out(report.formatted())
        return healthy ? 0 : InvalidInputError.exitCode
    }

    #if DEBUG
    static let buildConfiguration = "debug"
    #else
    static let buildConfiguration = "release"
    #endif

    static func absolute(_ path: String) -> String {
        Paths.absolute(path, in: FileManager.default.currentDirectoryPath)
    }

    static func executablePath() -> String {
        (try? FileManager.default.destinationOfSymbolicLink(atPath: "/proc/self/exe")) ?? CommandLine.arguments[0]
    }

    /// Creates the root if needed and writes and removes a probe file in it.
    static func probeWritable(_ root: String) -> (Bool, String?) {
        do {
            try Folders.create(root)
            let probe = (root as NSString).appendingPathComponent(".qsh-check-\(getpid())")
            try AtomicFile.write("ok\n", to: probe)
            try? FileManager.default.removeItem(atPath: probe)
            return (true, nil)
        } catch {
            return (false, "\(error)")
        }
    }
}

/// Whether the prompt can really use libedit here: the library this process loaded (from
/// /proc/self/maps), whether an editor and a history can be created with it, and which prompt
/// `qsh` would open with the current standard streams.
struct LibEditProbe {
    let library: String?
    let initialises: Bool
    let promptMode: String

    var available: Bool { library != nil && initialises }

    static func run() -> LibEditProbe {
        // /proc files report a size of 0, so read them to the end rather than by their size.
        let maps = FileHandle(forReadingAtPath: "/proc/self/maps").map { handle in
            defer { try? handle.close() }
            return String(decoding: handle.readDataToEndOfFile(), as: UTF8.self)
        } ?? ""
        let library = maps.split(separator: "\n").lazy
            .compactMap { line in line.split(separator: " ", omittingEmptySubsequences: true).last.map(String.init) }
            .first { ($0 as NSString).lastPathComponent.hasPrefix("libedit") }
        var initialises = false
        if let history = history_init() {
            if let editor = qsh_el_init("qsh-check") {
                initialises = true
                el_end(editor)
            }
            history_end(history)
        }
        let terminal = isatty(STDIN_FILENO) == 1 && isatty(STDOUT_FILENO) == 1
        return LibEditProbe(
            library: library, initialises: initialises,
            promptMode: terminal ? "line editing (libedit)" : "plain (stdin or stdout is not a terminal)")
    }
}
