import QSHArtifacts
import QSHCore

/// The experiments of a sweep with their outcomes, in grid order, and the leaderboard: the
/// experiments that succeeded, sharpe_simple descending, then total_return descending, ties in
/// grid order (`RankingOrder`, the rule of `tune aggregate`'s default order).
struct SweepTable: Sendable {
    struct Row: Sendable {
        /// 0-based position in grid order.
        let experiment: Int
        let validated: ValidatedRunRequest
        let summary: BacktestSummary?
        let failure: (errorType: String, message: String)?

        /// The strategy's parameters by name, each as its kind prints it.
        var params: [String: JSONValue] {
            var params: [String: JSONValue] = [:]
            for entry in validated.strategy.parameters.entries {
                params[entry.name] = entry.kind == .integer ? .int(Int64(entry.value)) : .double(entry.value)
            }
            return params
        }

        func value(_ column: String) -> Double? {
            guard let m = summary?.reference else { return nil }
            return switch column {
            case "sharpe_simple": m.sharpeSimple
            case "total_return": m.totalReturn
            case "max_drawdown": m.maxDrawdown
            case "trades": Double(m.trades)
            case "win_rate": m.winrateActiveDays
            case "days": Double(m.days)
            default: nil
            }
        }
    }

    static let sortKeys = ["sharpe_simple", "total_return"]
    /// The metric columns of both tables: the contract's summary.
    static let metricColumns = ["sharpe_simple", "total_return", "max_drawdown", "trades", "win_rate", "days"]

    let rows: [Row]
    let ranked: [Row]
    /// Every strategy parameter, sorted by name (a column each).
    let parameterNames: [String]

    init(experiments: [ValidatedRunRequest], outcomes: [SweepEvaluation.Outcome]) {
        rows = zip(experiments, outcomes).enumerated().map { index, pair in
            switch pair.1 {
            case .ok(let summary): Row(experiment: index, validated: pair.0, summary: summary, failure: nil)
            case .failed(let type, let message):
                Row(experiment: index, validated: pair.0, summary: nil, failure: (type, message))
            }
        }
        ranked = RankingOrder.ranked(
            rows.filter { $0.summary != nil }, keys: { row in Self.sortKeys.map { row.value($0) } }, position: \.experiment)
        parameterNames = rows.first.map { $0.params.keys.sorted() } ?? []
    }

    var failedCount: Int { rows.count - ranked.count }

    /// A leaderboard row for people (terminal and run_report.md): rank, experiment, each
    /// parameter, then sharpe, total return, max drawdown, trades and win rate.
    func displayRow(_ row: Row, rank: Int) -> [String] {
        let params = row.params
        let m = row.summary!.reference
        return ["\(rank)", "\(row.experiment)"] + parameterNames.map { params[$0]?.compact() ?? "" } + [
            Format.fixed(m.sharpeSimple, 4), Format.percent(m.totalReturn), Format.percent(m.maxDrawdown), "\(m.trades)",
            Format.percent(m.winrateActiveDays),
        ]
    }

    /// The columns of `displayRow`.
    var displayHeaders: [String] {
        ["rank", "experiment"] + parameterNames + ["sharpe_simple", "total_return", "max_drawdown", "trades", "win_rate"]
    }

    /// A parameter or metric cell, for the CSV files.
    func cells(_ row: Row) -> [CSVTable.Field] {
        let params = row.params
        return parameterNames.map { name in Self.field(params[name] ?? .null) }
            + Self.metricColumns.map { column in
                guard let value = row.value(column) else { return .empty }
                return column == "trades" || column == "days" ? .integer(Int(value)) : .number(value)
            }
    }

    static func field(_ value: JSONValue) -> CSVTable.Field {
        switch value {
        case .int(let number): .integer(Int(number))
        case .double(let number): .number(number)
        case .string(let text): .text(text)
        default: .empty
        }
    }

    /// `experiments.csv`: every experiment in grid order (parameter names sorted, the last
    /// varying fastest), with its status and, when it failed, why.
    var experimentsCSV: CSVTable {
        var table = CSVTable(header: ["experiment"] + parameterNames + Self.metricColumns + ["status", "error"])
        for row in rows {
            table.append([.integer(row.experiment)] + cells(row) + [
                .text(row.summary != nil ? "ok" : "failed"), row.failure.map { .text($0.message) } ?? .empty,
            ])
        }
        return table
    }

    /// `leaderboard.csv`: the experiments that succeeded, best first.
    var leaderboardCSV: CSVTable {
        var table = CSVTable(header: ["rank", "experiment"] + parameterNames + Self.metricColumns)
        for (index, row) in ranked.enumerated() {
            table.append([.integer(index + 1), .integer(row.experiment)] + cells(row))
        }
        return table
    }
}
