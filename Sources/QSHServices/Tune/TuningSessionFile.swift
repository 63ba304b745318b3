import Foundation
import QSHArtifacts
import QSHCore

/// What every job of a session shares: the market, window, strategy, costs and data source.
public struct TuningBase: Sendable {
    public let tickers: [String]
    public let start: String?
    public let end: String?
    public let interval: String?
    public let strategy: String
    /// Parameters fixed for every job (`base.params`), by name.
    public let fixedParameters: [String: Double]
    public let fee: Double
    public let slippageBps: Double
    public let slippageMode: CostModel.SlippageMode
    public let kATR: Double
    public let initialCash: Double
    /// As written: relative paths are resolved by `tune run` against its working folder.
    public let dataFile: String?
    public let dataDir: String?

    static let keys = [
        "ticker", "tickers", "start", "end", "interval", "strategy", "params", "fee", "slippage_bps", "slippage_mode", "k_atr",
        "initial_cash", "data_file", "data_dir",
    ]

    /// A job's `data` block: `{"source": FILE}` or `{"dir": DIR}`, nil for the default lookup.
    var data: JSONValue? {
        if let dataFile { return .object(["source": .string(dataFile)]) }
        if let dataDir { return .object(["dir": .string(dataDir)]) }
        return nil
    }
}

/// A tuning session file (docs/tuning.md), read and checked completely: `session`, `base`,
/// `space` and `constraints`. Every problem is an `InvalidInputError` naming the key and the
/// `file:line` Yams gives.
public struct TuningSession: Sendable {
    public let name: String
    public let base: TuningBase
    public let space: ParameterSpace
    public let constraints: [TuneConstraint]
    /// The strategy's declared parameters (all of them, in declaration order).
    public let declarations: [StrategyParameter]
    /// Where `constraints` is (or the file), for the "nothing left" error.
    let constraintsPlace: String

    static let keys = ["session", "base", "space", "constraints"]

