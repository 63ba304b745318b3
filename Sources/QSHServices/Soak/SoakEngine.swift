import Foundation
import QSHCore
import Synchronization

/// Runs one iteration of every symbol, `workers` symbols at a time (each worker owns a
/// simulator, reused from iteration to iteration so that its buffers are allocated once).
///
/// Accelerated mode: each worker runs its symbols one after another, in chunks, as fast as it
/// can; a SIGINT/SIGTERM lets the iteration finish (a chunk of work, not wall-clock time), so
/// the soak stops at the iteration boundary. Realtime mode: one simulated millisecond per
/// wall-clock millisecond; each worker interleaves its symbols step by step, sleeping until
/// the next step is due, and a signal abandons the iteration (it would take up to its whole
/// length to finish); `--resume` runs it again from its start.
final class SoakEngine: Sendable {
    /// Steps per timed chunk in accelerated mode: long enough that reading the clock costs
    /// nothing, short enough for the monitor to see progress within an iteration.
    static let chunkSteps = 4096

    let preset: SoakMarketPreset
    let symbols: [String]
    let realtime: Bool
    let stats: Mutex<[SoakSymbolStats]>
    private let workers: [SoakWorker]

    init(preset: SoakMarketPreset, symbols: [String], workers: Int, realtime: Bool, iterationMs: Int) {
        self.preset = preset
        self.symbols = symbols
        self.realtime = realtime
        stats = Mutex(symbols.map { SoakSymbolStats(symbol: $0) })
        let count = max(1, min(workers, symbols.count))
        // Every `count`-th symbol, so each worker gets the same share. Accelerated mode needs
        // one simulator per worker (its symbols run one after another); realtime mode one per
        // symbol (they are interleaved step by step).
        self.workers = (0..<count).map { worker in
            let indices = Array(stride(from: worker, to: symbols.count, by: count))
            return SoakWorker(
                indices: indices,
                kernels: (0..<(realtime ? indices.count : 1)).map { _ in SoakSimulator(preset: preset, maxDurationMs: iterationMs) })
        }
    }

    var workerCount: Int { workers.count }

    /// Every symbol's result for `iteration`, in `symbols` order; throws `CancelledError` when
    /// a realtime iteration was abandoned.
    func iterate(
        _ iteration: Int, seed: UInt64, durationMs: Int, parameters: SoakRuntimeParameters, context: ServiceContext,
        heartbeat: @escaping @Sendable () -> Void
    ) async throws -> [SoakSymbolIteration] {
        let specs = symbols.map {
            SoakSimulationSpec(
                masterSeed: seed, symbol: $0, iteration: iteration, durationMs: durationMs, parameters: parameters, preset: preset)
        }
        let results = try await withThrowingTaskGroup(of: [(Int, SoakSymbolIteration)].self) { group in
            for worker in workers {
                group.addTask { [self] in
                    realtime
                        ? try await worker.runPaced(specs: specs, stats: stats, context: context, heartbeat: heartbeat)
                        : worker.runAccelerated(specs: specs, stats: stats, heartbeat: heartbeat)
                }
            }
            var all: [(Int, SoakSymbolIteration)] = []
            for try await part in group { all += part }
            return all
        }
        var ordered = [SoakSymbolIteration?](repeating: nil, count: symbols.count)
        for (index, result) in results { ordered[index] = result }
        return ordered.map { $0! }
    }
}

/// One worker's symbols and simulators. Only the engine's task for this worker touches it,
/// and only while an iteration runs (iterations never overlap), which is why the unchecked
/// Sendable is sound: the simulators are reused across iterations without a copy.
final class SoakWorker: @unchecked Sendable {
    let indices: [Int]
    private var kernels: [SoakSimulator]
    private var samples: [SoakStepSamples]

    init(indices: [Int], kernels: [SoakSimulator]) {
        self.indices = indices
        self.kernels = kernels
        samples = indices.map { _ in SoakStepSamples() }
    }

    private func finish(_ slot: Int, _ kernel: Int, stats: borrowing Mutex<[SoakSymbolStats]>) -> (Int, SoakSymbolIteration) {
        let index = indices[slot]
        let result = kernels[kernel].finish()
        stats.withLock {
            $0[index].merge(&samples[slot])
            $0[index].iterations += 1
            $0[index].fills += result.fills
        }
        return (index, result)
    }

    func runAccelerated(
        specs: [SoakSimulationSpec], stats: borrowing Mutex<[SoakSymbolStats]>, heartbeat: @Sendable () -> Void
    ) -> [(Int, SoakSymbolIteration)] {
        var results: [(Int, SoakSymbolIteration)] = []
        for (slot, index) in indices.enumerated() {
            kernels[0].begin(specs[index])
            var sinceMerge = 0
            while kernels[0].stepsRemaining > 0 {
                let start = MonotonicClock.nanoseconds()
                let ran = kernels[0].advance(steps: SoakEngine.chunkSteps)
                let elapsed = MonotonicClock.nanoseconds() &- start
                _ = samples[slot].stepLatency.record(max(1, elapsed / UInt64(max(ran, 1))), count: UInt64(ran))
                samples[slot].steps += ran
                sinceMerge += ran
                // About every 64k steps: the monitor's numbers, and the status file's heartbeat.
                if sinceMerge >= 16 * SoakEngine.chunkSteps {
                    sinceMerge = 0
                    stats.withLock { $0[index].merge(&samples[slot]) }
                    heartbeat()
                }
            }
            results.append(finish(slot, 0, stats: stats))
        }
        return results
    }

    func runPaced(
        specs: [SoakSimulationSpec], stats: borrowing Mutex<[SoakSymbolStats]>, context: ServiceContext,
        heartbeat: @Sendable () -> Void
    ) async throws -> [(Int, SoakSymbolIteration)] {
        for (slot, index) in indices.enumerated() { kernels[slot].begin(specs[index]) }
        let total = specs[indices[0]].durationMs
        let start = MonotonicClock.nanoseconds()
        var done = 0
        var lastMerge = start
        while done < total {
            try context.checkCancellation()
            let now = MonotonicClock.nanoseconds()
            let due = min(total, Int((now &- start) / 1_000_000) + 1)
            while done < due {
                let dueAt = start &+ UInt64(done) &* 1_000_000
                let passStart = MonotonicClock.nanoseconds()
                for slot in kernels.indices {
                    let before = MonotonicClock.nanoseconds()
                    _ = kernels[slot].advance(steps: 1)
                    let after = MonotonicClock.nanoseconds()
                    _ = samples[slot].stepLatency.record(max(1, after &- before))
                    _ = samples[slot].lateness.record(max(1, after &- dueAt))
                    samples[slot].steps += 1
                }
                _ = samples[0].loopLatency.record(max(1, MonotonicClock.nanoseconds() &- passStart))
                done += 1
            }
            if now &- lastMerge >= 250_000_000 {
                lastMerge = now
                stats.withLock { all in for (slot, index) in indices.enumerated() { all[index].merge(&samples[slot]) } }
                heartbeat()
            }
            let next = start &+ UInt64(done) &* 1_000_000
            let current = MonotonicClock.nanoseconds()
            if next > current {
                do { try await Task.sleep(nanoseconds: next &- current) } catch { try context.checkCancellation() }
            }
        }
        return indices.indices.map { finish($0, $0, stats: stats) }
    }
}
