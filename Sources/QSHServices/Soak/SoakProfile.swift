import Foundation
import QSHCore

/// A soak profile: the simulated market and the five runtime parameters a soak starts from
/// (`configs/profiles/<name>.yaml`; schema in docs/soak.md).
public struct SoakProfile: Sendable, Equatable {
    public let name: String
    public let description: String
    public let market: String
    public let base: SoakRuntimeParameters
    /// The file it was read from, or "built-in".
    public let source: String

    public init(name: String, description: String, market: String, base: SoakRuntimeParameters, source: String) {
        self.name = name
        self.description = description
        self.market = market
        self.base = base
        self.source = source
    }

    /// S1 as shipped in configs/profiles/S1.yaml (a test keeps the two equal), so a soak
    /// started outside the package folder still has the reference profile.
    public static let builtInS1 = SoakProfile(
        name: "S1", description: "reference starting point (calibrated against the default market)",
        market: SoakMarketPreset.standard.name,
        base: SoakRuntimeParameters(
            minIntervalMs: 60, replaceRatePerMin: 240, baseSpreadBpsDelta: 0.0, impactCapRatio: 0.08, tailAgeMs: 600),
        source: "built-in")

    static let keys = ["description", "market", "runtime"]

    /// Reads a profile file; every field of `runtime` is required and must lie within its
    /// limits (a profile is a starting point the tuner may keep, so it must already be valid).
    public static func load(path: String, shownAs file: String, name: String, option: String) throws -> SoakProfile {
        guard let data = FileManager.default.contents(atPath: path) else {
            throw InvalidInputError("\(option): cannot read profile '\(file)' (missing or not a readable file)")
        }
        guard let text = String(data: data, encoding: .utf8) else { throw InvalidInputError("\(file): not UTF-8 text") }
        return try parse(text, file: file, name: name, source: path)
    }

    public static func parse(_ text: String, file: String, name: String, source: String) throws -> SoakProfile {
        let root = try SessionNode.parse(text, file: file, what: "soak profile")
        let top = try SessionMap(root, file: file, path: "")
        try top.requireKeys(in: keys)
        let market = try top.string("market") ?? SoakMarketPreset.standard.name
        guard SoakMarketPreset.named(market) != nil else {
            throw top.error("market", "unknown market '\(Excerpt.of(market, limit: 24))' (known: \(SoakMarketPreset.names.joined(separator: ", ")))")
        }
        guard let runtimeNode = top.node("runtime") else {
            throw top.error("runtime", "missing (a mapping of the five runtime parameters)")
        }
        let runtime = try SessionMap(runtimeNode, file: file, path: "runtime")
        try runtime.requireKeys(in: SoakRuntimeField.allCases.map(\.rawValue))
        var base = SoakProfile.builtInS1.base
        for field in SoakRuntimeField.allCases {
            guard let value = try runtime.number(field.rawValue) else { throw runtime.error(field.rawValue, "missing") }
            guard field.limits.contains(value) else {
                throw runtime.error(
                    field.rawValue,
                    "\(field.text(value)) is outside \(field.text(field.limits.lowerBound))..\(field.text(field.limits.upperBound))")
            }
            base[field] = value
        }
        return SoakProfile(
            name: name, description: try top.string("description") ?? "", market: market, base: base, source: source)
    }
}
