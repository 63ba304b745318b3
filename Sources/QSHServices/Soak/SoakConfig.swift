import QSHArtifacts
import QSHCore

/// The resolved settings of one soak: what `config.json` in its folder records, what its id
/// hashes, and what `--resume` reads back so that the rest of the soak runs exactly as the
/// uninterrupted soak would have.
public struct SoakConfig: Sendable, Equatable {
    public var seed: UInt64
    public var symbols: [String]
    public var iterations: Int
    /// Simulated milliseconds per iteration (one simulator step is one millisecond).
    public var iterationMs: Int
    public var autoTune: Bool
    public var realtime: Bool
    public var kpiGate: Bool
    public var market: String
    public var profileName: String
    public var profileSource: String
    public var base: SoakRuntimeParameters
    /// Where the rule table and the KPI targets came from (`built-in` or a path), with the
    /// sha1 of the file's text so that a resume notices an edited file.
    public var rulesSource: String
    public var rulesHash: String?
    public var kpiSource: String
    public var kpiHash: String?

    public var json: JSONValue {
        .object([
            "seed": .string(String(seed)),
            "symbols": .array(symbols.map { .string($0) }),
            "iterations": .int(Int64(iterations)),
            "iteration_length_ms": .int(Int64(iterationMs)),
            "auto_tune": .bool(autoTune),
            "realtime": .bool(realtime),
            "kpi_gate": .bool(kpiGate),
            "market": .string(market),
            "mock": .bool(true),
            "profile": .string(profileName),
            "profile_source": .string(profileSource),
            "base": SoakParametersJSON.object(base),
            "rules_source": .string(rulesSource),
            "rules_sha1": rulesHash.map { .string($0) } ?? .null,
            "kpi_source": .string(kpiSource),
            "kpi_sha1": kpiHash.map { .string($0) } ?? .null,
        ])
    }

    /// Reads `config.json` back (`--resume`); `file` names it in errors.
    public static func read(_ value: JSONValue, file: String) throws -> SoakConfig {
        func field(_ key: String) throws -> JSONValue {
            guard let found = value[key], found != .null else { throw DataError("\(file): '\(key)' is missing") }
            return found
        }
        func text(_ key: String) throws -> String {
            guard let found = try field(key).stringValue else { throw DataError("\(file): '\(key)' is not a string") }
            return found
        }
        func whole(_ key: String) throws -> Int {
            guard let found = try field(key).intValue, found > 0 else { throw DataError("\(file): '\(key)' is not a positive whole number") }
            return Int(found)
        }
        func flag(_ key: String) throws -> Bool {
            guard case .bool(let found) = try field(key) else { throw DataError("\(file): '\(key)' is not true or false") }
            return found
        }
        guard let seed = UInt64(try text("seed")) else { throw DataError("\(file): 'seed' is not a whole number") }
        guard let symbols = try field("symbols").arrayValue?.compactMap(\.stringValue), !symbols.isEmpty else {
            throw DataError("\(file): 'symbols' is not a list of names")
        }
        return SoakConfig(
            seed: seed, symbols: symbols, iterations: try whole("iterations"), iterationMs: try whole("iteration_length_ms"),
            autoTune: try flag("auto_tune"), realtime: try flag("realtime"), kpiGate: try flag("kpi_gate"),
            market: try text("market"), profileName: try text("profile"), profileSource: try text("profile_source"),
            base: try SoakParametersJSON.read(try field("base"), file: file, key: "base"),
            rulesSource: try text("rules_source"), rulesHash: value["rules_sha1"]?.stringValue,
            kpiSource: try text("kpi_source"), kpiHash: value["kpi_sha1"]?.stringValue)
    }
}

/// The five runtime parameters as a JSON object keyed by their snake_case names, values on
/// each field's grid (whole-number fields as integers).
public enum SoakParametersJSON {
    public static func object(_ parameters: SoakRuntimeParameters) -> JSONValue {
        .object(Dictionary(uniqueKeysWithValues: SoakRuntimeField.allCases.map { ($0.rawValue, value($0, parameters[$0])) }))
    }

    public static func value(_ field: SoakRuntimeField, _ number: Double) -> JSONValue {
        field.decimals == 0 ? .int(Int64(number)) : .double(field.round(number))
    }

    public static func read(_ value: JSONValue, file: String, key: String) throws -> SoakRuntimeParameters {
        var result = SoakRuntimeParameters(minIntervalMs: 0, replaceRatePerMin: 0, baseSpreadBpsDelta: 0, impactCapRatio: 0, tailAgeMs: 0)
        for field in SoakRuntimeField.allCases {
            guard let number = value[field.rawValue]?.doubleValue else {
                throw DataError("\(file): '\(key).\(field.rawValue)' is missing or not a number")
            }
            result[field] = number
        }
        return result
    }
}
