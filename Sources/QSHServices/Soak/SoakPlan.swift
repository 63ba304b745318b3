import Foundation
import QSHArtifacts
import QSHCore

/// A soak that passed every check: resolved settings, the market, the tuner, the KPI targets,
/// and where it starts (iteration 1 of a new folder, or after the last completed iteration of
/// a resumed one).
public struct SoakPlan: Sendable {
    public let config: SoakConfig
    public let preset: SoakMarketPreset
    public let profile: SoakProfile
    public let overrides: SoakRuntimeOverrides
    public let rules: SoakRuleTable
    public let kpi: SoakKPITargets
    public let workers: Int
    public let monitorSeconds: Double
    /// nil for a new soak.
    public let resume: SoakResumePoint?

    /// The parameters of the first iteration this run simulates.
    public var startParameters: SoakRuntimeParameters {
        resume?.nextParameters ?? overrides.applied(to: profile.base).clamped()
    }

    public var firstIteration: Int { (resume?.completed ?? 0) + 1 }
}

/// Checks a `SoakRequest` and resolves its defaults (profile, overrides, rules, KPI targets,
/// symbols, length) without writing anything.
enum SoakPlanning {
    static let maxSymbols = 64
    static let iterationSecondsRange = 1.0...3_600.0
    static let maxIterations = 10_000_000

    static func plan(_ request: SoakRequest, context: ServiceContext) throws -> SoakPlan {
        if let folder = request.resume { return try SoakResume.plan(folder: context.resolve(folder), request: request, context: context) }
        guard request.mock else { throw InvalidInputError("--mock: the simulated market is the only market a soak can use so far") }
        let profile = try SoakProfileSelection.resolve(
            explicit: request.profile, environment: context.environment, workingDirectory: context.workingDirectory)
        guard let preset = SoakMarketPreset.named(profile.market) else {
            throw InvalidInputError(
                "profile \(profile.name) (\(profile.source)): unknown market '\(profile.market)' (known: "
                    + SoakMarketPreset.names.joined(separator: ", ") + ")")
        }
        let overrides = try SoakRuntimeOverridesSelection.resolve(
            file: request.overridesFile, environment: context.environment, soakFolder: nil,
            workingDirectory: context.workingDirectory)
        let rules = try loadRules(request.rulesFile, context: context)
        let kpi = try loadKPI(request.kpiFile, context: context)
        let iterationSeconds = request.iterationSeconds ?? SoakRequest.defaultIterationSeconds
        guard iterationSecondsRange.contains(iterationSeconds) else {
            throw InvalidInputError("--iteration-length: must be between 1s and 60m of simulated time")
        }
        let iterationMs = Int((iterationSeconds * 1000).rounded())
        let config = SoakConfig(
            seed: request.seed ?? SoakRequest.defaultSeed, symbols: try symbols(request),
            iterations: try iterations(request, iterationMs: iterationMs), iterationMs: iterationMs,
            autoTune: request.autoTune, realtime: request.realtime, kpiGate: request.kpiGate, market: preset.name,
            profileName: profile.name, profileSource: profile.source, base: profile.base,
            rulesSource: rules.source, rulesHash: rules.hash, kpiSource: kpi.source, kpiHash: kpi.hash)
        return SoakPlan(
            config: config, preset: preset, profile: profile, overrides: overrides, rules: rules.table, kpi: kpi.targets,
            workers: try workers(request, symbols: config.symbols.count), monitorSeconds: try monitorSeconds(request),
            resume: nil)
    }

