import Foundation
import QSHArtifacts
import QSHCore
import Testing

@testable import QSHServices

/// `tune aggregate`'s reading, filters and order: record checks, the drawdown and trade filters,
/// the sort keys descending with missing values last, and the tie-break by ordinal.
struct TuneAggregateTests {
    static let plan = String(repeating: "a", count: 40)

    /// A result record in the format of docs/tuning.md.
    static func record(
        _ ordinal: Int, status: String = "ok", sharpe: JSONValue = .double(1), totalReturn: JSONValue = .double(0.1),
        drawdown: JSONValue = .double(-0.05), trades: JSONValue = .int(10), extra: [String: JSONValue] = [:], plan: String = plan
    ) -> JSONValue {
        let summary: JSONValue = .object([
            "total_return": totalReturn, "sharpe_simple": sharpe, "max_drawdown": drawdown, "trades": trades,
            "win_rate": .double(0.5), "days": .int(100),
        ])
        var metrics = summary.objectValue ?? [:]
        metrics.merge(extra) { $1 }
        return .object([
            "schema_version": "1.0", "record_type": "quantlab.tune.job_result", "job_id": .string(String(format: "t_%04d", ordinal)),
            "ordinal": .int(Int64(ordinal)), "plan_id": .string(plan), "session": "t", "status": .string(status),
            "config": .object(["ticker": "SYN-ETH", "params": .object(["fast": .int(Int64(5 + ordinal)), "slow": 50])]),
            "summary": status == "ok" ? summary : .null, "metrics": status == "ok" ? .object(metrics) : .null,
            "error": status == "ok" ? .null : .object(["type": "TimeoutError", "message": "too slow"]),
        ])
    }

    static func entry(_ value: JSONValue, file: String? = nil) throws -> TuneAggregateEntry {
        let ordinal = value["ordinal"]?.intValue ?? 0
        // The entries keep the values of these keys alone (the service's: summary, leaderboard, sort keys).
        let keys = TuneValueKeys(TuneRanking.summaryKeys + TuneAggregateOutcome.metricColumns + ["sortino"])
        return try TuneAggregateEntry(file: file ?? String(format: "t_%04d.json", ordinal), value: value, keys: keys)
    }

    static func ranking(maxDrawdownPct: Double = 15, minTrades: Int? = nil, keys: [String] = ["sharpe_simple", "total_return"])
        -> TuneRanking
    {
        TuneRanking(maxDrawdownPct: maxDrawdownPct, minTrades: minTrades, sortKeys: keys)
    }

    @Test func ranksEachKeyDescendingThenByOrdinal() throws {
        let entries = try [
            Self.entry(Self.record(0, sharpe: 1, totalReturn: 0.1)),
            Self.entry(Self.record(1, sharpe: 2, totalReturn: 0.1)),
            Self.entry(Self.record(2, sharpe: 1, totalReturn: 0.3)),
            Self.entry(Self.record(3, sharpe: 2, totalReturn: 0.1)),
            Self.entry(Self.record(4, sharpe: 1, totalReturn: 0.1)),
        ]
        // The same order whatever order the results come in.
        for shuffled in [entries, entries.reversed(), [entries[3], entries[0], entries[4], entries[2], entries[1]]] {
            #expect(Self.ranking().ranked(shuffled).map(\.ordinal) == [1, 3, 2, 0, 4])
        }
        #expect(Self.ranking(keys: ["total_return"]).ranked(entries).map(\.ordinal) == [2, 0, 1, 3, 4])
    }

    @Test func missingNullAndNonNumericValuesSortLast() throws {
        let entries = try [
            Self.entry(Self.record(0, sharpe: .null)),
            Self.entry(Self.record(1, sharpe: -5)),
            Self.entry(Self.record(2, sharpe: .string("nan"))),
            Self.entry(Self.record(3, sharpe: 0.5)),
        ]
        #expect(Self.ranking().ranked(entries).map(\.ordinal) == [3, 1, 0, 2])
        // A metric only some results have: those without it last, by ordinal.
        let mixed = try [
            Self.entry(Self.record(0)), Self.entry(Self.record(1, extra: ["sortino": 0.2])), Self.entry(Self.record(2, extra: ["sortino": 0.9])),
        ]
        #expect(Self.ranking(keys: ["sortino"]).ranked(mixed).map(\.ordinal) == [2, 1, 0])
    }

