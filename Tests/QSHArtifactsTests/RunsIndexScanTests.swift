import Foundation
import Testing
@testable import QSHArtifacts

/// `RunsIndex.scan`: run folders read back from disk, sorted by `created_at`.
@Suite struct RunsIndexScanTests {
    @Test func findsTheThreeGoodRunsSortedByCreatedAtAndWarnsAboutTheCorruptOne() throws {
        let folder = try TemporaryFolder()
        try RunsFixture.make(in: folder)
        let runs = folder.file("runs")
        let scan = RunsIndex.scan(runsDir: runs)
        #expect(scan.records.map(\.runID) == RunsFixture.orderedIDs)
        #expect(scan.records.map(\.path) == RunsFixture.orderedFolders.map { runs + "/" + $0 })
        #expect(scan.warnings.count == 1, "\(scan.warnings)")
        let warning = try #require(scan.warnings.first)
        #expect(warning.contains(runs + "/d_corrupt") && warning.contains("metadata.json"), "\(warning)")
        #expect(warning.contains("line 1, column"), "the parse error says where: \(warning)")
        #expect(!scan.records.contains { $0.runID == "staging" || $0.runID == "broken" })
    }

    @Test func recordsCarryMetadataConfigAndMetrics() throws {
        let folder = try TemporaryFolder()
        try RunsFixture.make(in: folder)
        let records = RunsIndex.scan(runsDir: folder.file("runs")).records
        let middle = records[1]
        #expect(middle.metadata["mode"] == "run")
        #expect(middle.metadata["summary"]?["sharpe_simple"] == 1.23456)
        #expect(middle.metadata["summary"]?["trades"] == .int(12))
        #expect(middle.config?["ticker"] == "ETH-USD")
        #expect(middle.config?["fee"] == 0.001)
        #expect(middle.metrics?["summary"]?["trades"] == 12)
        #expect(records[0].metrics == nil && records[2].metrics == nil, "no metrics.json")
        #expect(records[2].config?["ticker"] == "BTC|USD,\"x\"")
        #expect(records[2].config?["end"] == .null)
    }

    @Test func unreadableOptionalFilesWarnButKeepTheRun() throws {
        let folder = try TemporaryFolder()
        try folder.write("runs/r/metadata.json", #"{"run_id": "r1", "created_at": "2026-01-01T00:00:00+00:00"}"#)
        try folder.write("runs/r/config.json", "{not json")
        try folder.write("runs/r/metrics.json", "[1,]")
        let scan = RunsIndex.scan(runsDir: folder.file("runs"))
        #expect(scan.records.map(\.runID) == ["r1"])
        #expect(scan.records[0].config == nil && scan.records[0].metrics == nil)
        #expect(scan.warnings.count == 2)
        #expect(scan.warnings.contains { $0.contains("config.json") })
        #expect(scan.warnings.contains { $0.contains("metrics.json") })
    }

    @Test func metadataThatIsNotAnObjectIsSkippedWithAWarning() throws {
        let folder = try TemporaryFolder()
        try folder.write("runs/list/metadata.json", "[1, 2]")
        try folder.write("runs/text/metadata.json", #""just a string""#)
        try folder.write("runs/empty/metadata.json", "")
        let scan = RunsIndex.scan(runsDir: folder.file("runs"))
        #expect(scan.records.isEmpty)
        #expect(scan.warnings.count == 3, "\(scan.warnings)")
        #expect(scan.warnings.contains { $0.contains("/list") && $0.contains("array") })
        #expect(scan.warnings.contains { $0.contains("/text") && $0.contains("string") })
    }

    @Test func foldersWithoutMetadataAndHiddenFoldersAreNotRuns() throws {
        let folder = try TemporaryFolder()
        try folder.write("runs/no_metadata/config.json", "{}")
        try folder.write("runs/.hidden/metadata.json", #"{"run_id": "hidden"}"#)
        try folder.write("runs/.staging-x/metadata.json", #"{"run_id": "staging"}"#)
        try folder.write("runs/metadata.json", #"{"run_id": "loose file"}"#)
        let scan = RunsIndex.scan(runsDir: folder.file("runs"))
        #expect(scan.records.isEmpty && scan.warnings.isEmpty, "\(scan)")
    }

    @Test func runIDFallsBackToTheFolderNameAndTiesSortByRunID() throws {
        let folder = try TemporaryFolder()
        let stamp = #""created_at": "2026-01-01T00:00:00+00:00""#
        try folder.write("runs/zeta/metadata.json", "{\(stamp)}")
        try folder.write("runs/x/metadata.json", #"{"run_id": "alpha", \#(stamp)}"#)
        try folder.write("runs/y/metadata.json", #"{"run_id": 42, \#(stamp)}"#)
        try folder.write("runs/undated/metadata.json", #"{"run_id": "undated"}"#)
        let records = RunsIndex.scan(runsDir: folder.file("runs")).records
        #expect(records.map(\.runID) == ["undated", "alpha", "y", "zeta"], "missing created_at sorts first")
    }

    @Test func aMissingRunsFolderIsEmpty() throws {
        let folder = try TemporaryFolder()
        let scan = RunsIndex.scan(runsDir: folder.file("missing"))
        #expect(scan.records.isEmpty && scan.warnings.isEmpty)
    }

    @Test func rowsHaveEveryColumnWithNullForWhatTheRunDoesNotSay() throws {
        let record = RunRecord(
            runID: "r", path: "/p/r",
            metadata: ["mode": "run", "created_at": 5, "summary": ["sharpe_simple": ["nested": 1], "trades": true]],
            config: ["ticker": ["not", "scalar"], "start": "2020-01-01"], metrics: nil)
        let row = RunsIndex.row(record)
        #expect(Set(row.keys) == Set(RunsIndex.columns))
        #expect(row["run_id"] == "r" && row["path"] == "/p/r" && row["mode"] == "run")
        #expect(row["created_at"] == 5 && row["trades"] == true, "scalars are kept as they are")
        #expect(row["sharpe_simple"] == .null && row["ticker"] == .null, "containers become null")
        #expect(row["end"] == .null && row["total_return"] == .null && row["max_drawdown"] == .null)
    }
}
