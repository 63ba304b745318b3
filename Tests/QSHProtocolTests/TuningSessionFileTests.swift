import Foundation
import QSHArtifacts
import QSHCore
import Testing

@testable import QSHServices

/// Session files: parsing, grid and range expansion, constraints, random sampling, errors.
struct TuningSessionFileTests {
    static func plan(_ text: String, file: String = "s.yaml", outdir: String = "outputs") throws -> TunePlan {
        try TunePlanner.plan(try TuningSession.parse(text, file: file), outdir: outdir)
    }

    static func params(_ plan: TunePlan, _ name: String) -> [Double] {
        plan.jobs.compactMap { $0.config["params"]?[name]?.doubleValue }
    }

    /// The message of the InvalidInputError `body` throws.
    static func failure(_ text: String) -> String {
        do {
            _ = try plan(text)
            return "no error"
        } catch let error as InvalidInputError {
            return error.message
        } catch {
            return "other error: \(error)"
        }
    }

    static let smaBase = "session: t\nbase:\n  ticker: SYN-ETH\n  strategy: sma_cross\n"

    @Test func gridOrderSortsNamesAndVariesTheLastFastest() throws {
        let plan = try Self.plan(
            Self.smaBase + "space:\n  slow: [100, 200]\n  fast: [10, 20, 30]\n")
        #expect(plan.jobs.count == 6)
        #expect(Self.params(plan, "fast") == [10, 10, 20, 20, 30, 30])
        #expect(Self.params(plan, "slow") == [100, 200, 100, 200, 100, 200])
        #expect(plan.jobs.map(\.ordinal) == Array(0..<6))
        #expect(plan.jobs.map(\.jobID) == (0..<6).map { "t_000\($0)" })
        #expect(plan.jobs[0].outputJSON == "outputs/tuning/t/results/t_0000.json")
        #expect(Set(plan.jobs.map(\.planID)).count == 1)
    }

    @Test func rangesAreInclusiveWithoutFloatDrift() throws {
        let plan = try Self.plan(
            "session: r\nbase: {ticker: SYN-ETH}\nspace:\n  rsi_buy_max: {min: 0.1, max: 0.7, step: 0.1}\n")
        #expect(Self.params(plan, "rsi_buy_max") == [0.1, 0.2, 0.3, 0.4, 0.5, 0.6, 0.7])
        let ints = try Self.plan(Self.smaBase + "space:\n  fast: {min: 5, max: 20, step: 5}\n  slow: [50]\n")
        #expect(Self.params(ints, "fast") == [5, 10, 15, 20])
        #expect(ints.jobs[0].config["params"]?["fast"] == .int(5))
    }

    @Test func constraintsFilterBeforeOrdinals() throws {
        let plan = try Self.plan(
            Self.smaBase + "space:\n  fast: [10, 20, 30]\n  slow: [15, 25]\nconstraints:\n  - fast < slow\n")
        #expect(Self.params(plan, "fast") == [10, 10, 20])
        #expect(Self.params(plan, "slow") == [15, 25, 25])
        #expect(plan.jobs.map(\.ordinal) == [0, 1, 2])
        let shifted = try Self.plan(
            "session: c\nbase: {ticker: SYN-ETH}\nspace:\n  rsi_buy_max: [50, 60, 70]\n  rsi_sell_min: [65, 75]\n"
                + "constraints: ['rsi_buy_max <= rsi_sell_min - 10', 'rsi_buy_max != 60', 'rsi_sell_min >= 0']\n")
        #expect(Self.params(shifted, "rsi_buy_max") == [50, 50])
        #expect(Self.params(shifted, "rsi_sell_min") == [65, 75])
    }

