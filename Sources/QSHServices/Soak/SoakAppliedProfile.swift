import Foundation
import QSHArtifacts
import QSHCore

/// `applied_profile.json`: the profile, its base parameters, the runtime overrides given, every
/// adjustment the tuner made (with its wall-clock time), and the parameters now applied.
public struct SoakAppliedProfile: Sendable, Equatable {
    public struct Entry: Sendable, Equatable {
        public let ts: String
        public let field: SoakRuntimeField
        public let from: Double
        public let to: Double
        public let reason: String
    }

    public let profile: SoakProfile
    public let overrides: SoakRuntimeOverrides
    public private(set) var adjustments: [Entry]
    public private(set) var applied: SoakRuntimeParameters

    public init(profile: SoakProfile, overrides: SoakRuntimeOverrides) {
        self.profile = profile
        self.overrides = overrides
        adjustments = []
        applied = overrides.applied(to: profile.base).clamped()
    }

    init(profile: SoakProfile, overrides: SoakRuntimeOverrides, adjustments: [Entry], applied: SoakRuntimeParameters) {
        self.profile = profile
        self.overrides = overrides
        self.adjustments = adjustments
        self.applied = applied
    }

    public mutating func append(_ decision: SoakTuneDecision, at time: Date) {
        let ts = ISOTime.string(from: time)
        adjustments += decision.adjustments.map {
            Entry(ts: ts, field: $0.field, from: $0.from, to: $0.to, reason: $0.reason)
        }
        applied = decision.parameters
    }

    public var json: JSONValue {
        .object([
            "profile": .string(profile.name),
            "profile_source": .string(profile.source),
            "market": .string(profile.market),
            "base": SoakParametersJSON.object(profile.base),
            "overrides_runtime": overrides.json,
            "overrides_source": .string(overrides.source.rawValue),
            "runtime_adjustments": .array(adjustments.map { entry in
                .object([
                    "ts": .string(entry.ts), "field": .string(entry.field.rawValue),
                    "from": SoakParametersJSON.value(entry.field, entry.from),
                    "to": SoakParametersJSON.value(entry.field, entry.to), "reason": .string(entry.reason),
                ])
            }),
            "applied": SoakParametersJSON.object(applied),
        ])
    }

    /// Reads the file back (a resumed soak continues its adjustment history).
    public static func read(_ json: JSONValue, file: String) throws -> SoakAppliedProfile {
        func string(_ key: String) throws -> String {
            guard let value = json[key]?.stringValue else { throw DataError("\(file): '\(key)' is missing or not a string") }
            return value
        }
        let base = try SoakParametersJSON.read(json["base"] ?? .null, file: file, key: "base")
        let profile = SoakProfile(
            name: try string("profile"), description: "", market: try string("market"), base: base,
            source: try string("profile_source"))
        var values: [SoakRuntimeField: Double] = [:]
        for (key, value) in json["overrides_runtime"]?.objectValue ?? [:] {
            guard let field = SoakRuntimeField(rawValue: key), let number = value.doubleValue else {
                throw DataError("\(file): 'overrides_runtime.\(key)' is not a runtime parameter number")
            }
            values[field] = number
        }
        let source = SoakRuntimeOverrides.Source(rawValue: try string("overrides_source")) ?? .none
        let overrides = SoakRuntimeOverrides(
            source: source, shownAs: source == .none ? nil : file, values: values, clamped: [])
        var entries: [Entry] = []
        for (index, item) in (json["runtime_adjustments"]?.arrayValue ?? []).enumerated() {
            guard let ts = item["ts"]?.stringValue, let name = item["field"]?.stringValue,
                let field = SoakRuntimeField(rawValue: name), let from = item["from"]?.doubleValue,
                let to = item["to"]?.doubleValue, let reason = item["reason"]?.stringValue
            else { throw DataError("\(file): runtime_adjustments[\(index)] is incomplete") }
            entries.append(Entry(ts: ts, field: field, from: from, to: to, reason: reason))
        }
        let applied = try SoakParametersJSON.read(json["applied"] ?? .null, file: file, key: "applied")
        return SoakAppliedProfile(profile: profile, overrides: overrides, adjustments: entries, applied: applied)
    }
}