    static func iterations(_ request: SoakRequest, iterationMs: Int) throws -> Int {
        let given = [request.iterations != nil, request.minutes != nil, request.hours != nil].filter { $0 }.count
        guard given <= 1 else { throw InvalidInputError("--iterations, --minutes and --hours: give only one of them") }
        if let count = request.iterations {
            guard (1...maxIterations).contains(count) else { throw InvalidInputError("--iterations: must be between 1 and \(maxIterations)") }
            return count
        }
        let (seconds, flag): (Double?, String) =
            request.minutes != nil ? (request.minutes.map { $0 * 60 }, "--minutes") : (request.hours.map { $0 * 3600 }, "--hours")
        guard let seconds else { return SoakRequest.defaultIterations }
        guard seconds.isFinite, seconds > 0 else { throw InvalidInputError("\(flag): must be greater than 0") }
        // Whole iterations of simulated time, the last one not cut short.
        let count = (seconds * 1000 / Double(iterationMs)).rounded(.up)
        guard count <= Double(maxIterations) else { throw InvalidInputError("\(flag): more than \(maxIterations) iterations") }
        return max(1, Int(count))
    }

    static func symbols(_ request: SoakRequest) throws -> [String] {
        if request.symbols != nil && request.top != nil { throw InvalidInputError("--symbols and --top: give only one of them") }
        if let top = request.top {
            let available = SoakSymbolUniverse.symbols.count
            guard (1...available).contains(top) else {
                throw InvalidInputError("--top: must be between 1 and \(available) (the mock market's symbols)")
            }
            return SoakSymbolUniverse.top(top)
        }
        guard let names = request.symbols else { return SoakSymbolUniverse.top(SoakRequest.defaultTop) }
        let symbols = names.map { $0.trimmingCharacters(in: .whitespaces).uppercased() }
        guard !symbols.isEmpty, symbols.count <= maxSymbols else {
            throw InvalidInputError("--symbols: give 1 to \(maxSymbols) comma-separated symbols")
        }
        for symbol in symbols {
            guard (1...20).contains(symbol.count), symbol.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "-" || $0 == "_") }) else {
                throw InvalidInputError("--symbols: '\(Excerpt.of(symbol, limit: 24))' is not a symbol (letters, digits, - or _, at most 20)")
            }
        }
        if let repeated = symbols.enumerated().first(where: { symbols.firstIndex(of: $0.element) != $0.offset }) {
            throw InvalidInputError("--symbols: '\(repeated.element)' is given twice")
        }
        return symbols
    }

    static func workers(_ request: SoakRequest, symbols: Int) throws -> Int {
        let cores = ProcessInfo.processInfo.activeProcessorCount
        if let workers = request.workers, !(1...256).contains(workers) { throw InvalidInputError("--workers: must be between 1 and 256") }
        return max(1, min(request.workers ?? cores, symbols))
    }

    static func monitorSeconds(_ request: SoakRequest) throws -> Double {
        let seconds = request.monitorSeconds ?? SoakRequest.defaultMonitorSeconds
        guard seconds >= 0.1 else { throw InvalidInputError("--monitor-interval: must be at least 100ms") }
        return seconds
    }

    struct Loaded<T: Sendable>: Sendable {
        let targets: T
        let source: String
        let hash: String?
        var table: T { targets }
    }

    /// The rule table of `--rules FILE`, else the built-in reference table (which
    /// configs/soak/rules.yaml holds too).
    static func loadRules(_ file: String?, context: ServiceContext) throws -> Loaded<SoakRuleTable> {
        guard let file else { return Loaded(targets: .reference, source: "built-in", hash: nil) }
        let path = context.resolve(file)
        let table = try SoakRulesFile.load(path: path, shownAs: file)
        return Loaded(targets: table, source: path, hash: fileHash(path))
    }

    static func loadKPI(_ file: String?, context: ServiceContext) throws -> Loaded<SoakKPITargets> {
        guard let file else { return Loaded(targets: .reference, source: "built-in", hash: nil) }
        let path = context.resolve(file)
        return Loaded(targets: try SoakKPIFile.load(path: path, shownAs: file), source: path, hash: fileHash(path))
    }

    static func fileHash(_ path: String) -> String? {
        FileManager.default.contents(atPath: path).map { ArtifactID.sha1Hex(Array($0)) }
    }
}
