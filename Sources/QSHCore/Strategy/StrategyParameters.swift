/// The resolved parameter values of one strategy instance, in declaration order.
public struct StrategyParameters: Sendable, Equatable {
    public let declarations: [StrategyParameter]
    public private(set) var values: [Double]

    /// Every parameter at its default.
    public init(declarations: [StrategyParameter]) {
        self.declarations = declarations
        values = declarations.map(\.defaultValue)
    }

    /// Defaults overridden by `overrides`; an unknown key or a bad value is a strategy error
    /// naming the key and the allowed keys.
    public init(declarations: [StrategyParameter], overrides: [(String, Double)], strategy: String) throws(StrategyError) {
        self.init(declarations: declarations)
        for (key, value) in overrides {
            try set(key, value, strategy: strategy)
        }
    }

    public mutating func set(_ key: String, _ value: Double, strategy: String) throws(StrategyError) {
        guard let index = declarations.firstIndex(where: { $0.name == key }) else {
            let allowed = declarations.map(\.name).joined(separator: ", ")
            throw StrategyError(
                "unknown parameter '\(key)' for strategy '\(strategy)'; allowed: \(allowed.isEmpty ? "(none)" : allowed)")
        }
        values[index] = try declarations[index].validate(value)
    }

    public subscript(name: String) -> Double {
        guard let index = declarations.firstIndex(where: { $0.name == name }) else {
            preconditionFailure("strategy reads undeclared parameter \(name)")
        }
        return values[index]
    }

    public func integer(_ name: String) -> Int { Int(self[name]) }

    /// (name, kind, value) triples in declaration order, for configs and reports.
    public var entries: [(name: String, kind: StrategyParameter.Kind, value: Double)] {
        zip(declarations, values).map { ($0.name, $0.kind, $1) }
    }
}