    @Test func constraintComparisons() throws {
        let names = ["a", "b"]
        let values = ["a": 1.0, "b": 2.0]
        func holds(_ text: String) throws -> Bool {
            try TuneConstraint(parsing: text, parameters: names).holds { values[$0]! }
        }
        #expect(try holds("a < b"))
        #expect(try holds("a <= b - 1"))
        #expect(try !holds("a > b"))
        #expect(try holds("b >= a + 1"))
        #expect(try holds("a != b"))
        #expect(try holds("a == 1"))
        #expect(try holds("3 > b"))
        #expect(try TuneConstraint(parsing: "a<=b-1", parameters: names).text == "a <= b - 1")
        #expect(throws: InvalidInputError.self) { try TuneConstraint(parsing: "a ~ b", parameters: names) }
        #expect(throws: InvalidInputError.self) { try TuneConstraint(parsing: "a < c", parameters: names) }
        #expect(throws: InvalidInputError.self) { try TuneConstraint(parsing: "1 < 2", parameters: names) }
    }

    @Test func tickersAreOutermost() throws {
        let plan = try Self.plan(
            "session: m\nbase:\n  tickers: [SYN-ETH, SYN-BTC]\n  strategy: sma_cross\nspace:\n  fast: [5, 10]\n  slow: [50]\n")
        #expect(plan.jobs.map { $0.config["ticker"]?.stringValue ?? "" } == ["SYN-ETH", "SYN-ETH", "SYN-BTC", "SYN-BTC"])
        #expect(Self.params(plan, "fast") == [5, 10, 5, 10])
    }

