/// The strategies `qsh` knows, by name. The shell, the tuner and completion enumerate it.
public enum StrategyRegistry {
    public static let defaultName = RsiMaCrossV2.name

    public static let all: [any Strategy.Type] = [RsiMaCrossV2.self, SmaCross.self, BuyAndHold.self]

    public static var names: [String] { all.map { $0.name } }

    public static func type(named name: String) throws(StrategyError) -> any Strategy.Type {
        guard let found = all.first(where: { $0.name == name }) else {
            throw StrategyError("unknown strategy '\(name)'; available: \(names.joined(separator: ", "))")
        }
        return found
    }

    /// Builds a strategy with defaults overridden by `overrides`.
    public static func make(named name: String, overrides: [(String, Double)] = []) throws(StrategyError) -> any Strategy {
        let type = try type(named: name)
        let parameters = try StrategyParameters(declarations: type.parameters, overrides: overrides, strategy: name)
        return try type.init(parameters: parameters)
    }
}
