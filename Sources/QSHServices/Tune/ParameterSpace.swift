import QSHArtifacts
import QSHCore

/// How one strategy parameter varies in a session: a list of values (a grid list, or a range
/// `{min, max, step}` already expanded), or for random sampling a uniform interval `{min, max}`.
public struct ParameterDimension: Sendable {
    public enum Values: Sendable, Equatable {
        case list([Double])
        case uniform(min: Double, max: Double)
    }

    public let declaration: StrategyParameter
    public let values: Values
    public var name: String { declaration.name }

    /// The resolved form in the plan id: the list of values, or `{min, max}`.
    var json: JSONValue {
        switch values {
        case .list(let items): .array(items.map { TuneValue.json($0, declaration.kind) })
        case .uniform(let min, let max):
            .object(["min": TuneValue.json(min, declaration.kind), "max": TuneValue.json(max, declaration.kind)])
        }
    }
}

/// Random sampling: `samples` draws from `PortableRandom`'s splitmix64 stream under `seed`.
public struct TuneSampling: Sendable, Equatable {
    public let samples: Int
    public let seed: Int64
}

/// A session's parameter space: its dimensions in parameter-name order, and random sampling
/// when the session asks for it (otherwise the grid of every list).
public struct ParameterSpace: Sendable {
    public let dimensions: [ParameterDimension]
    public let sampling: TuneSampling?
    /// Where `space` is, for errors about the space as a whole.
    let place: String

    /// Most combinations a grid (before constraints) or a plan may have.
    public static let limit = 10_000_000
    /// Draws per requested sample before random sampling gives up on the constraints.
    static let drawsPerSample = 100

    static func read(_ node: SessionNode, file: String, strategy: String, declarations: [StrategyParameter]) throws
        -> ParameterSpace
    {
        let map = try SessionMap(node, file: file, path: "space")
        let place = SessionNode.place(file, node.line)
        var sampling: TuneSampling?
        if map.has("samples") || map.has("seed") {
            guard let samples = try map.integer("samples") else { throw map.error("samples", "random sampling needs samples: N") }
            guard let seed = try map.integer("seed") else { throw map.error("seed", "random sampling needs seed: S") }
            guard samples >= 1, samples <= limit else { throw map.error("samples", "must be 1...\(limit), got \(samples)") }
            sampling = TuneSampling(samples: samples, seed: Int64(seed))
        }
        var dimensions: [ParameterDimension] = []
        for entry in map.entries where entry.key != "samples" && entry.key != "seed" {
            guard let declaration = declarations.first(where: { $0.name == entry.key }) else {
                let allowed = declarations.map(\.name).joined(separator: ", ")
                throw InvalidInputError(
                    "\(SessionNode.place(file, entry.line)): space.\(entry.key): unknown parameter for strategy '\(strategy)' (allowed: \(allowed.isEmpty ? "none" : allowed))"
                )
            }
            let values = try readValues(entry.value, key: "space." + entry.key, declaration: declaration, file: file,
                                        random: sampling != nil)
            dimensions.append(ParameterDimension(declaration: declaration, values: values))
        }
        guard !dimensions.isEmpty else { throw InvalidInputError("\(place): space: no parameters to vary") }
        dimensions.sort { $0.name < $1.name }
        return ParameterSpace(dimensions: dimensions, sampling: sampling, place: place)
    }

    /// A list, a range `{min, max, step}`, or (random sampling only) `{min, max}`.
    static func readValues(_ node: SessionNode, key: String, declaration: StrategyParameter, file: String, random: Bool) throws
        -> ParameterDimension.Values
    {
        func check(_ value: Double, _ line: Int?) throws -> Double {
            do {
                return try declaration.validate(value)
            } catch {
                throw InvalidInputError("\(SessionNode.place(file, line)): \(key): \(error.message)")
            }
        }
        switch node.value {
        case .list(let items):
            guard !items.isEmpty else { throw InvalidInputError("\(SessionNode.place(file, node.line)): \(key): empty list") }
            return .list(try items.map { item in
                guard let value = item.number else {
                    throw InvalidInputError("\(SessionNode.place(file, item.line)): \(key): expected a number, got \(item.kindName)")
                }
                return try check(value, item.line)
            })
        case .map:
            let map = try SessionMap(node, file: file, path: key)
            try map.requireKeys(in: ["min", "max", "step"])
            guard let min = try map.number("min") else { throw map.error("min", "a range needs min") }
            guard let max = try map.number("max") else { throw map.error("max", "a range needs max") }
            _ = try check(min, map.node("min")?.line)
            _ = try check(max, map.node("max")?.line)
            guard min <= max else { throw map.error("max", "must be >= min") }
            guard let step = try map.number("step") else {
                guard random else { throw map.error("step", "a grid range needs step (or sample at random: samples, seed)") }
                return .uniform(min: min, max: max)
            }
            guard step > 0 else { throw map.error("step", "must be > 0") }
            let decimals = Swift.max(map.node("min")?.decimals ?? 0, map.node("step")?.decimals ?? 0)
            var values: [Double] = []
            var index = 0
            while true {
                let value = TuneValue.rounded(min + Double(index) * step, decimals: decimals)
                guard value <= max else { break }
                values.append(try check(value, map.node("step")?.line))
                index += 1
                guard values.count <= limit else { throw map.error("step", "more than \(limit) values") }
            }
            return .list(values)
        case .scalar:
            throw InvalidInputError(
                "\(SessionNode.place(file, node.line)): \(key): expected a list or a range {min, max, step}, got \(node.kindName)")
        }
    }

