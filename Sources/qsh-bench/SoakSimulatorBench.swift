import CMallocCounter
import Foundation
import QSHCore

/// Issue 11: the soak simulator kernel. Steps (simulated ms) per second on one core (median
/// of the repetitions), malloc calls during `advance` (must be 0), and the calibration table:
/// the S1 profile auto-tuned on the top 5 symbols, seeds 1...10.
enum SoakSimulatorBench {
    /// `QSH_SOAK_PRESET="key=value,..."` changes some of the standard preset's fields (a
    /// calibration aid; the printed figures are then not the standard preset's).
    static func preset() -> SoakMarketPreset {
        var preset = SoakMarketPreset.standard
        let text = ProcessInfo.processInfo.environment["QSH_SOAK_PRESET"] ?? ""
        for pair in text.split(separator: ",") {
            let parts = pair.split(separator: "=")
            guard parts.count == 2, let value = Double(parts[1]) else { continue }
            switch parts[0] {
            case "vol": preset.volatilityBps1s = value
            case "noise": preset.noiseOrdersPerSec = value
            case "kn": preset.noiseDecayPerBps = value
            case "toxic": preset.toxicOrdersPerSec = value
            case "kt": preset.toxicDecayPerBps = value
            case "tjump": preset.toxicJumpMeanBps = value
            case "jumps": preset.jumpsPerSec = value
            case "half": preset.quoteHalfSpreadBps = value
            case "tol": preset.replaceToleranceBps = value
            case "spike": preset.feedSpikeEnterPerSec = value
            case "spikems": preset.feedSpikeExtraMs = value
            case "feed": preset.feedBaseMs = value
            case "cap": preset.capMultiple = Int(value)
            case "skew": preset.skewBpsAtCap = value
            case "qdecay": preset.queueDecayPerSec = value
            default: print("unknown QSH_SOAK_PRESET key \(parts[0])")
            }
        }
        return preset
    }

    static func run(repetitions: Int) throws {
        let steps = 10_000_000
        let preset = preset()
        var simulator = SoakSimulator(preset: preset, maxDurationMs: steps)
        let spec = SoakSimulationSpec(
            masterSeed: 1, symbol: "BTCUSDT", iteration: 1, durationMs: steps, parameters: SoakConvergence.s1,
            preset: preset)
        var sink = 0
        let timing = measure(repetitions: max(3, repetitions / 4)) {
            simulator.begin(spec)
            sink &+= simulator.advance(steps: steps)
        }
        report("soak simulator advance", units: steps, unitName: "steps", timing)

        simulator.begin(spec)
        let before = qsh_malloc_calls()
        sink &+= simulator.advance(steps: steps)
        let after = qsh_malloc_calls()
        let result = simulator.finish()
        print("soak simulator mallocs during advance(\(steps)): \(after &- before) (\(Double(after &- before) / Double(steps)) per step)")
        // The counter itself works: one small Array is at least one malloc.
        let probeBefore = qsh_malloc_calls()
        let probe = [Int](repeating: Int(after & 1), count: 16 + Int(after & 1))
        let probeCalls = qsh_malloc_calls() &- probeBefore
        sink &+= probe.count
        print("  (counter check: one [Int] allocation counted \(probeCalls) malloc call(s))")
        print("  (BTCUSDT fills \(result.fills), orders \(result.ordersPlaced))")

        let start = nowNanoseconds()
        print("soak convergence (S1, top 5, 60 s iterations, reference rules):")
        var quiet = 0
        for seed in UInt64(1)...10 {
            let run = SoakConvergence.run(
                masterSeed: seed, symbols: SoakSymbolUniverse.top(5), durationMs: 60_000, start: SoakConvergence.s1,
                preset: preset, maxIterations: 8)
            if let first = run.firstQuiet, first <= 5 { quiet += 1 }
            print("  seed \(seed): first no-trigger iteration \(run.firstQuiet.map(String.init) ?? "none (8 run)")")
            for it in run.iterations {
                let m = it.totals.metrics
                print(String(
                    format: "    it %d  net %.2f cancel %.3f maker %.3f adv %.2f slip %.2f age %.0f lag %.1f (net %.1f q %.1f) fills %d | %@",
                    it.iteration, m.netBps, m.cancelRatio, m.makerShare, m.adverseBpsP95, m.slippageBpsP95,
                    m.orderAgeP95Ms, m.wsLagP95Ms, it.totals.wsLagNetworkP95Ms, it.totals.wsLagQueueP95Ms,
                    it.totals.fills, it.triggers.joined(separator: ",") as NSString))
            }
        }
        print("  seeds quiet within 5 iterations: \(quiet)/10  (\(Double(nowNanoseconds() - start) / 1e9) s)")
        if sink == 42 { print("") }
    }
}