    @Test func theDrawdownFilterKeepsAbsoluteDrawdownsUpToTheLimit() throws {
        let ranking = Self.ranking()
        #expect(ranking.filter(try Self.entry(Self.record(0, drawdown: -0.15))) == nil)
        #expect(ranking.filter(try Self.entry(Self.record(0, drawdown: -0.1501))) == .maxDrawdown)
        #expect(ranking.filter(try Self.entry(Self.record(0, drawdown: 0))) == nil)
        #expect(ranking.filter(try Self.entry(Self.record(0, drawdown: .null))) == .maxDrawdown)
        #expect(Self.ranking(maxDrawdownPct: 100).filter(try Self.entry(Self.record(0, drawdown: -0.9))) == nil)
        #expect(Self.ranking(maxDrawdownPct: 0).filter(try Self.entry(Self.record(0, drawdown: -0.001))) == .maxDrawdown)
    }

    @Test func theTradesFilterKeepsAtLeastN() throws {
        let ranking = Self.ranking(minTrades: 10)
        #expect(ranking.filter(try Self.entry(Self.record(0, trades: 10))) == nil)
        #expect(ranking.filter(try Self.entry(Self.record(0, trades: 9))) == .minTrades)
        #expect(ranking.filter(try Self.entry(Self.record(0, trades: .null))) == .minTrades)
        // The drawdown filter is reported first when both fail.
        #expect(ranking.filter(try Self.entry(Self.record(0, drawdown: -0.5, trades: 1))) == .maxDrawdown)
        #expect(Self.ranking().filter(try Self.entry(Self.record(0, trades: 0))) == nil)
    }

    @Test func sortKeysAreCheckedAgainstTheResults() throws {
        let valid = TuneRanking.validKeys(Set(TuneAggregateEntry.numericKeys(Self.record(0, extra: ["sortino": 1, "label": "x"]))))
        #expect(valid.contains("sortino") && valid.contains("sharpe_simple") && !valid.contains("label"))
        #expect(try TuneRanking.sortKeys("sortino, total_return,sortino", valid: valid) == ["sortino", "total_return"])
        #expect(throws: InvalidInputError.self) { try TuneRanking.sortKeys("sharpe,", valid: valid) }
        do {
            _ = try TuneRanking.sortKeys("sharpe", valid: valid)
            Issue.record("no error")
        } catch let error as InvalidInputError {
            #expect(error.message.hasPrefix("--sort-by: unknown key 'sharpe' (valid: days, max_drawdown, "), "\(error.message)")
        }
    }

    @Test func recordsThatAreNotResultsSayWhy() throws {
        func reason(_ value: JSONValue) -> String {
            do {
                _ = try TuneAggregateEntry(file: "x.json", value: value)
                return "no error"
            } catch {
                return error.reason
            }
        }
        #expect(reason(.array([])) == "not a JSON object")
        #expect(reason(.object(["record_type": "run"])) == "not a tune result record (record_type \"run\")")
        var record = Self.record(0).objectValue ?? [:]
        record["ordinal"] = .double(1.5)
        #expect(reason(.object(record)) == "'ordinal' is missing or not a non-negative integer")
        record["ordinal"] = 1
        record["status"] = "done"
        #expect(reason(.object(record)) == "'status' is missing or not one of ok, failed, timeout")
        record["status"] = "ok"
        record["metrics"] = .null
        #expect(reason(.object(record)) == "an ok result without its summary and metrics objects")
        #expect(reason(Self.record(0, status: "timeout")) == "no error")
        guard case .failure(let problem) = TuneResultsFolder.record(file: "y.json", bytes: Array("{\"a\":".utf8)) else {
            Issue.record("parsed")
            return
        }
        #expect(problem.file == "y.json" && problem.reason.hasPrefix("not JSON ("))
    }

