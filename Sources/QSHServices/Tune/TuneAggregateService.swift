import Foundation
import QSHArtifacts
import QSHCore

/// `tune aggregate --results-dir D`: every result record of a session's results folder read,
/// the ok ones filtered (drawdown, trades) and ranked (the sort keys descending, ties by
/// ordinal), and `summary.json`, `leaderboard.csv` and `report.json` (`quantlab.tune.result`)
/// written atomically into D's parent, the session folder. A file that is not a result record
/// is counted and named; results of two plans are exit 2.
public struct TuneAggregateService: Service {
    public struct Request: Sendable {
        public var resultsDir: String
        public var maxResults = TuneAggregateService.defaultMaxResults
        public var maxDrawdownPct = TuneAggregateService.defaultMaxDrawdownPct
        public var minTrades: Int?
        public var sortBy: String?
        public var outputJSON: String?
        public init(resultsDir: String) { self.resultsDir = resultsDir }
    }

    public struct Plan: Sendable {
        let folder: TuneResultsFolder
        let ranking: TuneRanking
        /// The ranked results, best first, as positions in `folder.entries` (not copies).
        let ranked: [Int]
        /// The records' summary and config of the top `maxResults`, by rank.
        let details: [TuneAggregateEntry.Detail?]
        /// How many ok results each filter left out.
        let filteredOut: [TuneRanking.Filter: Int]
        let maxResults: Int
        /// The session folder the three files go to (D's parent), absolute.
        let sessionFolder: String
        let outputJSON: String?
    }

    /// The reference's drawdown filter: results losing more than 15 % from a peak are left out.
    public static let defaultMaxDrawdownPct = 15.0
    public static let defaultMaxResults = 10
    public static let defaultSortBy = "sharpe_simple,total_return"

    public init() {}

    public func prepare(_ request: Request, context: ServiceContext) throws -> Plan {
        guard request.maxResults >= 1 else { throw InvalidInputError("--max-results: \(request.maxResults) must be at least 1") }
        guard request.maxDrawdownPct >= 0, request.maxDrawdownPct.isFinite else {
            throw InvalidInputError("--max-drawdown-pct: \(Format.decimal(request.maxDrawdownPct)) must be a number of percent, 0 or more")
        }
        if let minTrades = request.minTrades, minTrades < 0 {
            throw InvalidInputError("--min-trades: \(minTrades) must be 0 or more")
        }
        guard !request.resultsDir.isEmpty else { throw InvalidInputError("--results-dir: a folder is required") }
        let path = Paths.standardized(context.resolve(request.resultsDir))
        // Each entry keeps the values of these keys alone: the filters', the leaderboard's and
        // the sort keys as written (checked against the results once they are read).
        let keys = TuneValueKeys(TuneAggregateOutcome.metricColumns + TuneRanking.requestedKeys(request.sortBy ?? Self.defaultSortBy))
        let folder = try TuneResultsFolder(path: path, shown: request.resultsDir, keys: keys)
        let sortKeys = try request.sortBy.map { try TuneRanking.sortKeys($0, valid: TuneRanking.validKeys(folder.numericKeys)) }
            ?? TuneRanking.defaultSortKeys
        let ranking = TuneRanking(maxDrawdownPct: request.maxDrawdownPct, minTrades: request.minTrades, sortKeys: sortKeys)
        var kept: [Int] = []
        var filteredOut: [TuneRanking.Filter: Int] = [:]
        for (position, entry) in folder.entries.enumerated() where entry.status == .ok {
            if let filter = ranking.filter(entry) { filteredOut[filter, default: 0] += 1 } else { kept.append(position) }
        }
        let ranked = ranking.order(folder.entries, kept)
        let details = ranked.prefix(request.maxResults).map { folder.detail(of: folder.entries[$0]) }
        let parent = (path as NSString).deletingLastPathComponent
        return Plan(
            folder: folder, ranking: ranking, ranked: ranked, details: details, filteredOut: filteredOut,
            maxResults: request.maxResults, sessionFolder: parent.isEmpty ? "/" : parent,
            outputJSON: request.outputJSON.map { context.resolve($0) })
    }

    public func run(_ plan: Plan, context: ServiceContext) async throws -> TuneAggregateOutcome {
        let outcome = TuneAggregateOutcome(plan: plan, createdAt: context.clock(), command: context.command, requestID: context.requestID)
        let folder = plan.sessionFolder == "/" ? "" : plan.sessionFolder
        try AtomicFile.write(outcome.summaryJSON.formatted() + "\n", to: folder + "/" + TuneAggregateOutcome.summaryFile)
        try outcome.writeLeaderboard(to: folder + "/" + TuneAggregateOutcome.leaderboardFile)
        try AtomicFile.write(outcome.report.formatted() + "\n", to: folder + "/" + TuneAggregateOutcome.reportFile)
        if let output = plan.outputJSON { try AtomicFile.write(outcome.summaryJSON.formatted() + "\n", to: output) }
        return outcome
    }
}
