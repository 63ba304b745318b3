import Foundation
import Testing
@testable import QSHArtifacts

/// Concurrent `RunsIndex.refresh` calls (serialised by an advisory lock, each file written
/// atomically) never leave a torn or mixed index, even while runs are being committed.
@Suite struct RunsIndexConcurrencyTests {
    /// Problems with the index files as a reader sees them at one moment; empty when sound.
    static func problems(in runs: String) -> [String] {
        var found: [String] = []
        let header = RunsIndex.columns.joined(separator: ",") + "\n"
        if let csv = try? String(contentsOfFile: runs + "/runs_index.csv", encoding: .utf8) {
            if !csv.hasPrefix(header) || !csv.hasSuffix("\n") { found.append("csv: \(csv.suffix(40))") }
        }
        if let data = FileManager.default.contents(atPath: runs + "/runs_index.json") {
            do {
                let json = try JSONValue.parse(bytes: Array(data))
                if json["n_runs"]?.intValue != json["runs"]?.arrayValue.map({ Int64($0.count) }) {
                    found.append("json: n_runs disagrees with runs")
                }
            } catch {
                found.append("json: \(error)")
            }
        }
        if let markdown = try? String(contentsOfFile: runs + "/runs_index.md", encoding: .utf8) {
            if !markdown.hasPrefix("# Runs\n") || !markdown.hasSuffix("|\n") { found.append("md: \(markdown.suffix(40))") }
        }
        return found
    }

    @Test func refreshesFromManyThreadsLeaveValidFiles() throws {
        let folder = try TemporaryFolder()
        try RunsFixture.make(in: folder)
        let runs = folder.file("runs")
        let failures = Tally()
        DispatchQueue.concurrentPerform(iterations: 8) { index in
            for round in 0..<5 {
                do {
                    try RunsIndex.refresh(runsDir: runs, now: Date(timeIntervalSince1970: Double(index * 10 + round)))
                } catch {
                    failures.add("\(error)")
                }
            }
        }
        #expect(failures.value == 0, "\(failures.messages)")
        #expect(Self.problems(in: runs).isEmpty, "\(Self.problems(in: runs))")
        let json = try JSONValue.parse(folder.read("runs/runs_index.json"))
        #expect(json["n_runs"] == 3)
        #expect(json["runs"]?.arrayValue?.compactMap { $0["run_id"]?.stringValue } == RunsFixture.orderedIDs)
        #expect(try folder.read("runs/runs_index.csv") == RunsFixture.csv.replacingOccurrences(of: "ROOT", with: runs))
        #expect(!folder.list("runs").contains { $0.contains(".tmp-") }, "\(folder.list("runs"))")
    }

    @Test func readersNeverSeeATornIndexWhileRunsArrive() throws {
        let folder = try TemporaryFolder()
        try RunsFixture.make(in: folder)
        let runs = folder.file("runs")
        try RunsIndex.refresh(runsDir: runs, now: RunsFixture.generatedAt)
        let failures = Tally()
        let torn = Tally()
        let writersDone = Tally()
        let newRuns = 12
        DispatchQueue.concurrentPerform(iterations: 6) { worker in
            switch worker {
            case 0:
                // Commits runs one by one, refreshing after each, as `qsh run` does.
                for index in 0..<newRuns {
                    do {
                        _ = try StagedDirectory.commitUnique(parent: runs, baseName: "new_run") { name, directory in
                            try directory.write(file: "metadata.json", contents: JSONValue.object([
                                "run_id": .string(name), "mode": "run",
                                "created_at": .string(String(format: "2027-01-01T00:00:%02d+00:00", index)),
                                "summary": ["trades": .int(Int64(index))],
                            ]).formatted() + "\n")
                        }
                        try RunsIndex.refresh(runsDir: runs, now: Date())
                    } catch {
                        failures.add("\(error)")
                    }
                }
                writersDone.add()
            case 1:
                while writersDone.value == 0 {
                    for problem in Self.problems(in: runs) { torn.add(problem) }
                }
            default:
                for _ in 0..<10 {
                    do { try RunsIndex.refresh(runsDir: runs, now: Date()) } catch { failures.add("\(error)") }
                }
            }
        }
        #expect(failures.value == 0, "\(failures.messages)")
        #expect(torn.value == 0, "\(torn.messages.prefix(5))")
        // The writer refreshed after its last commit, so the final index lists every run.
        let json = try JSONValue.parse(folder.read("runs/runs_index.json"))
        #expect(json["n_runs"] == .int(Int64(3 + newRuns)))
        let ids = json["runs"]?.arrayValue?.compactMap { $0["run_id"]?.stringValue } ?? []
        #expect(Array(ids.prefix(3)) == RunsFixture.orderedIDs)
        #expect(Array(ids.dropFirst(3)) == ["new_run"] + (2...newRuns).map { "new_run_\($0)" })
        #expect(try folder.read("runs/runs_index.csv").split(separator: "\n").count == 4 + newRuns)
        #expect(!folder.list("runs").contains { $0.contains(".tmp-") || $0.hasPrefix(".staging-") && $0 != ".staging-x" })
    }
}
