import Foundation
import QSHArtifacts
import QSHCore

/// A session expanded into its jobs, which are made one at a time (`forEachJob`) rather than
/// held: a plan of 100,000 jobs would otherwise hold 100,000 configs. The counting pass of
/// `TunePlanner.plan` has already checked the space (constraints, limits), so making the jobs
/// again cannot fail.
public struct TunePlan: Sendable {
    public let session: TuningSession
    public let planID: String
    /// How many jobs the plan has.
    public let count: Int
    /// The prefix of every `output_json`: `<outdir>/tuning/<session>/results/`.
    let results: String

    /// Every job in ordinal order: tickers outermost, then the combinations.
    public func forEachJob(_ body: (TuneJob) throws -> Void) throws {
        let declarations = session.declarations
        let lookup = TunePlanner.lookup(session)
        var ordinal = 0
        for ticker in session.base.tickers {
            _ = try session.space.forEachCombination(accept: { TunePlanner.accepts(session, lookup($0)) }) { combination in
                let id = TuneJob.id(session: session.name, ordinal: ordinal)
                let value = lookup(combination)
                var params: [String: JSONValue] = [:]
                for declaration in declarations {
                    params[declaration.name] = TuneValue.json(value(declaration.name), declaration.kind)
                }
                try body(
                    TuneJob(
                        jobID: id, ordinal: ordinal, planID: planID, session: session.name,
                        config: TunePlanner.config(session.base, ticker: ticker, params: params),
                        outputJSON: results + id + ".json"))
                ordinal += 1
            }
        }
    }

    /// Writes `jobs.jsonl` (one `TuneJob.line` per job, each ending in a newline) atomically
    /// to `path`, in chunks as the jobs are made: the bytes are those of the whole text.
    public func write(to path: String) throws {
        try AtomicFile.write(to: path) { descriptor in
            var buffer: [UInt8] = []
            buffer.reserveCapacity(Self.chunk + 4_096)
            var failure: Int32 = 0
            do {
                try forEachJob { job in
                    buffer.append(contentsOf: job.line.utf8)
                    buffer.append(0x0A)
                    if buffer.count >= Self.chunk {
                        failure = FileBytes.writeAll(buffer, to: descriptor)
                        if failure != 0 { throw TuneWriteFailure() }
                        buffer.removeAll(keepingCapacity: true)
                    }
                }
            } catch {
                return failure != 0 ? failure : EIO
            }
            return FileBytes.writeAll(buffer, to: descriptor)
        }
    }

    static let chunk = 1 << 16

    /// Every job at once, for a small plan (tests); the commands make them one at a time.
    public var jobs: [TuneJob] {
        var all: [TuneJob] = []
        try? forEachJob { all.append($0) }
        return all
    }

    /// The whole `jobs.jsonl` text, for a small plan (tests): the bytes `write(to:)` writes.
    public var jsonl: String { jobs.map { $0.line + "\n" }.joined() }
}

/// Stops `TunePlan.write` at a failed write (the errno is kept apart).
private struct TuneWriteFailure: Error {}

/// Turns a session into jobs: tickers outermost (in the order given), then the parameter
/// combinations (the grid with parameter names sorted and the last varying fastest, or the
/// random draws in order), keeping those every constraint accepts; ordinals 0..<n in that order.
public enum TunePlanner {
    /// Counts the jobs (checking the space), without making them. `outdir` is kept as given
    /// (relative paths stay relative): `output_json` is `<outdir>/tuning/<session>/results/<job_id>.json`.
    public static func plan(_ session: TuningSession, outdir: String) throws -> TunePlan {
        let lookup = lookup(session)
        let combinations = try session.space.forEachCombination(accept: { accepts(session, lookup($0)) }) { _ in }
        guard combinations > 0 else {
            throw InvalidInputError("\(session.constraintsPlace): constraints: no combination of the space satisfies them")
        }
        let (total, overflow) = combinations.multipliedReportingOverflow(by: session.base.tickers.count)
        guard !overflow, total <= ParameterSpace.limit else {
            throw InvalidInputError("\(session.space.place): space: more than \(ParameterSpace.limit) jobs")
        }
        var root = outdir
        while root.count > 1 && root.hasSuffix("/") { root.removeLast() }
        let results = root + (root.hasSuffix("/") ? "" : "/") + "tuning/" + session.name + "/results/"
        return TunePlan(session: session, planID: session.planID, count: total, results: results)
    }

    /// A combination's value of each parameter: varied, fixed in `base.params`, or the default.
    static func lookup(_ session: TuningSession) -> ([Double]) -> (String) -> Double {
        let declarations = session.declarations
        let slot = Dictionary(uniqueKeysWithValues: session.space.dimensions.enumerated().map { ($1.name, $0) })
        let fixed = session.base.fixedParameters
        return { combination in
            { name in
                if let index = slot[name] { return combination[index] }
                if let value = fixed[name] { return value }
                return declarations.first { $0.name == name }?.defaultValue ?? 0
            }
        }
    }

    static func accepts(_ session: TuningSession, _ value: (String) -> Double) -> Bool {
        session.constraints.allSatisfy { $0.holds(value) }
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
