import Foundation
import QSHCore
import QSHData
import Synchronization

/// The datasets of a plan's jobs, each loaded once (by the first worker that needs it, while
/// the others that need it wait) with its shared `FeatureSet`: a grid of thousands of jobs over
/// one file reads it once and computes each indicator column once.
final class TuneDatasets: Sendable {
    struct Dataset: Sendable {
        let loaded: LoadedData
        let features: FeatureSet
        let timeStyle: BarTimeStyle
    }

    /// The distinct data requests of the run's jobs; a job names its dataset by position here.
    private let requests: [DataRequest]
    /// One lock per dataset (Mutex is not copyable, so each sits in a small class).
    private final class Slot: Sendable {
        let loaded = Mutex<Result<Dataset, DataError>?>(nil)
    }

    private let slots: [Slot]
    private let environment: [String: String]

    init(requests: [DataRequest], context: ServiceContext) {
        self.requests = requests
        slots = requests.map { _ in Slot() }
        environment = context.environment
    }

    var count: Int { requests.count }

    /// Dataset `slot` (a `TuneQueuedJob.dataset`), loaded on first use; a load failure is the
    /// failure of every job that needs it.
    func dataset(_ slot: Int, shouldStop: () -> Bool) -> Result<Dataset, DataError> {
        slots[slot].loaded.withLock { cached in
            if let cached { return cached }
            let outcome: Result<Dataset, DataError>
            do throws(DataError) {
                let loaded = try DataSource.load(requests[slot], environment: environment, shouldStop: shouldStop)
                outcome = .success(Dataset(
                    loaded: loaded, features: FeatureSet(series: loaded.series),
                    timeStyle: BarTimeStyle(interval: loaded.interval, timestamps: loaded.series.timestamps)))
            } catch {
                outcome = .failure(error)
            }
            cached = outcome
            return outcome
        }
    }
}
