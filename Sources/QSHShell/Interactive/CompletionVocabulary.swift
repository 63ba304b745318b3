import QSHCore
import QSHProtocol
import QSHServices

extension ParameterDeclaration.Completion {
    /// The words a value completes from when they do not depend on the line or the disk
    /// (strategies, intervals, metric names, declared choices); nil for the others. The prompt's
    /// Tab and the generated bash/zsh/fish scripts both offer these.
    var fixedWords: [String]? {
        switch self {
        case .strategies: StrategyRegistry.names
        case .intervals: BarInterval.common
        case .metrics: RunMetricNames.all
        case .words(let words): words.sorted()
        case .none, .files, .directories, .strategyParameters, .tickers, .runIDs: nil
        }
    }
}
