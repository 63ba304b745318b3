import Foundation
import QSHArtifacts
import QSHCore

/// What a `tune aggregate` found and wrote: the counts, the filters, the ranked results, and the
/// documents `summary.json`, `leaderboard.csv` and `report.json` (docs/tuning.md).
public struct TuneAggregateOutcome: ServiceOutcome {
    static let summaryFile = "summary.json"
    static let leaderboardFile = "leaderboard.csv"
    static let reportFile = "report.json"
    static let files = [summaryFile, leaderboardFile, reportFile]

    let plan: TuneAggregateService.Plan
    let createdAt: Date
    let command: String
    let requestID: String?
    /// Worked out once: each is a pass over every result, and the leaderboard has a row per
    /// ranked result.
    let okCount: Int
    let failed: [TuneAggregateEntry]
    let timedOut: [TuneAggregateEntry]
    /// The top `--max-results`, best first, with their records' summary and config.
    let top: [TuneAggregateEntry]
    /// The strategy parameters of the ranked results, sorted by name (a column each).
    let parameterNames: [String]
    /// Results of more than one ticker get a ticker column.
    let tickerColumn: Bool

    init(plan: TuneAggregateService.Plan, createdAt: Date, command: String, requestID: String?) {
        self.plan = plan
        self.createdAt = createdAt
        self.command = command
        self.requestID = requestID
        let entries = plan.folder.entries
        okCount = entries.reduce(0) { $0 + ($1.status == .ok ? 1 : 0) }
        failed = entries.filter { $0.status == .failed }
        timedOut = entries.filter { $0.status == .timeout }
        top = zip(plan.ranked, plan.details).map { position, detail in
            var entry = entries[position]
            entry.detail = detail
            return entry
        }
        var names = Set<String>()
        var tickers = Set<String>()
        for position in plan.ranked {
            names.formUnion(entries[position].parameterNames)
            if tickers.count < 2 { tickers.insert(entries[position].ticker?.stringValue ?? "") }
        }
        parameterNames = names.sorted()
        tickerColumn = tickers.count > 1
    }

    var entries: [TuneAggregateEntry] { plan.folder.entries }

    public var session: String { entries[0].session }
    public var planID: String { entries[0].planID }
    /// How many results passed the filters and were ranked.
    public var rankedCount: Int { plan.ranked.count }
    /// The session folder the documents were written to (absolute).
    public var sessionFolder: String { plan.sessionFolder }

    static let metricColumns = ["sharpe_simple", "total_return", "max_drawdown", "trades", "win_rate"]
    /// The five summary columns, then any other sort key.
    var metricColumns: [String] { Self.metricColumns + plan.ranking.sortKeys.filter { !Self.metricColumns.contains($0) } }

    /// rank, job_id, (ticker), each parameter, the metrics: the table's and the CSV's columns.
    public var headers: [String] { ["rank", "job_id"] + (tickerColumn ? ["ticker"] : []) + parameterNames + metricColumns }

    /// The cells of `entry`, ranked `rank` (1-based), in `headers` order.
    func cells(_ entry: TuneAggregateEntry, rank: Int) -> [JSONValue] {
        var cells: [JSONValue] = [.int(Int64(rank)), .string(entry.jobID)]
        if tickerColumn { cells.append(entry.ticker ?? .null) }
        cells += parameterNames.map { entry.parameter($0) ?? .null }
        cells += metricColumns.map { key in
            guard let value = entry.value(key) else { return .null }
            return key == "trades" || key == "days" ? .int(Int64(value)) : .double(value)
        }
        return cells
    }

    /// The top `--max-results` rows, formatted for people.
    public var tableRows: [[String]] {
        let columns = headers
        let metrics = Set(metricColumns)
        return top.enumerated().map { index, entry in
            zip(columns, cells(entry, rank: index + 1)).map { column, cell in
                Self.text(cell, column: column, metric: metrics.contains(column))
            }
        }
    }

    /// Which table columns hold numbers (right-aligned).
    public var numericColumns: [Bool] {
        let firstRow = top.first.map { cells($0, rank: 1) } ?? []
        return headers.enumerated().map { index, column in
            column == "rank" || metricColumns.contains(column)
                || (index < firstRow.count && firstRow[index].doubleValue != nil)
        }
    }

