import Synchronization

/// The parameter-independent columns of one loaded series, each computed once and shared.
///
/// A tuner or a sweep makes one `FeatureSet` per series and evaluates every parameter set
/// against it (`Backtester.run(features:...)`): RSI, moving averages, ATR, bar returns and
/// cross flags are computed by the first run that needs them and read by all the others.
/// Safe to share between concurrent workers: each key is computed exactly once even when many
/// threads ask for it at the same time (the others wait for that computation), and different
/// keys are computed in parallel. Columns are never evicted, so their addresses stay valid for
/// the life of the set.
public final class FeatureSet: Sendable {
    public let series: BarSeries
    private let cells = Mutex<[FeatureKey: FeatureCell]>([:])
    private let computed = Atomic<Int>(0)

    public init(series: BarSeries) { self.series = series }

    /// The `Double` column of `key` (a `.values` key), computing it on first use.
    public func values(_ key: FeatureKey) -> FeatureColumn<Double> {
        precondition(key.kind == .values, "\(key) is not a value column")
        guard case .values(let column) = stored(key) else { preconditionFailure("\(key) stored with the wrong kind") }
        return column
    }

    /// The `Int8` column of `key` (a `.flags` key), computing it on first use.
    public func flags(_ key: FeatureKey) -> FeatureColumn<Int8> {
        precondition(key.kind == .flags, "\(key) is not a flag column")
        guard case .flags(let column) = stored(key) else { preconditionFailure("\(key) stored with the wrong kind") }
        return column
    }

    /// The two columns of `key` (a `.pair` key), computing them on first use.
    public func pair(_ key: FeatureKey) -> (first: FeatureColumn<Double>, second: FeatureColumn<Double>) {
        precondition(key.kind == .pair, "\(key) is not a column pair")
        guard case .pair(let first, let second) = stored(key) else { preconditionFailure("\(key) stored with the wrong kind") }
        return (first, second)
    }

    /// Computes every key now (e.g. before handing the set to workers, so that no worker waits).
    public func prepare(_ keys: some Sequence<FeatureKey>) {
        for key in keys { _ = stored(key) }
    }

    /// The keys computed so far.
    public var computedKeys: Set<FeatureKey> {
        // Cells are inspected outside the map lock: a cell being computed may need that lock.
        let snapshot = cells.withLock { $0 }
        return Set(snapshot.filter { $0.value.isFilled }.keys)
    }

    /// How many columns have been computed (one per key, however many callers asked).
    public var computationCount: Int { computed.load(ordering: .relaxed) }

    private func stored(_ key: FeatureKey) -> StoredFeature {
        // The map lock is held only to find the key's cell; the column is computed under the
        // cell's own lock, so other keys are not held up (and a key may depend on another).
        let cell = cells.withLock { cells in
            if let cell = cells[key] { return cell }
            let cell = FeatureCell()
            cells[key] = cell
            return cell
        }
        return cell.value { () -> StoredFeature in
            computed.add(1, ordering: .relaxed)
            switch key.kind {
            case .values: return .values(FeatureComputation.values(key, of: series, in: self))
            case .flags: return .flags(FeatureComputation.flags(key, of: series, in: self))
            case .pair:
                let (first, second) = FeatureComputation.pair(key, of: series)
                return .pair(first, second)
            }
        }
    }
}

enum StoredFeature: Sendable {
    case values(FeatureColumn<Double>)
    case flags(FeatureColumn<Int8>)
    case pair(FeatureColumn<Double>, FeatureColumn<Double>)
}

/// One key's column: computed by the first caller while later callers wait on the lock.
final class FeatureCell: Sendable {
    private let column = Mutex<StoredFeature?>(nil)

    var isFilled: Bool { column.withLock { $0 != nil } }

    func value(computing compute: () -> StoredFeature) -> StoredFeature {
        column.withLock { column in
            if let column { return column }
            let made = compute()
            column = made
            return made
        }
    }
}
