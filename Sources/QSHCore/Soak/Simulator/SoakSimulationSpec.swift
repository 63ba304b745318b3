/// What one symbol's iteration simulates. Everything random in it follows from
/// (masterSeed, symbol, iteration) and the stream names, so an iteration re-runs alone.
public struct SoakSimulationSpec: Sendable, Equatable {
    public var masterSeed: UInt64
    public var symbol: String
    public var iteration: Int
    public var durationMs: Int
    public var parameters: SoakRuntimeParameters
    public var preset: SoakMarketPreset

    public init(
        masterSeed: UInt64, symbol: String, iteration: Int, durationMs: Int, parameters: SoakRuntimeParameters,
        preset: SoakMarketPreset
    ) {
        self.masterSeed = masterSeed
        self.symbol = symbol
        self.iteration = iteration
        self.durationMs = durationMs
        self.parameters = parameters
        self.preset = preset
    }
}

/// One random stream's seed, as the EDGE report lists it.
public struct SoakStreamSeed: Sendable, Equatable {
    public let stream: String
    public let seed: UInt64

    public init(stream: String, seed: UInt64) {
        self.stream = stream
        self.seed = seed
    }
}

/// The simulator's random streams. Exogenous ones (price, flow, feed, regime) are drawn the
/// same number of times whatever the parameters, so two parameter sets see the same market
/// (common random numbers); queue and order latency draws follow the strategy's actions.
public enum SoakStream: String, CaseIterable, Sendable {
    case price
    case flow
    case regime
    case feedLatency = "feed_latency"
    case orderLatency = "order_latency"
    case queue

    /// splitmix64(splitmix64(splitmix64(master ^ fnv1a(symbol)) ^ iteration) ^ fnv1a(stream)).
    public static func seed(master: UInt64, symbol: String, iteration: Int, stream: SoakStream) -> UInt64 {
        let perSymbol = PortableRandom.mix(master ^ PortableRandom.hash(symbol))
        let perIteration = PortableRandom.mix(perSymbol ^ UInt64(bitPattern: Int64(iteration)))
        return PortableRandom.mix(perIteration ^ PortableRandom.hash(stream.rawValue))
    }

    public static func seeds(for spec: SoakSimulationSpec) -> [SoakStreamSeed] {
        allCases.map {
            SoakStreamSeed(
                stream: $0.rawValue, seed: seed(master: spec.masterSeed, symbol: spec.symbol, iteration: spec.iteration, stream: $0))
        }
    }
}