    /// Reads the session file at `path` (`shownAs` in messages).
    public static func load(path: String, shownAs file: String, option: String = "--session-file") throws -> TuningSession {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw InvalidInputError("\(option): cannot read '\(file)' (missing or not a readable file)")
        }
        guard let text = String(data: data, encoding: .utf8) else {
            throw InvalidInputError("\(file): not UTF-8 text")
        }
        return try parse(text, file: file)
    }

    public static func parse(_ text: String, file: String) throws -> TuningSession {
        try read(try SessionNode.parse(text, file: file), file: file)
    }

    /// A session given as a JSON object (a request's inline `session`); `shownAs` names it in errors.
    public static func parse(json: JSONValue, shownAs file: String) throws -> TuningSession {
        try read(SessionNode(json: json), file: file)
    }

    static func read(_ node: SessionNode, file: String) throws -> TuningSession {
        let root = try SessionMap(node, file: file, path: "")
        try root.requireKeys(in: keys)
        guard let name = try root.string("session") else { throw root.error("session", "missing (the session's name)") }
        guard name.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber || $0 == "_" || $0 == "-") }) else {
            throw root.error("session", "'\(name)' may only use letters, digits, '_' and '-'")
        }
        guard let baseNode = root.node("base") else { throw root.error("base", "missing (ticker, start, end, strategy, ...)") }
        let (base, declarations) = try readBase(SessionMap(baseNode, file: file, path: "base"))
        guard let spaceNode = root.node("space") else { throw root.error("space", "missing (the parameters to vary)") }
        let space = try ParameterSpace.read(spaceNode, file: file, strategy: base.strategy, declarations: declarations)
        for dimension in space.dimensions where base.fixedParameters[dimension.name] != nil {
            throw root.error("base", "params.\(dimension.name) is also in space")
        }
        var constraints: [TuneConstraint] = []
        for item in try root.list("constraints") ?? [] {
            let place = SessionNode.place(file, item.line)
            guard case .scalar(let text, .string) = item.value else {
                throw InvalidInputError("\(place): constraints: expected a string like 'fast < slow', got \(item.kindName)")
            }
            do {
                constraints.append(try TuneConstraint(parsing: text, parameters: declarations.map(\.name)))
            } catch {
                throw InvalidInputError("\(place): constraints: \(error.message)")
            }
        }
        let constraintsLine = root.entries.first { $0.key == "constraints" }?.line
        return TuningSession(
            name: name, base: base, space: space, constraints: constraints, declarations: declarations,
            constraintsPlace: SessionNode.place(file, constraintsLine ?? root.line))
    }

    static func readBase(_ map: SessionMap) throws -> (TuningBase, [StrategyParameter]) {
        try map.requireKeys(in: TuningBase.keys)
        var tickers: [String] = []
        if let ticker = try map.string("ticker") { tickers = [ticker] }
        if let list = try map.list("tickers") {
            guard tickers.isEmpty else { throw map.error("tickers", "give ticker or tickers, not both") }
            guard !list.isEmpty else { throw map.error("tickers", "empty list") }
            for item in list {
                guard case .scalar(let text, let kind) = item.value, kind != .null, kind != .bool, !text.isEmpty else {
                    throw map.error("tickers", "expected ticker strings, got \(item.kindName)", line: item.line)
                }
                tickers.append(text)
            }
        }
        guard !tickers.isEmpty else { throw map.error("ticker", "missing (ticker: SYMBOL or tickers: [..])") }
        let strategyName = try map.string("strategy") ?? StrategyRegistry.defaultName
        let strategy: any Strategy.Type
        do {
            strategy = try StrategyRegistry.type(named: strategyName)
        } catch {
            throw map.error("strategy", error.message)
        }
        var fixed: [String: Double] = [:]
        if let node = map.node("params") {
            let params = try SessionMap(node, file: map.file, path: "base.params")
            for entry in params.entries {
                guard let declaration = strategy.parameters.first(where: { $0.name == entry.key }) else {
                    throw params.error(
                        entry.key, "unknown parameter for strategy '\(strategyName)' (allowed: \(strategy.parameters.map(\.name).joined(separator: ", ")))")
                }
                guard let value = try params.number(entry.key) else { continue }
                do {
                    fixed[entry.key] = try declaration.validate(value)
                } catch {
                    throw params.error(entry.key, error.message)
                }
            }
        }
        func nonNegative(_ key: String, _ fallback: Double) throws -> Double {
            let value = try map.number(key) ?? fallback
            guard value >= 0 else { throw map.error(key, "must be >= 0") }
            return value
        }
        let modeText = try map.string("slippage_mode") ?? CostModel.SlippageMode.fixed.rawValue
        guard let mode = CostModel.SlippageMode(rawValue: modeText) else {
            throw map.error("slippage_mode", "'\(modeText)' is not one of fixed, atr")
        }
        let cash = try map.number("initial_cash") ?? 1000
        guard cash > 0 else { throw map.error("initial_cash", "must be > 0") }
        let dataFile = try map.string("data_file")
        let dataDir = try map.string("data_dir")
        if dataFile != nil && dataDir != nil { throw map.error("data_dir", "give data_file or data_dir, not both") }
        let base = TuningBase(
            tickers: tickers, start: try map.string("start"), end: try map.string("end"), interval: try map.string("interval"),
            strategy: strategyName, fixedParameters: fixed, fee: try nonNegative("fee", CostModel.defaultFee),
            slippageBps: try nonNegative("slippage_bps", CostModel.defaultSlippageBps), slippageMode: mode,
            kATR: try nonNegative("k_atr", CostModel.defaultKATR), initialCash: cash, dataFile: dataFile, dataDir: dataDir)
        return (base, strategy.parameters)
    }

    /// The resolved session: what the plan id hashes.
    public var resolved: JSONValue {
        func optional(_ text: String?) -> JSONValue { text.map { .string($0) } ?? .null }
        var fixed: [String: JSONValue] = [:]
        for declaration in declarations {
            if let value = base.fixedParameters[declaration.name] { fixed[declaration.name] = TuneValue.json(value, declaration.kind) }
        }
        let baseJSON: JSONValue = .object([
            "tickers": .array(base.tickers.map { .string($0) }),
            "start": optional(base.start), "end": optional(base.end), "interval": optional(base.interval),
            "strategy": .string(base.strategy), "params": .object(fixed),
            "fee": .double(base.fee), "slippage_bps": .double(base.slippageBps),
            "slippage_mode": .string(base.slippageMode.rawValue), "k_atr": .double(base.kATR),
            "initial_cash": .double(base.initialCash), "data": base.data ?? .null,
        ])
        let sampling: JSONValue = space.sampling.map {
            .object(["samples": .int(Int64($0.samples)), "seed": .int($0.seed)])
        } ?? .null
        return .object([
            "session": .string(name),
            "base": baseJSON,
            "space": .object(Dictionary(uniqueKeysWithValues: space.dimensions.map { ($0.name, $0.json) })),
            "sampling": sampling,
            "constraints": .array(constraints.map { .string($0.text) }),
        ])
    }

    /// sha1 of the resolved session as compact sorted-key JSON.
    public var planID: String { ArtifactID.sha1Hex(Array(resolved.compact().utf8)) }
}
