import QSHArtifacts
import QSHCore

/// A session expanded into its jobs.
public struct TunePlan: Sendable {
    public let session: TuningSession
    public let planID: String
    public let jobs: [TuneJob]

    /// The `jobs.jsonl` text: one `TuneJob.line` per job, each ending in a newline.
    public var jsonl: String {
        var text = ""
        for job in jobs {
            text += job.line
            text += "\n"
        }
        return text
    }
}

/// Turns a session into jobs: tickers outermost (in the order given), then the parameter
/// combinations (the grid with parameter names sorted and the last varying fastest, or the
/// random draws in order), keeping those every constraint accepts; ordinals 0..<n in that order.
public enum TunePlanner {
    /// `outdir` is kept as given (relative paths stay relative): `output_json` is
    /// `<outdir>/tuning/<session>/results/<job_id>.json`.
    public static func plan(_ session: TuningSession, outdir: String) throws -> TunePlan {
        let declarations = session.declarations
        let dimensions = session.space.dimensions
        let slot = Dictionary(uniqueKeysWithValues: dimensions.enumerated().map { ($1.name, $0) })
        let fixed = session.base.fixedParameters
        func lookup(_ combination: [Double]) -> (String) -> Double {
            { name in
                if let index = slot[name] { return combination[index] }
                if let value = fixed[name] { return value }
                return declarations.first { $0.name == name }?.defaultValue ?? 0
            }
        }
        let combinations = try session.space.combinations { combination in
            let value = lookup(combination)
            return session.constraints.allSatisfy { $0.holds(value) }
        }
        guard !combinations.isEmpty else {
            throw InvalidInputError("\(session.constraintsPlace): constraints: no combination of the space satisfies them")
        }
        let (total, overflow) = combinations.count.multipliedReportingOverflow(by: session.base.tickers.count)
        guard !overflow, total <= ParameterSpace.limit else {
            throw InvalidInputError("\(session.space.place): space: more than \(ParameterSpace.limit) jobs")
        }
        let planID = session.planID
        var root = outdir
        while root.count > 1 && root.hasSuffix("/") { root.removeLast() }
        let results = root + (root.hasSuffix("/") ? "" : "/") + "tuning/" + session.name + "/results/"
        var jobs: [TuneJob] = []
        jobs.reserveCapacity(total)
        for ticker in session.base.tickers {
            for combination in combinations {
                let ordinal = jobs.count
                let id = TuneJob.id(session: session.name, ordinal: ordinal)
                let value = lookup(combination)
                var params: [String: JSONValue] = [:]
                for declaration in declarations {
                    params[declaration.name] = TuneValue.json(value(declaration.name), declaration.kind)
                }
                jobs.append(
                    TuneJob(
                        jobID: id, ordinal: ordinal, planID: planID, session: session.name,
                        config: config(session.base, ticker: ticker, params: params), outputJSON: results + id + ".json"))
            }
        }
        return TunePlan(session: session, planID: planID, jobs: jobs)
    }

    /// A job's config, in the shape of a run's `config.json` (`paper` false, `data` when the
    /// session names a file or folder).
    static func config(_ base: TuningBase, ticker: String, params: [String: JSONValue]) -> JSONValue {
        func optional(_ text: String?) -> JSONValue { text.map { .string($0) } ?? .null }
        var config: [String: JSONValue] = [
            "ticker": .string(ticker),
            "start": optional(base.start),
            "end": optional(base.end),
            "interval": optional(base.interval),
            "strategy": .string(base.strategy),
            "params": .object(params),
            "fee": .double(base.fee),
            "slippage_bps": .double(base.slippageBps),
            "slippage_mode": .string(base.slippageMode.rawValue),
            "k_atr": .double(base.kATR),
            "initial_cash": .double(base.initialCash),
            "paper": .bool(false),
        ]
        if let data = base.data { config["data"] = data }
        return .object(config)
    }
}