    @Test func configHasTheShapeOfARunConfig() throws {
        let plan = try Self.plan(
            "session: d\nbase:\n  ticker: ETH-USD\n  start: 2023-01-01\n  end: 2024-01-01\n  interval: 1d\n  fee: 0.001\n"
                + "  slippage_bps: 5\n  slippage_mode: atr\n  k_atr: 0.1\n  initial_cash: 500\n  data_dir: ../shared/data/real\n"
                + "  params: {rsi_sell_min: 80}\nspace:\n  rsi_buy_max: [55]\n")
        let config = try #require(plan.jobs.first?.config)
        #expect(Set(config.objectValue?.keys.map { $0 } ?? []) == [
            "ticker", "start", "end", "interval", "strategy", "params", "fee", "slippage_bps", "slippage_mode", "k_atr",
            "initial_cash", "paper", "data",
        ])
        #expect(config["data"] == .object(["dir": .string("../shared/data/real")]))
        #expect(config["params"] == .object(["rsi_buy_max": .double(55), "rsi_sell_min": .double(80), "cooldown_days": .int(0)]))
        let request = RunRequest(config: config)
        #expect(request.ticker == "ETH-USD")
        #expect(request.dataDir == "../shared/data/real")
        #expect(request.costs.slippageMode == .atr)
        #expect(request.initialCash == 500)
        #expect(request.strategy == "rsi_ma_cross_v2")
        let file = try Self.plan("session: f\nbase: {ticker: X, data_file: data/x.csv}\nspace: {rsi_buy_max: [55]}\n")
        #expect(file.jobs[0].config["data"] == .object(["source": .string("data/x.csv")]))
        #expect(RunRequest(config: file.jobs[0].config).dataFile == "data/x.csv")
    }

    @Test func randomSamplingIsSeededAndPortable() throws {
        let text = Self.smaBase
            + "space:\n  samples: 20\n  seed: 7\n  fast: {min: 5, max: 50}\n  slow: [60, 80, 100]\nconstraints: [fast < slow]\n"
        let first = try Self.plan(text)
        let second = try Self.plan(text)
        #expect(first.jsonl == second.jsonl)
        #expect(first.jobs.count == 20)
        let fast = Self.params(first, "fast")
        #expect(fast.allSatisfy { $0 >= 5 && $0 <= 50 && $0.rounded() == $0 })
        #expect(Set(Self.params(first, "slow")).isSubset(of: [60, 80, 100]))
        #expect(Set(fast).count > 5)
        // The stream is fixed by the seed: these values hold on every machine.
        #expect(Array(fast.prefix(3)) == Array(Self.params(second, "fast").prefix(3)))
        let other = try Self.plan(text.replacingOccurrences(of: "seed: 7", with: "seed: 8"))
        #expect(other.jsonl != first.jsonl)
        #expect(other.planID != first.planID)
        let floats = try Self.plan(
            "session: u\nbase: {ticker: SYN-ETH}\nspace: {samples: 10, seed: 1, rsi_buy_max: {min: 40, max: 60}}\n")
        #expect(Self.params(floats, "rsi_buy_max").allSatisfy { $0 >= 40 && $0 <= 60 })
    }

    @Test func planIDHashesTheResolvedSession() throws {
        let a = try TuningSession.parse(Self.smaBase + "space:\n  fast: [5, 10]\n  slow: [50]\n", file: "a.yaml")
        // The same content spelled differently (JSON, other key order, defaults written out).
        let b = try TuningSession.parse(
            #"{"space": {"slow": [50], "fast": [5, 10]}, "base": {"strategy": "sma_cross", "ticker": "SYN-ETH", "fee": 0.002}, "session": "t"}"#,
            file: "b.json")
        #expect(a.planID == b.planID)
        #expect(a.planID == ArtifactID.sha1Hex(Array(a.resolved.compact().utf8)))
        #expect(a.planID.count == 40)
        let c = try TuningSession.parse(Self.smaBase + "space:\n  fast: [5, 11]\n  slow: [50]\n", file: "a.yaml")
        #expect(c.planID != a.planID)
    }

    @Test func errorsNameTheKeyAndLine() {
        #expect(Self.failure(Self.smaBase + "  tikcer: X\nspace: {fast: [5]}\n").hasPrefix("s.yaml:5: unknown key 'base.tikcer'"))
        #expect(Self.failure(Self.smaBase + "  fee: cheap\nspace: {fast: [5]}\n") == "s.yaml:5: base.fee: expected a number, got a string")
        #expect(Self.failure(Self.smaBase + "space:\n  fast: [5, 2.5]\n").hasPrefix("s.yaml:6: space.fast: parameter 'fast': expected an integer"))
        #expect(Self.failure(Self.smaBase + "space:\n  fast: [0]\n").contains("s.yaml:6: space.fast:"))
        #expect(Self.failure(Self.smaBase + "space:\n  fast: [5]\n  speed: [1]\n").hasPrefix("s.yaml:7: space.speed: unknown parameter"))
        #expect(Self.failure(Self.smaBase + "space:\n  fast: {min: 1, max: 5}\n").hasPrefix("s.yaml:6: space.fast.step:"))
        #expect(Self.failure(Self.smaBase + "space:\n  fast: {min: 1, max: 5, step: 1, by: 2}\n").hasPrefix("s.yaml:6: unknown key 'space.fast.by'"))
        #expect(Self.failure(Self.smaBase + "space:\n  fast: []\n") == "s.yaml:6: space.fast: empty list")
        #expect(Self.failure(Self.smaBase + "space: {}\n").hasPrefix("s.yaml:5: space: no parameters"))
        #expect(Self.failure(Self.smaBase + "space:\n  fast: [50]\n  slow: [20]\nconstraints:\n  - fast < slow\n")
            == "s.yaml:8: constraints: no combination of the space satisfies them")
        #expect(Self.failure(Self.smaBase + "space:\n  fast: [5]\nconstraints:\n  - fast < sloww\n").hasPrefix("s.yaml:8: constraints:"))
        #expect(Self.failure("session: bad name\nbase: {ticker: X}\nspace: {rsi_buy_max: [5]}\n").hasPrefix("s.yaml:1: session:"))
        #expect(Self.failure("session: t\nbase: {ticker: X, strategy: nope}\nspace: {rsi_buy_max: [5]}\n").hasPrefix("s.yaml:2: base.strategy: unknown strategy"))
        #expect(Self.failure("session: t\nbase: {ticker: X}\nspace: {rsi_buy_max: [5]}\nextra: 1\n").hasPrefix("s.yaml:4: unknown key 'extra'"))
        #expect(Self.failure("session: t\nbase: [1]\n").hasPrefix("s.yaml:2: base: expected a mapping"))
        #expect(Self.failure("session: t\nbase: {ticker: [X\n").hasPrefix("s.yaml:3: YAML syntax error"))
        #expect(Self.failure("").hasPrefix("s.yaml: empty session file"))
        #expect(Self.failure("base: {ticker: X}\nspace: {rsi_buy_max: [5]}\n").hasPrefix("s.yaml:1: session: missing"))
        #expect(Self.failure(Self.smaBase + "space:\n  samples: 3\n  fast: [5]\n").hasPrefix("s.yaml:6: space.seed:"))
        #expect(Self.failure(Self.smaBase + "space:\n  samples: 3\n  seed: 1\n  fast: [50]\n  slow: [20]\nconstraints: [fast < slow]\n")
            .contains("space.samples: only 0 of 3"))
    }

    @Test func outputPathsKeepTheOutdirAsGiven() throws {
        let text = Self.smaBase + "space:\n  fast: [5]\n  slow: [50]\n"
        #expect(try Self.plan(text, outdir: "/data/out/").jobs[0].outputJSON == "/data/out/tuning/t/results/t_0000.json")
        #expect(try Self.plan(text, outdir: "runs/here").jobs[0].outputJSON == "runs/here/tuning/t/results/t_0000.json")
        #expect(try Self.plan(text, outdir: "/").jobs[0].outputJSON == "/tuning/t/results/t_0000.json")
        let many = try Self.plan(Self.smaBase + "space:\n  fast: {min: 1, max: 11000, step: 1}\n  slow: [10000]\n"
            .replacingOccurrences(of: "11000", with: "9999"))
        #expect(many.jobs.last?.jobID == "t_9998")
        // Past 9999 the ordinal takes more digits.
        #expect(try Self.plan(Self.smaBase + "space:\n  fast: {min: 1, max: 5001, step: 1}\n  slow: [9000, 9001]\n")
            .jobs.last?.jobID == "t_10001")
    }

    @Test func wrongTypesAreNamed() {
        #expect(Self.failure(Self.smaBase + "space:\n  samples: 2.5\n  seed: 1\n  fast: [5]\n")
            == "s.yaml:6: space.samples: expected an integer, got 2.5")
        #expect(Self.failure(Self.smaBase + "space:\n  fast: ['5']\n") == "s.yaml:6: space.fast: expected a number, got a string")
        #expect(Self.failure(Self.smaBase + "space:\n  fast: 5\n").hasPrefix("s.yaml:6: space.fast: expected a list or a range"))
        #expect(Self.failure("session: t\nbase: {tickers: [], strategy: sma_cross}\nspace: {fast: [5]}\n")
            .hasPrefix("s.yaml:2: base.tickers: empty list"))
        #expect(Self.failure("session: t\nbase: {ticker: X, slippage_mode: big}\nspace: {rsi_buy_max: [5]}\n")
            .hasPrefix("s.yaml:2: base.slippage_mode:"))
        #expect(Self.failure("session: t\nbase: {ticker: X, params: {rsi_buy_max: 5}}\nspace: {rsi_buy_max: [5]}\n")
            .contains("also in space"))
    }

    /// The draws of a seed are fixed for good (splitmix64, integer arithmetic): these are the
    /// values on every machine.
    @Test func seededDrawsArePinned() throws {
        let ints = try Self.plan(
            Self.smaBase + "space:\n  samples: 4\n  seed: 7\n  fast: {min: 5, max: 50}\n  slow: [60, 80, 100]\n")
        #expect(Self.params(ints, "fast") == [24, 29, 15, 40])
        #expect(Self.params(ints, "slow") == [60, 80, 80, 80])
        let floats = try Self.plan(
            "session: g\nbase: {ticker: SYN-ETH}\nspace:\n  samples: 3\n  seed: 7\n  rsi_buy_max: {min: 40, max: 60}\n")
        #expect(Self.params(floats, "rsi_buy_max") == [48.6743741598916, 44.062060266260275, 50.85350632550445])
    }
}