    /// The combinations in plan order, each aligned with `dimensions`, that `accept` keeps:
    /// the grid with the last dimension varying fastest, or `samples` accepted random draws.
    /// Each is handed to `body` as it is found, not collected (a plan of 100,000 jobs would
    /// hold 100,000 arrays); the result is how many there were. The same space gives the same
    /// combinations on every call, so a first call can count them and a second write them.
    func forEachCombination(accept: ([Double]) -> Bool, _ body: ([Double]) throws -> Void) throws -> Int {
        if let sampling { return try sample(sampling, accept: accept, body) }
        var counts: [Int] = []
        var total = 1
        for dimension in dimensions {
            guard case .list(let values) = dimension.values else { continue }
            counts.append(values.count)
            let (product, overflow) = total.multipliedReportingOverflow(by: values.count)
            guard !overflow, product <= Self.limit else {
                throw InvalidInputError("\(place): space: more than \(Self.limit) combinations")
            }
            total = product
        }
        let lists = dimensions.map { dimension -> [Double] in
            if case .list(let values) = dimension.values { return values }
            return []
        }
        var kept = 0
        var digits = [Int](repeating: 0, count: lists.count)
        var combination = lists.map { $0[0] }
        for _ in 0..<total {
            if accept(combination) {
                try body(combination)
                kept += 1
            }
            var position = lists.count - 1
            while position >= 0 {
                digits[position] += 1
                if digits[position] < counts[position] {
                    combination[position] = lists[position][digits[position]]
                    break
                }
                digits[position] = 0
                combination[position] = lists[position][0]
                position -= 1
            }
        }
        return kept
    }

    /// Draws in dimension order from one splitmix64 stream seeded from `seed`: a list is a
    /// uniform choice, `{min, max}` uniform (whole numbers for integer parameters).
    func sample(_ sampling: TuneSampling, accept: ([Double]) -> Bool, _ body: ([Double]) throws -> Void) throws -> Int {
        var random = SplitMix64(seed: PortableRandom.seed(UInt64(bitPattern: sampling.seed), stream: 0x7475_6E65, index: 0))
        var kept = 0
        let draws = sampling.samples * Self.drawsPerSample + 1_000
        var drawn = 0
        while kept < sampling.samples && drawn < draws {
            drawn += 1
            let combination = dimensions.map { dimension -> Double in
                switch dimension.values {
                case .list(let values):
                    return values[Swift.min(values.count - 1, Int(random.uniform() * Double(values.count)))]
                case .uniform(let min, let max):
                    guard dimension.declaration.kind == .integer else { return min + random.uniform() * (max - min) }
                    let low = min.rounded(.up)
                    let count = Int(max.rounded(.down) - low) + 1
                    return low + Double(Swift.min(count - 1, Int(random.uniform() * Double(count))))
                }
            }
            if accept(combination) {
                try body(combination)
                kept += 1
            }
        }
        guard kept == sampling.samples else {
            throw InvalidInputError(
                "\(place): space.samples: only \(kept) of \(sampling.samples) random draws satisfy the constraints after \(drawn) tries")
        }
        return kept
    }
}

/// Parameter values as numbers and as JSON.
enum TuneValue {
    /// An integer parameter's value is a JSON integer, any other a float (as in a run's config.json).
    static func json(_ value: Double, _ kind: StrategyParameter.Kind) -> JSONValue {
        kind == .integer ? .int(Int64(value)) : .double(value)
    }

    /// `value` rounded to `decimals` decimal places (exact powers of ten, no libm).
    static func rounded(_ value: Double, decimals: Int) -> Double {
        var scale = 1.0
        for _ in 0..<Swift.min(decimals, 15) { scale *= 10 }
        return (value * scale).rounded() / scale
    }
}
