import Foundation
import QSHCore
import Testing
@testable import QSHArtifacts

/// `RunsIndex.refresh`: `runs_index.csv`, `.json` and `.md` rebuilt from the run folders.
@Suite struct RunsIndexRefreshTests {
    @Test func columnsAreTheContractsInOrder() {
        #expect(RunsIndex.columns.joined(separator: ",")
            == "run_id,mode,created_at,ticker,start,end,sharpe_simple,total_return,max_drawdown,trades,path")
    }

    @Test func writesTheThreeIndexesExactly() throws {
        let folder = try TemporaryFolder()
        try RunsFixture.make(in: folder)
        let runs = folder.file("runs")
        let paths = try RunsIndex.refresh(runsDir: runs, now: RunsFixture.generatedAt)
        #expect(paths == RunsIndexPaths(
            csv: runs + "/runs_index.csv", json: runs + "/runs_index.json", markdown: runs + "/runs_index.md"))
        func root(_ text: String) -> String { text.replacingOccurrences(of: "ROOT", with: runs) }
        #expect(try folder.read("runs/runs_index.csv") == root(RunsFixture.csv))
        #expect(try folder.read("runs/runs_index.json") == root(RunsFixture.json))
        #expect(try folder.read("runs/runs_index.md") == root(RunsFixture.markdown))
    }

    @Test func jsonIndexHasTheContractsShape() throws {
        let folder = try TemporaryFolder()
        try RunsFixture.make(in: folder)
        let runs = folder.file("runs")
        try RunsIndex.refresh(runsDir: runs, now: RunsFixture.generatedAt)
        let json = try JSONValue.parse(folder.read("runs/runs_index.json"))
        #expect(Set(json.objectValue?.keys.map { $0 } ?? []) == ["generated_at", "root_dir", "n_runs", "runs"])
        #expect(json["generated_at"] == "2026-11-24T05:50:00+00:00")
        #expect(json["root_dir"] == .string(runs))
        #expect(json["n_runs"] == .int(3))
        let rows = try #require(json["runs"]?.arrayValue)
        #expect(rows.map { $0["run_id"]?.stringValue ?? "" } == RunsFixture.orderedIDs)
        #expect(rows.allSatisfy { Set($0.objectValue?.keys.map { $0 } ?? []) == Set(RunsIndex.columns) })
        #expect(rows[1]["trades"] == .int(12), "integers stay integers")
        #expect(rows[0]["sharpe_simple"] == .null)
    }

    @Test func aRefreshReplacesTheOldIndexAndSeesNewRuns() throws {
        let folder = try TemporaryFolder()
        try RunsFixture.make(in: folder)
        let runs = folder.file("runs")
        try RunsIndex.refresh(runsDir: runs, now: RunsFixture.generatedAt)
        try folder.write("runs/e_newest/metadata.json", """
            {"run_id": "20260201_000000_run_eeeeeee", "mode": "run", "created_at": "2026-02-01T00:00:00+00:00", "summary": {}}
            """)
        try FileManager.default.removeItem(atPath: folder.file("runs/b_middle"))
        try RunsIndex.refresh(runsDir: runs, now: RunsFixture.generatedAt.addingTimeInterval(60))
        let json = try JSONValue.parse(folder.read("runs/runs_index.json"))
        #expect(json["generated_at"] == "2026-11-24T05:51:00+00:00")
        #expect(json["runs"]?.arrayValue?.compactMap { $0["run_id"]?.stringValue } == [
            "20251231_235959_grid_aaaaaaa", "20260103_120000_paper_ccccccc", "20260201_000000_run_eeeeeee",
        ])
        let csv = try folder.read("runs/runs_index.csv")
        #expect(csv.split(separator: "\n").count == 4)
        #expect(csv.hasSuffix("20260201_000000_run_eeeeeee,run,2026-02-01T00:00:00+00:00,,,,,,,,\(runs)/e_newest\n"))
        let listing = folder.list("runs")
        #expect(listing.contains(".runs_index.lock"))
        #expect(!listing.contains { $0.contains(".tmp-") }, "no temporary files remain: \(listing)")
    }

    @Test func anEmptyOrMissingRunsFolderGivesAnEmptyIndex() throws {
        let folder = try TemporaryFolder()
        let runs = folder.file("outputs/runs")
        try RunsIndex.refresh(runsDir: runs, now: Date(timeIntervalSince1970: 0))
        #expect(try folder.read("outputs/runs/runs_index.csv") == RunsIndex.columns.joined(separator: ",") + "\n")
        #expect(try folder.read("outputs/runs/runs_index.json") == """
            {
              "generated_at": "1970-01-01T00:00:00+00:00",
              "n_runs": 0,
              "root_dir": "\(runs)",
              "runs": []
            }

            """)
        #expect(try folder.read("outputs/runs/runs_index.md").contains("0 runs, generated 1970-01-01T00:00:00+00:00"))
    }

    @Test func oneRunIsSingular() throws {
        let folder = try TemporaryFolder()
        try folder.write("runs/r/metadata.json", #"{"run_id": "r", "summary": {"trades": 2.0, "total_return": "n/a"}}"#)
        try RunsIndex.refresh(runsDir: folder.file("runs"), now: RunsFixture.generatedAt)
        let markdown = try folder.read("runs/runs_index.md")
        #expect(markdown.contains("\n1 run, generated "))
        #expect(markdown.contains("| r |  |  |  |  |  |  | n/a |  | 2 | "), "whole-number trades print as integers")
    }

    @Test func aRunsPathThatIsAFileIsAnInvalidInputError() throws {
        let folder = try TemporaryFolder()
        try folder.write("runs", "a file")
        #expect(throws: InvalidInputError.self) { try RunsIndex.refresh(runsDir: folder.file("runs"), now: Date()) }
        #expect(try folder.read("runs") == "a file")
    }
}