    /// A cell for people: percentages for returns, drawdowns and win rates, 4 decimals for
    /// other metrics, parameters as written.
    static func text(_ cell: JSONValue, column: String, metric: Bool) -> String {
        switch cell {
        case .null: return "—"
        case .string(let text): return text
        case .int(let value): return String(value)
        case .double(let value):
            switch column {
            case "total_return", "max_drawdown", "win_rate": return Format.percent(value)
            case "sharpe_simple": return Format.fixed(value, 4)
            default: return metric ? Format.fixed(value, 4) : Format.decimal(value)
            }
        default: return cell.compact()
        }
    }

    /// `leaderboard.csv`: every ranked result, with the table's columns at full precision,
    /// written atomically a chunk at a time (100,000 rows are 10 MB as one buffer).
    func writeLeaderboard(to path: String) throws {
        struct Failed: Error { let code: Int32 }
        try AtomicFile.write(to: path) { descriptor in
            var writer = CSVWriter(capacity: 1 << 16) { chunk in
                let failure = FileBytes.writeAll(chunk, to: descriptor)
                if failure != 0 { throw Failed(code: failure) }
            }
            do {
                try writer.header(headers)
                for (index, position) in plan.ranked.enumerated() {
                    for cell in cells(entries[position], rank: index + 1) {
                        switch cell {
                        case .null: try writer.empty()
                        case .int(let value): try writer.integer(Int(value))
                        case .double(let value): try writer.number(value)
                        case .string(let text): try writer.text(text)
                        default: try writer.text(cell.compact())
                        }
                    }
                    try writer.endRow()
                }
                try writer.finish()
            } catch let error as Failed {
                return error.code
            } catch {
                return EIO
            }
            return 0
        }
    }

    var filteredOutCounts: [TuneRanking.Filter: Int] { plan.filteredOut }
    var filteredOutTotal: Int { plan.filteredOut.values.reduce(0, +) }

    var best: TuneAggregateEntry? { top.first }

    /// `summary.json` (and `--json`, `--output-json`).
    public var summaryJSON: JSONValue {
        var document: [String: JSONValue] = [
            "schema_version": .string("1.0"),
            "record_type": .string("quantlab.tune.summary"),
            "session": .string(session),
            "plan_id": .string(planID),
            "results_dir": .string(plan.folder.path),
            "session_dir": .string(plan.sessionFolder),
        ]
        document["counts"] = countsJSON
        document["failed"] = .array(failed.map { Self.errorEntry($0) })
        document["timeout"] = .array(timedOut.map { Self.errorEntry($0) })
        document["unreadable"] = .array(plan.folder.unreadable.map { .object(["file": .string($0.file), "reason": .string($0.reason)]) })
        let counts = filteredOutCounts
        var filteredOut: [String: JSONValue] = [:]
        for filter in TuneRanking.Filter.allCases { filteredOut[filter.rawValue] = .int(Int64(counts[filter] ?? 0)) }
        document["filtered_out"] = .object(filteredOut)
        document["filters"] = .object([
            "max_drawdown_pct": .double(plan.ranking.maxDrawdownPct),
            "min_trades": plan.ranking.minTrades.map { .int(Int64($0)) } ?? .null,
        ])
        document["sort_by"] = .array(plan.ranking.sortKeys.map { .string($0) })
        document["order"] = .string("each sort key descending (missing values last), then ordinal ascending")
        document["max_results"] = .int(Int64(plan.maxResults))
        document["best_job_id"] = best.map { .string($0.jobID) } ?? .null
        document["best_config"] = best?.config ?? .null
        document["top"] = .array(top.enumerated().map { index, entry in topEntry(entry, rank: index + 1) })
        var files: [String: JSONValue] = [:]
        for file in Self.files { files[file] = .string((plan.sessionFolder as NSString).appendingPathComponent(file)) }
        document["files"] = .object(files)
        document["created_at"] = .string(ISOTime.string(from: createdAt))
        document["tool_version"] = .string(QSHVersion.number)
        return .object(document)
    }

    var countsJSON: JSONValue {
        let counts: [(String, Int)] = [
            ("files", entries.count + plan.folder.unreadable.count), ("results", entries.count), ("ok", okCount),
            ("failed", failed.count), ("timeout", timedOut.count), ("unreadable", plan.folder.unreadable.count),
            ("filtered_out", filteredOutTotal), ("ranked", plan.ranked.count),
        ]
        return .object(Dictionary(uniqueKeysWithValues: counts.map { ($0.0, JSONValue.int(Int64($0.1))) }))
    }

