import Foundation
import Testing

/// Several `qsh run` processes sharing one artifact root: every run lands whole, the index
/// lists them all, and nothing half-written is left behind.
struct ConcurrencyEndToEndTests {
    @Test func parallelRunsShareOneRootSafely() async throws {
        let scratch = try Scratch()
        let root = scratch.path
        let arguments = ["run", "--ticker", "SYN-ETH", "--start", "2022-01-01", "--end", "2024-01-01"]
        let statuses = try await withThrowingTaskGroup(of: Int32.self) { group in
            for index in 0..<6 {
                // Half share one config and one pinned second, so their ids collide.
                let environment = index % 2 == 0 ? ["QSH_FIXED_NOW": "1767225600"] : [:]
                group.addTask {
                    try QSHProcess.run(arguments + ["--param", "rsi_buy_max=\(index % 2 == 0 ? 60 : 50 + index)"],
                                       in: root, environment: environment).status
                }
            }
            return try await group.reduce(into: []) { $0.append($1) }
        }
        #expect(statuses == [0, 0, 0, 0, 0, 0])
        let runs = scratch.runDirectories()
        #expect(runs.count == 6)
        #expect(scratch.list("outputs/runs").filter { $0.hasPrefix(".staging") }.isEmpty)
        for run in runs {
            #expect(scratch.list("outputs/runs/\(run)").count == 6, "\(run) is complete")
            let metadata = try scratch.json("outputs/runs/\(run)/metadata.json")
            #expect(metadata["run_id"] as? String == run)
        }
        // The last refresh saw every committed run.
        let index = try scratch.json("outputs/runs/runs_index.json")
        #expect(index["n_runs"] as? Int == 6)
        let csvLines = try scratch.read("outputs/runs/runs_index.csv").split(separator: "\n")
        #expect(csvLines.count == 7)
    }

    @Test func strategiesListsTheRegistry() throws {
        let scratch = try Scratch()
        let table = try QSHProcess.run(["strategies"], in: scratch.path)
        #expect(table.status == 0)
        for name in ["rsi_ma_cross_v2", "sma_cross", "buy_and_hold", "rsi_buy_max", "cooldown_days", "fast", "slow"] {
            #expect(table.stdout.contains(name))
        }
        let json = try QSHProcess.run(["strategies", "sma_cross", "--json"], in: scratch.path)
        #expect(json.status == 0)
        let parsed = try JSONSerialization.jsonObject(with: Data(json.stdout.utf8)) as? [[String: Any]]
        #expect(parsed?.first?["name"] as? String == "sma_cross")
        let unknown = try QSHProcess.run(["strategies", "moon"], in: scratch.path)
        #expect(unknown.status == 4)
    }
}

extension ConcurrencyEndToEndTests {
    /// A run killed at any moment leaves either nothing or a complete run directory (a hidden
    /// staging folder may remain; the next run sweeps old ones).
    @Test(arguments: [0.05, 0.2, 0.5])
    func killedRunLeavesNoPartialDirectory(after delay: Double) throws {
        let scratch = try Scratch()
        let process = Process()
        process.executableURL = URL(fileURLWithPath: QSHProcess.binary)
        process.arguments = ["run", "--ticker", "SYN-ETH", "--interval", "1m", "--start", "2023-01-01", "--end", "2023-04-01"]
        process.currentDirectoryURL = URL(fileURLWithPath: scratch.path)
        process.standardOutput = FileHandle.nullDevice
        process.standardError = FileHandle.nullDevice
        try process.run()
        Thread.sleep(forTimeInterval: delay)
        kill(process.processIdentifier, SIGKILL)
        process.waitUntilExit()
        for run in scratch.runDirectories() {
            #expect(scratch.list("outputs/runs/\(run)").count == 6, "\(run) is complete")
        }
    }
}
