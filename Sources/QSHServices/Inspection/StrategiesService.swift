import QSHCore

/// `strategies [NAME]`: the strategy registry.
public struct StrategiesService: Service {
    public struct Request: Sendable {
        public var name: String?
        public init(name: String?) { self.name = name }
    }

    public struct Description: Sendable {
        public let name: String
        public let summary: String
        public let isDefault: Bool
        public let parameters: [StrategyParameter]
    }

    public struct Outcome: ServiceOutcome {
        public let strategies: [Description]
    }

    public init() {}

    public func prepare(_ request: Request, context: ServiceContext) throws -> Request {
        if let name = request.name { _ = try StrategyRegistry.type(named: name) }
        return request
    }

    public func run(_ request: Request, context: ServiceContext) async throws -> Outcome {
        let types = try request.name.map { [try StrategyRegistry.type(named: $0)] } ?? StrategyRegistry.all
        return Outcome(strategies: types.map { type in
            Description(
                name: type.name, summary: type.summary, isDefault: type.name == StrategyRegistry.defaultName,
                parameters: type.parameters)
        })
    }
}
