import Foundation
import QSHCore
import QSHData
import Synchronization

/// The experiments of a sweep evaluated against one loaded series: its strategy features are
/// computed once (a shared `FeatureSet`) and the experiments are spread over `workers` threads,
/// each with a backtest workspace of its own. An experiment whose window is too short for its
/// parameters is recorded as failed; the others go on.
struct SweepEvaluation {
    /// One experiment's outcome, in grid order.
    enum Outcome: Sendable {
        case ok(BacktestSummary)
        case failed(errorType: String, message: String)
    }

    let loaded: LoadedData
    let timeStyle: BarTimeStyle

    func evaluate(
        _ experiments: [ValidatedRunRequest], workers: Int, context: ServiceContext
    ) throws -> [Outcome] {
        let features = FeatureSet(series: loaded.series)
        let next = Atomic(0)
        let done = Atomic(0)
        let outcomes = Mutex([Outcome?](repeating: nil, count: experiments.count))
        let cancellation = context.cancellation
        let total = experiments.count
        context.emit(ProgressEvent(label: "sweeping", done: 0, total: total, unit: "experiments"))
        DispatchQueue.concurrentPerform(iterations: max(1, min(workers, total))) { _ in
            var workspace = BacktestWorkspace()
            while !cancellation.isCancelled {
                let index = next.wrappingAdd(1, ordering: .relaxed).oldValue
                guard index < total else { return }
                let outcome = evaluate(experiments[index], features: features, workspace: &workspace, shouldStop: {
                    cancellation.isCancelled
                })
                outcomes.withLock { $0[index] = outcome }
                let finished = done.wrappingAdd(1, ordering: .relaxed).newValue
                context.emit(ProgressEvent(label: "sweeping", done: finished, total: total, unit: "experiments"))
            }
        }
        try context.checkCancellation()
        return outcomes.withLock { $0 }.map { $0! }
    }

    private func evaluate(
        _ experiment: ValidatedRunRequest, features: FeatureSet, workspace: inout BacktestWorkspace,
        shouldStop: () -> Bool
    ) -> Outcome {
        do {
            try ShortWindow.check(
                loaded, strategy: experiment.strategy, ticker: experiment.request.ticker,
                requestedStart: experiment.request.start, timeStyle: timeStyle)
            return .ok(try Backtester.run(
                features: features, strategy: experiment.strategy, costs: experiment.request.costs,
                initialCash: experiment.request.initialCash, interval: loaded.interval, workspace: &workspace,
                shouldStop: shouldStop))
        } catch {
            let classified = error as? any ClassifiedError
            return .failed(
                errorType: classified?.errorType ?? "UnexpectedError",
                message: Excerpt.of(classified?.message ?? "\(error)", limit: 500))
        }
    }
}