    @Test func aFolderIsReadInFileOrderAndTwoPlansAreAnError() throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tagg-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        func write(_ name: String, _ text: String) throws { try text.write(toFile: folder + "/" + name, atomically: true, encoding: .utf8) }
        #expect(throws: InvalidInputError.self) { try TuneResultsFolder(path: folder) }
        try write("t_0001.json", Self.record(1).formatted())
        try write("t_0000.json", Self.record(0, status: "failed").formatted())
        try write("broken.json", "{")
        try write(".t_0002.json.tmp-1-2", "{")
        try write("notes.txt", "hello")
        let read = try TuneResultsFolder(path: folder)
        #expect(read.entries.map(\.file) == ["t_0000.json", "t_0001.json"])
        #expect(read.unreadable.map(\.file) == ["broken.json"])
        try write("z_copy.json", Self.record(1).formatted())
        let copied = try TuneResultsFolder(path: folder)
        #expect(copied.entries.map(\.file) == ["t_0000.json", "t_0001.json"])
        #expect(copied.unreadable.map(\.file) == ["broken.json", "z_copy.json"])
        #expect(copied.unreadable.last?.reason == "job_id 't_0001' is already in t_0001.json")
        try FileManager.default.removeItem(atPath: folder + "/z_copy.json")
        try write("t_0003.json", Self.record(3, plan: String(repeating: "b", count: 40)).formatted())
        do {
            _ = try TuneResultsFolder(path: folder)
            Issue.record("no error")
        } catch let error as InvalidInputError {
            #expect(error.message.contains("holds results of 2 plans (plan_id \(Self.plan), \(String(repeating: "b", count: 40)))"))
        }
    }

    @Test func theLeaderboardHasAColumnPerParameterAndTheExtraSortKeys() async throws {
        let folder = FileManager.default.temporaryDirectory.appendingPathComponent("tagg-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: folder + "/s/results", withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: folder) }
        var second = Self.record(1, sharpe: 2, extra: ["sortino": 0.75]).objectValue ?? [:]
        second["config"] = .object(["ticker": "SYN-BTC", "params": .object(["slow": 60, "fast": 7, "band": 0.5])])
        try Self.record(0, sharpe: 1, extra: ["sortino": 0.5]).formatted().write(
            toFile: folder + "/s/results/t_0000.json", atomically: true, encoding: .utf8)
        try JSONValue.object(second).formatted().write(toFile: folder + "/s/results/t_0001.json", atomically: true, encoding: .utf8)
        var request = TuneAggregateService.Request(resultsDir: "s/results")
        request.sortBy = "sortino"
        let context = ServiceContext(workingDirectory: folder, command: "tune_aggregate")
        let service = TuneAggregateService()
        let outcome = try await service.run(try service.prepare(request, context: context), context: context)
        #expect(outcome.headers == [
            "rank", "job_id", "ticker", "band", "fast", "slow", "sharpe_simple", "total_return", "max_drawdown", "trades", "win_rate",
            "sortino",
        ])
        #expect(outcome.tableRows.first == ["1", "t_0001", "SYN-BTC", "0.5", "7", "60", "2.0000", "10.00%", "-5.00%", "10", "50.00%", "0.7500"])
        #expect(outcome.tableRows.last?[3] == "—")
        let csv = try String(contentsOfFile: folder + "/s/leaderboard.csv", encoding: .utf8)
        #expect(csv.split(separator: "\n").dropFirst().first == "1,t_0001,SYN-BTC,0.5,7,60,2.0,0.1,-0.05,10,0.5,0.75")
        #expect(outcome.summary?["best_job_id"] == "t_0001" && outcome.summary?["sharpe_simple"]?.doubleValue == 2)
    }
}