    func topEntry(_ entry: TuneAggregateEntry, rank: Int) -> JSONValue {
        var sortValues: [String: JSONValue] = [:]
        for key in plan.ranking.sortKeys { sortValues[key] = .number(entry.value(key)) }
        return .object([
            "rank": .int(Int64(rank)),
            "job_id": .string(entry.jobID),
            "ordinal": .int(Int64(entry.ordinal)),
            "params": .object(entry.params),
            "summary": entry.summary ?? .null,
            "sort_values": .object(sortValues),
        ])
    }

    static func errorEntry(_ entry: TuneAggregateEntry) -> JSONValue {
        .object([
            "job_id": .string(entry.jobID),
            "file": .string(entry.file),
            "error_type": entry.error?["type"] ?? .null,
            "message": entry.error?["message"] ?? .null,
        ])
    }

    /// The contract's summary block: the best result's summary (nulls when none ranks), with
    /// the session's counts.
    public var summary: JSONValue? {
        var block = best?.summary?.objectValue
            ?? Dictionary(uniqueKeysWithValues: TuneRanking.summaryKeys.map { ($0, JSONValue.null) })
        block["best_job_id"] = best.map { .string($0.jobID) } ?? .null
        block["results"] = .int(Int64(entries.count))
        block["ok"] = .int(Int64(okCount))
        block["ranked"] = .int(Int64(plan.ranked.count))
        return .object(block)
    }

    /// `report.json`, with the contract's `machine_contract` (`quantlab.tune.result`).
    var report: JSONValue {
        let summary = summary ?? .null
        let document = summaryJSON
        var results: JSONValue = .object([:])
        if case .object(var members) = document {
            for key in ["schema_version", "record_type", "created_at", "tool_version"] { members[key] = nil }
            results = .object(members)
        }
        return ContractReport(
            contractType: "quantlab.tune.result", artifactType: "tune_aggregate_report", command: command,
            status: "success", requestID: requestID, runID: session, mode: "tune_aggregate", summary: summary, files: Self.files
        ).document(
            header: [
                "session": .string(session),
                "plan_id": .string(planID),
                "results_dir": .string(plan.folder.path),
                "created_at": .string(ISOTime.string(from: createdAt)),
                "tool_version": .string(QSHVersion.number),
            ],
            configResolved: best?.config ?? .null, results: results)
    }

    public var artifact: ArtifactReference? {
        ArtifactReference(
            id: session, path: plan.sessionFolder,
            reportPath: (plan.sessionFolder as NSString).appendingPathComponent(Self.reportFile))
    }

    public var responseFields: [String: JSONValue] {
        [
            "result": summaryJSON, "summary": summary ?? .null, "run_id": .string(session),
            "artifacts_path": .string(plan.sessionFolder),
            "report_path": .string((plan.sessionFolder as NSString).appendingPathComponent(Self.reportFile)),
        ]
    }
    public var completionFields: [String: JSONValue] {
        ["plan_id": .string(planID), "ranked": .int(Int64(plan.ranked.count))]
    }

    /// The lines above the table.
    public var headline: [String] {
        var counts = "\(entries.count) result\(entries.count == 1 ? "" : "s"): \(okCount) ok, \(failed.count) failed, "
            + "\(timedOut.count) timeout"
        if !plan.folder.unreadable.isEmpty { counts += ", \(plan.folder.unreadable.count) unreadable" }
        var filters = "max drawdown <= \(Format.decimal(plan.ranking.maxDrawdownPct))%"
        if let minTrades = plan.ranking.minTrades { filters += ", trades >= \(minTrades)" }
        return [
            "Session \(session) (plan_id \(planID))",
            "  \(counts)",
            "  Filters: \(filters): \(filteredOutTotal) filtered out, \(plan.ranked.count) ranked",
            "  Sorted by \(plan.ranking.sortKeys.joined(separator: ", ")) (descending; ties by ordinal)",
        ]
    }

    /// The lines below the table: what could not be ranked, and where the files went.
    public var footer: [String] {
        var lines: [String] = []
        if plan.ranked.isEmpty {
            lines.append(okCount == 0 ? "No ok result to rank." : "No result passes the filters.")
        } else if plan.ranked.count > plan.maxResults {
            lines.append("(top \(plan.maxResults) of \(plan.ranked.count); every ranked result is in \(Self.leaderboardFile))")
        }
        for problem in plan.folder.unreadable { lines.append("Unreadable \(problem.file): \(problem.reason)") }
        for entry in failed + timedOut {
            lines.append("Job \(entry.jobID) \(entry.status.rawValue): \(entry.error?["message"]?.stringValue ?? entry.status.rawValue)")
        }
        lines.append("Wrote \(Self.files.joined(separator: ", ")) in \(plan.sessionFolder)")
        return lines
    }
}
