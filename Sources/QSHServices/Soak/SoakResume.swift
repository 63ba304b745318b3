import Foundation
import QSHArtifacts
import QSHCore

/// Where a resumed soak picks up: after its last completed iteration, with the parameters the
/// tuner had chosen for the next one, its history and its adjustment log.
public struct SoakResumePoint: Sendable {
    public let folder: String
    public let soakID: String
    public let completed: Int
    public let nextParameters: SoakRuntimeParameters
    let records: [SoakIterationRecord]
    let applied: SoakAppliedProfile
    let status: SoakStatus
}

/// `qsh soak --resume SOAK_DIR`: the soak's own settings from its `config.json` (a resume
/// takes no other soak settings), checked against the files it depended on, and the next
/// parameters from the folder's `runtime_overrides.json`. Left as the soak wrote it, the
/// remaining iterations and their EDGE reports are exactly those of an uninterrupted soak.
enum SoakResume {
    /// Request fields a resume may carry besides the folder (how to run, not what to run).
    static func check(_ request: SoakRequest) throws {
        var plain = SoakRequest()
        plain.resume = request.resume
        plain.monitorSeconds = request.monitorSeconds
        plain.workers = request.workers
        guard request == plain else {
            throw InvalidInputError(
                "--resume: a resumed soak keeps its own settings; give only --resume (and --monitor-interval or --workers)")
        }
    }

    static func plan(folder: String, request: SoakRequest, context: ServiceContext) throws -> SoakPlan {
        try check(request)
        let shown = request.resume ?? folder
        let statusJSON = try document(folder, SoakLayout.status, shown: shown)
        let read = try SoakStatus.read(statusJSON, file: SoakLayout.status)
        guard read.state == "aborted" || read.state == "running" || read.state == "failed" else {
            throw InvalidInputError(
                "--resume: soak '\(Excerpt.of(shown, limit: 60))' already ended (status \(read.state)); only aborted, failed or stale soaks resume")
        }
        let config = try SoakConfig.read(try document(folder, SoakLayout.config, shown: shown), file: SoakLayout.config)
        guard read.completed <= config.iterations else {
            throw DataError("--resume: \(SoakLayout.status) says \(read.completed) iterations completed of \(config.iterations)")
        }
        guard let preset = SoakMarketPreset.named(config.market) else {
            throw DataError("--resume: \(SoakLayout.config) names an unknown market '\(Excerpt.of(config.market, limit: 24))'")
        }
        let applied = try SoakAppliedProfile.read(
            try document(folder, SoakLayout.appliedProfile, shown: shown), file: SoakLayout.appliedProfile)
        let records = try history(folder, completed: read.completed)
        let rules = try reload(config.rulesSource, hash: config.rulesHash, what: "rule table") {
            try SoakRulesFile.load(path: $0, shownAs: $0, option: "--resume")
        } ?? .reference
        let kpi = try reload(config.kpiSource, hash: config.kpiHash, what: "KPI file") {
            try SoakKPIFile.load(path: $0, shownAs: $0)
        } ?? .reference
        // The folder's runtime_overrides.json is what the next iteration runs with: the tuner's
        // last choice, or an operator's edit made while the soak was stopped (clamped).
        let overrides = try SoakRuntimeOverridesSelection.resolve(
            file: nil, environment: [:], soakFolder: folder, workingDirectory: context.workingDirectory)
        let next = overrides.applied(to: read.next).clamped()
        let startedAt = ISO8601DateFormatter().date(from: read.startedAt ?? "") ?? context.clock()
        let status = SoakStatus(
            soakID: read.soakID ?? (folder as NSString).lastPathComponent, command: context.command,
            requestID: context.requestID, startedAt: startedAt, updatedAt: context.clock(), iterationsTotal: config.iterations,
            iterationsCompleted: read.completed, currentIteration: nil, nextParameters: next)
        let point = SoakResumePoint(
            folder: folder, soakID: status.soakID, completed: read.completed, nextParameters: next, records: records,
            applied: applied, status: status)
        return SoakPlan(
            config: config, preset: preset, profile: applied.profile, overrides: overrides, rules: rules, kpi: kpi,
            workers: try SoakPlanning.workers(request, symbols: config.symbols.count),
            monitorSeconds: try SoakPlanning.monitorSeconds(request), resume: point)
    }

    static func document(_ folder: String, _ name: String, shown: String) throws -> JSONValue {
        let path = (folder as NSString).appendingPathComponent(name)
        guard let data = FileManager.default.contents(atPath: path) else {
            throw InvalidInputError("--resume: '\(Excerpt.of(shown, limit: 80))' has no \(name): is it a soak folder?")
        }
        do { return try JSONValue.parse(bytes: [UInt8](data)) } catch {
            throw DataError("--resume: \(name) of the soak is damaged (\(error))")
        }
    }

    /// The first `completed` lines of iterations.jsonl (a line past them belongs to an
    /// iteration whose status was never updated: it runs again).
    static func history(_ folder: String, completed: Int) throws -> [SoakIterationRecord] {
        let path = (folder as NSString).appendingPathComponent(SoakLayout.history)
        let text = FileManager.default.contents(atPath: path).flatMap { String(data: $0, encoding: .utf8) } ?? ""
        let lines = text.split(separator: "\n", omittingEmptySubsequences: true)
        guard lines.count >= completed else {
            throw DataError("\(SoakLayout.history) holds \(lines.count) iterations, the status says \(completed)")
        }
        return try lines.prefix(completed).enumerated().map { index, line in
            let place = "\(SoakLayout.history):\(index + 1)"
            do { return try SoakIterationRecord.read(try JSONValue.parse(String(line)), place: place) } catch let error as JSONParseError {
                throw DataError("\(place): not JSON (\(error))")
            }
        }
    }

    /// A rule table or KPI file the soak read from a path: read again, refusing an edited one.
    static func reload<T>(_ source: String, hash: String?, what: String, load: (String) throws -> T) throws -> T? {
        guard source != "built-in" else { return nil }
        guard SoakPlanning.fileHash(source) == hash else {
            throw InvalidInputError("--resume: the soak's \(what) '\(Excerpt.of(source, limit: 80))' is missing or changed since it started")
        }
        return try load(source)
    }
}
