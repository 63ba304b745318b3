import Foundation
import QSHArtifacts
import QSHCore
import QSHData

/// `qsh --check`: a JSON health summary for orchestrators and people setting up a machine.
/// Exit 0 when qsh can work here (the artifact root is writable), else 2.
enum HealthCheck {
    static func run(outputRoot: String, dataDir: String?) -> Int32 {
        let root = absolute(outputRoot)
        let (writable, rootProblem) = probeWritable(root)
        var dataDirs: [JSONValue] = []
        let environmentDir = ProcessInfo.processInfo.environment[DataSource.dataDirVariable]
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
        let libedit = ["libedit.so.2", "libedit.so.0", "libedit.so"].contains { name in
            guard let handle = dlopen(name, RTLD_LAZY) else { return false }
            dlclose(handle)
            return true
        }
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
            "libedit_available": .bool(libedit),
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
        let joined = path.hasPrefix("/") ? path : FileManager.default.currentDirectoryPath + "/" + path
        return (joined as NSString).standardizingPath
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
