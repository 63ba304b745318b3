import Foundation
import QSHArtifacts
import QSHCore

/// `qsh soak list` and `qsh soak show`: the soaks under `<outdir>/soak`, read from their
/// status, config and report files (never written). A folder that cannot be read is listed
/// with the reason rather than hidden.
public struct SoakInspectionOutcome: ServiceOutcome {
    public let root: String
    /// `soak list`: an array of rows; `soak show`: one soak's document.
    public let report: JSONValue

    /// A JSON request's answer carries the rows or the document as `result`.
    public var responseFields: [String: JSONValue] { ["result": report, "root_dir": .string(root)] }
}

public struct SoakListService: Service {
    public struct Request: Sendable {
        public var directory: String?
        public init(directory: String?) { self.directory = directory }
    }

    public init() {}
    public func prepare(_ request: Request, context: ServiceContext) throws -> Request { request }

    public func run(_ request: Request, context: ServiceContext) async throws -> SoakInspectionOutcome {
        let root = SoakInspection.root(request.directory, context: context)
        let names = ((try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []).filter { !$0.hasPrefix(".") }.sorted()
        var rows: [JSONValue] = []
        for name in names {
            let folder = root + "/" + name
            var isFolder: ObjCBool = false
            guard FileManager.default.fileExists(atPath: folder, isDirectory: &isFolder), isFolder.boolValue else { continue }
            rows.append(SoakInspection.row(folder))
        }
        return SoakInspectionOutcome(root: root, report: .array(rows))
    }
}

public struct SoakShowService: Service {
    public struct Request: Sendable {
        public var soak: String
        public init(soak: String) { self.soak = soak }
    }

    public init() {}
    public func prepare(_ request: Request, context: ServiceContext) throws -> String {
        try SoakInspection.folder(request.soak, context: context)
    }

    public func run(_ folder: String, context: ServiceContext) async throws -> SoakInspectionOutcome {
        let status = try SoakInspection.read(folder, SoakLayout.status)
        var document: [String: JSONValue] = ["folder": .string(folder), "status": status]
        document["config"] = try? SoakInspection.read(folder, SoakLayout.config)
        document["applied_profile"] = try? SoakInspection.read(folder, SoakLayout.appliedProfile)
        if let report = try? SoakInspection.read(folder, SoakLayout.report) {
            document["summary"] = report["summary"]
            document["kpi"] = report["results"]?["kpi"]
            document["steady_state"] = report["results"]?["steady_state"]
            document["tuner"] = report["results"]?["tuner"]
        }
        return SoakInspectionOutcome(root: (folder as NSString).deletingLastPathComponent, report: .object(document))
    }
}

enum SoakInspection {
    static func root(_ directory: String?, context: ServiceContext) -> String {
        guard let directory else { return SoakLayout.soaksDirectory(root: context.artifactRoot) }
        let path = context.resolve(directory)
        // An artifact root (holding soak/) or the soak folder itself.
        let nested = SoakLayout.soaksDirectory(root: path)
        return FileManager.default.fileExists(atPath: nested) ? nested : path
    }

    /// A soak folder path, or a soak id (or unique prefix of one) under `<outdir>/soak`.
    static func folder(_ given: String, context: ServiceContext) throws -> String {
        let path = context.resolve(given)
        if FileManager.default.fileExists(atPath: path + "/" + SoakLayout.status) { return path }
        let root = SoakLayout.soaksDirectory(root: context.artifactRoot)
        let names = (try? FileManager.default.contentsOfDirectory(atPath: root)) ?? []
        let matches = names.filter { $0.hasPrefix(given) }.sorted()
        if matches.contains(given) { return root + "/" + given }
        guard matches.count == 1 else {
            throw InvalidInputError(
                matches.isEmpty
                    ? "soak '\(Excerpt.of(given, limit: 60))': no such soak folder, and no soak id in \(root) starts with it"
                    : "soak '\(Excerpt.of(given, limit: 60))': \(matches.count) soak ids start with it (\(matches.prefix(3).joined(separator: ", ")), ...)")
        }
        return root + "/" + matches[0]
    }

    static func read(_ folder: String, _ name: String) throws -> JSONValue {
        guard let data = FileManager.default.contents(atPath: folder + "/" + name) else {
            throw DataError("\(name) is missing in \(folder)")
        }
        do { return try JSONValue.parse(bytes: [UInt8](data)) } catch { throw DataError("\(name) is damaged (\(error))") }
    }

    static func row(_ folder: String) -> JSONValue {
        let id = (folder as NSString).lastPathComponent
        let status: JSONValue
        do { status = try read(folder, SoakLayout.status) } catch {
            return .object(["soak_id": .string(id), "status": .string("unreadable"), "reason": .string("\(error)")])
        }
        let config = try? read(folder, SoakLayout.config)
        let report = try? read(folder, SoakLayout.report)
        return .object([
            "soak_id": .string(id),
            "status": status["status"] ?? .null,
            "iterations_completed": status["iterations_completed"] ?? .null,
            "iterations_total": status["iterations_total"] ?? .null,
            "symbols": .int(Int64(config?["symbols"]?.arrayValue?.count ?? 0)),
            "profile": config?["profile"] ?? .null,
            "auto_tune": config?["auto_tune"] ?? .null,
            "kpi_passed": report?["summary"]?["kpi_passed"] ?? status["kpi_passed"] ?? .null,
            "started_at": status["started_at"] ?? .null,
            "updated_at": status["updated_at"] ?? .null,
        ])
    }
}
