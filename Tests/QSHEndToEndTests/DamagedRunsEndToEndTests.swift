import Foundation
import Testing

/// `qsh runs list|show|best|index` over run folders damaged after the fact: a corrupt or
/// missing file is reported (as a warning where the command can still answer, as exit 3 where
/// it cannot), never read as an empty run or dropped without a word.
struct DamagedRunsEndToEndTests {
    /// Three runs; `runs[i]` is the folder name (the run id) of the i-th, in name order.
    static func populated() throws -> (Scratch, [String]) {
        let scratch = try RunsInspectionEndToEndTests.populated()
        let runs = scratch.runDirectories()
        try #require(runs.count == 3)
        return (scratch, runs)
    }

    static func damage(_ scratch: Scratch, _ run: String, _ file: String, with contents: String?) throws {
        let path = scratch.path + "/outputs/runs/\(run)/\(file)"
        if let contents {
            try contents.write(toFile: path, atomically: true, encoding: .utf8)
        } else {
            try FileManager.default.removeItem(atPath: path)
        }
    }

    /// Sets `metrics[name]` of one run's metrics.json to null.
    static func nullMetric(_ scratch: Scratch, _ run: String, _ name: String) throws {
        var document = try scratch.json("outputs/runs/\(run)/metrics.json")
        var metrics = document["metrics"] as? [String: Any] ?? [:]
        metrics[name] = NSNull()
        document["metrics"] = metrics
        let data = try JSONSerialization.data(withJSONObject: document)
        try damage(scratch, run, "metrics.json", with: String(decoding: data, as: UTF8.self))
    }

    @Test func showFailsOnADamagedRunNamingTheFile() throws {
        let (scratch, runs) = try Self.populated()
        try Self.damage(scratch, runs[0], "metrics.json", with: "{not json")
        try Self.damage(scratch, runs[1], "config.json", with: nil)
        try Self.damage(scratch, runs[2], "metadata.json", with: "[1, 2]")

        let corrupt = try QSHProcess.run(["runs", "show", runs[0]], in: scratch.path)
        #expect(corrupt.status == 3, "stdout: \(corrupt.stdout) stderr: \(corrupt.stderr)")
        #expect(corrupt.stdout.isEmpty, "no empty metrics table: \(corrupt.stdout)")
        #expect(corrupt.stderr.contains(runs[0]) && corrupt.stderr.contains("metrics.json is not valid JSON"), "\(corrupt.stderr)")

        let missing = try QSHProcess.run(["runs", "show", runs[1], "--json"], in: scratch.path)
        #expect(missing.status == 3, "stderr: \(missing.stderr)")
        #expect(missing.stderr.contains("config.json is missing"), "\(missing.stderr)")

        // Unreadable metadata.json: the folder is named as unreadable, not as "no run".
        for reference in [runs[2], "outputs/runs/\(runs[2])"] {
            let unreadable = try QSHProcess.run(["runs", "show", reference], in: scratch.path)
            #expect(unreadable.status == 3, "\(reference): \(unreadable.stderr)")
            #expect(unreadable.stderr.contains("cannot read run folder") && unreadable.stderr.contains("metadata.json"),
                    "\(unreadable.stderr)")
        }
    }

    @Test func listWarnsAboutFoldersItCannotReadAndMarksDamagedRuns() throws {
        let (scratch, runs) = try Self.populated()
        try Self.damage(scratch, runs[0], "metadata.json", with: "{\"run_id\": ")
        try Self.damage(scratch, runs[1], "metrics.json", with: nil)

        let table = try QSHProcess.run(["runs", "list"], in: scratch.path)
        #expect(table.status == 0, "stderr: \(table.stderr)")
        #expect(!table.stdout.contains(runs[0]) && table.stdout.contains(runs[1]) && table.stdout.contains(runs[2]))
        #expect(table.stderr.contains("warning: cannot read run folder \(scratch.path)/outputs/runs/\(runs[0])"),
                "\(table.stderr)")
        #expect(table.stderr.contains("warning: run \(runs[1]) is damaged: metrics.json is missing"), "\(table.stderr)")
        #expect(!table.stderr.contains(runs[2]))

        let json = try QSHProcess.run(["runs", "list", "--json"], in: scratch.path)
        #expect(json.status == 0)
        let rows = try RunsInspectionEndToEndTests.jsonArray(json.stdout)
        #expect(rows.count == 2)
        #expect(rows.first { $0["run_id"] as? String == runs[1] }?["problems"] as? [String] == ["metrics.json is missing"])
        #expect(rows.first { $0["run_id"] as? String == runs[2] }?["problems"] == nil, "intact runs have no problems")

        let index = try QSHProcess.run(["runs", "index", "--rebuild"], in: scratch.path)
        #expect(index.status == 0)
        #expect(index.stderr.contains("warning: skipped") && index.stderr.contains(runs[0]), "\(index.stderr)")
    }

    @Test func bestReportsTheRunsItLeavesOut() throws {
        let (scratch, runs) = try Self.populated()
        try Self.nullMetric(scratch, runs[0], "cagr")
        try Self.damage(scratch, runs[1], "config.json", with: nil)

        let best = try QSHProcess.run(["runs", "best", "--metric", "cagr", "--top", "5", "--json"], in: scratch.path)
        #expect(best.status == 0, "stderr: \(best.stderr)")
        let ranked = try RunsInspectionEndToEndTests.jsonArray(best.stdout).compactMap { $0["run_id"] as? String }
        #expect(Set(ranked) == [runs[1], runs[2]], "the run without config.json is still ranked")
        #expect(best.stderr.contains("run \(runs[1]) is damaged: config.json is missing"), "\(best.stderr)")
        #expect(best.stderr.contains("left out 1 of 3 runs") && best.stderr.contains("\(runs[0]) (null)"), "\(best.stderr)")

        // No run with a number: nothing could be ranked.
        for run in runs { try Self.nullMetric(scratch, run, "sortino") }
        let none = try QSHProcess.run(["runs", "best", "--metric", "sortino"], in: scratch.path)
        #expect(none.status == 3, "stdout: \(none.stdout) stderr: \(none.stderr)")
        #expect(none.stderr.contains("no run has a value for 'sortino'"), "\(none.stderr)")

        // Every folder unreadable.
        for run in runs { try Self.damage(scratch, run, "metadata.json", with: "") }
        let unreadable = try QSHProcess.run(["runs", "best"], in: scratch.path)
        #expect(unreadable.status == 3, "stdout: \(unreadable.stdout) stderr: \(unreadable.stderr)")
        #expect(unreadable.stderr.contains("can be read"), "\(unreadable.stderr)")
    }

    @Test func aMetricThatIsNotANumberIsNamedAsSuch() throws {
        let (scratch, _) = try Self.populated()
        let result = try QSHProcess.run(["runs", "best", "--metric", "open_position_at_end"], in: scratch.path)
        #expect(result.status == 2)
        #expect(result.stderr.contains("'open_position_at_end' is not numeric"), "\(result.stderr)")
        #expect(!result.stderr.contains("no run has a metric named"), "\(result.stderr)")
        #expect(result.stderr.contains("sharpe_simple"), "lists the numeric metrics: \(result.stderr)")
    }
}
