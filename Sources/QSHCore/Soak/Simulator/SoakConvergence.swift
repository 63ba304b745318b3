/// An auto-tuned soak without the service: each iteration simulates every symbol, pools the
/// totals, runs the tuner and carries its parameters into the next iteration. Used to measure
/// calibration (docs/soak-market.md) in tests and in qsh-bench.
public struct SoakConvergence: Sendable {
    /// One iteration's pooled metrics, parameters used and the rules that fired after it.
    public struct Iteration: Sendable, Equatable {
        public let iteration: Int
        public let parameters: SoakRuntimeParameters
        public let totals: SoakIterationTotals
        public let triggers: [String]
    }

    public let masterSeed: UInt64
    public let iterations: [Iteration]

    /// The first iteration (1-based) with no trigger, if any.
    public var firstQuiet: Int? { iterations.first { $0.triggers.isEmpty }?.iteration }

    public static func run(
        masterSeed: UInt64, symbols: [String], durationMs: Int, start: SoakRuntimeParameters,
        preset: SoakMarketPreset = .standard, maxIterations: Int, stopWhenQuiet: Bool = true,
        tuner: SoakAutoTuner = SoakAutoTuner()
    ) -> SoakConvergence {
        var simulator = SoakSimulator(preset: preset, maxDurationMs: durationMs)
        var parameters = start.clamped()
        var iterations: [Iteration] = []
        for iteration in 1...max(1, maxIterations) {
            var results: [SoakSymbolIteration] = []
            for symbol in symbols {
                simulator.begin(
                    SoakSimulationSpec(
                        masterSeed: masterSeed, symbol: symbol, iteration: iteration, durationMs: durationMs,
                        parameters: parameters, preset: preset))
                _ = simulator.advance(steps: durationMs)
                results.append(simulator.finish())
            }
            let totals = SoakIterationTotals(combining: results)
            let decision = tuner.decide(current: parameters, metrics: totals.metrics)
            iterations.append(Iteration(iteration: iteration, parameters: parameters, totals: totals, triggers: decision.triggers))
            if stopWhenQuiet && decision.triggers.isEmpty { break }
            parameters = decision.parameters
        }
        return SoakConvergence(masterSeed: masterSeed, iterations: iterations)
    }

    /// The S1 profile's base parameters.
    public static let s1 = SoakRuntimeParameters(
        minIntervalMs: 60, replaceRatePerMin: 240, baseSpreadBpsDelta: 0.0, impactCapRatio: 0.08, tailAgeMs: 600)
}
