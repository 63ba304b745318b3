import Foundation
import QSHArtifacts
import QSHCore

/// Runtime overrides: some of the five parameters, replacing the profile's values, clamped to
/// the limits (a clamp is reported, never an error: an orchestrator's override file may
/// hold values from an older, wider range).
public struct SoakRuntimeOverrides: Sendable, Equatable {
    public enum Source: String, Sendable { case file, env, none }
    public struct Clamp: Sendable, Equatable {
        public let field: SoakRuntimeField
        public let from: Double
        public let to: Double
    }

    public let source: Source
    /// The file or variable the overrides came from, for messages; nil with no overrides.
    public let shownAs: String?
    public let values: [SoakRuntimeField: Double]
    public let clamped: [Clamp]

    public static let none = SoakRuntimeOverrides(source: .none, shownAs: nil, values: [:], clamped: [])

    public init(source: Source, shownAs: String?, values: [SoakRuntimeField: Double], clamped: [Clamp]) {
        self.source = source
        self.shownAs = shownAs
        self.values = values
        self.clamped = clamped
    }

    public func applied(to base: SoakRuntimeParameters) -> SoakRuntimeParameters {
        var result = base
        for (field, value) in values { result[field] = value }
        return result
    }

    /// The given fields only, in the fields' order.
    public var json: JSONValue {
        .object(Dictionary(uniqueKeysWithValues: values.map { ($0.key.rawValue, SoakParametersJSON.value($0.key, $0.value)) }))
    }

    /// A JSON object of field: number; unknown fields and non-numbers are errors naming the key.
    public static func parse(jsonText: String, source: Source, shownAs: String) throws -> SoakRuntimeOverrides {
        let root: JSONValue
        do { root = try JSONValue.parse(jsonText) } catch {
            throw InvalidInputError("\(shownAs): not valid JSON (\(error))")
        }
        guard let members = root.objectValue else {
            throw InvalidInputError("\(shownAs): expected a JSON object of runtime parameters, got \(root.typeName)")
        }
        var values: [SoakRuntimeField: Double] = [:]
        var clamps: [Clamp] = []
        for key in members.keys.sorted() {
            guard let field = SoakRuntimeField(rawValue: key) else {
                throw InvalidInputError(
                    "\(shownAs): unknown field '\(Excerpt.of(key, limit: 32))' (fields: "
                        + SoakRuntimeField.allCases.map(\.rawValue).joined(separator: ", ") + ")")
            }
            guard let number = members[key]?.doubleValue, number.isFinite else {
                throw InvalidInputError("\(shownAs): '\(key)' must be a number, got \(members[key]?.typeName ?? "nothing")")
            }
            let value = field.clamp(number)
            if value != number { clamps.append(Clamp(field: field, from: number, to: value)) }
            values[field] = value
        }
        let order = SoakRuntimeField.allCases
        clamps.sort { order.firstIndex(of: $0.field)! < order.firstIndex(of: $1.field)! }
        return SoakRuntimeOverrides(source: source, shownAs: shownAs, values: values, clamped: clamps)
    }
}
