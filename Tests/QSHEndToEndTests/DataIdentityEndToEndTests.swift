import Foundation
import Testing

/// A run's config names its data (source, bar count, first and last bar, fingerprint), so runs
/// on different data never share an id, and `runs list` shows interval and data.
struct DataIdentityEndToEndTests {
    @Test func differentDataGivesDifferentRunIDsAndTheListSaysWhich() throws {
        let scratch = try Scratch()
        _ = try scratch.file("a/SPY.csv", AmbiguousInputEndToEndTests.bars(rows: 150))
        _ = try scratch.file("b/SPY.csv", AmbiguousInputEndToEndTests.bars(rows: 160))
        _ = try scratch.file("minute/SPY_1m.csv", AmbiguousInputEndToEndTests.bars(rows: 200, spacing: 60))
        let env = ["QSH_FIXED_NOW": "1767225600"]
        for folder in ["a", "b", "minute"] {
            let run = try QSHProcess.run(["run", "--ticker", "SPY", "--data-dir", folder, "--quiet"], in: scratch.path, environment: env)
            #expect(run.status == 0, "stderr: \(run.stderr)")
        }
        let runs = scratch.runDirectories()
        #expect(runs.count == 3)
        #expect(Set(runs.map { $0.suffix(7) }).count == 3, "same config, different data: \(runs)")
        #expect(runs.allSatisfy { !$0.hasSuffix("_2") && !$0.hasSuffix("_3") })

        let config = try scratch.json("outputs/runs/\(runs.sorted()[0])/config.json")
        let data = try #require(config["data"] as? [String: Any])
        #expect(Set(data.keys) == ["source", "bars", "first_bar", "last_bar", "fingerprint"])
        #expect((data["fingerprint"] as? String)?.count == 16)
        #expect((data["source"] as? String)?.hasPrefix(scratch.path) == true)

        let list = try QSHProcess.run(["runs", "list"], in: scratch.path)
        #expect(list.status == 0)
        let header = list.stdout.split(separator: "\n").first.map(String.init) ?? ""
        #expect(header.contains("interval") && header.contains("data"), "\(header)")
        #expect(list.stdout.contains("SPY_1m.csv") && list.stdout.contains("SPY.csv"))
        #expect(list.stdout.contains(" 1m "))

        let synthetic = try QSHProcess.run(["run", "--ticker", "SYN-ETH", "--start", "2023-01-01", "--quiet"], in: scratch.path)
        #expect(synthetic.status == 0)
        let json = try QSHProcess.run(["runs", "list", "--json"], in: scratch.path)
        #expect(json.stdout.contains(#""source":"synthetic:SYN-ETH@1d""#) || json.stdout.contains(#""source": "synthetic:SYN-ETH@1d""#),
                "\(json.stdout.prefix(400))")
    }

    @Test func theSameDataGivesTheSameFingerprint() throws {
        let scratch = try Scratch()
        let text = AmbiguousInputEndToEndTests.bars(rows: 150)
        _ = try scratch.file("one.csv", text)
        _ = try scratch.file("two.csv", text)
        var prints: [String] = []
        for file in ["one.csv", "two.csv"] {
            let run = try QSHProcess.run(["run", "--ticker", "X", "--data", file, "--outdir", file + ".out", "--quiet"], in: scratch.path)
            #expect(run.status == 0, "stderr: \(run.stderr)")
            let id = scratch.runDirectories(file + ".out")[0]
            let data = try scratch.json("\(file).out/runs/\(id)/config.json")["data"] as? [String: Any]
            prints.append(data?["fingerprint"] as? String ?? "")
        }
        #expect(prints[0] == prints[1] && prints[0].count == 16)
    }
}
