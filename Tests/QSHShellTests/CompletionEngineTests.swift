import Foundation
@testable import QSHShell
import Testing

/// Tab completion candidates for the prompt, against a scratch folder.
struct CompletionEngineTests {
    /// A folder with data files, a run and a few paths; removed afterwards.
    final class Fixture {
        let root: String

        init() throws {
            root = NSTemporaryDirectory() + "qsh-completion-" + UUID().uuidString
            let manager = FileManager.default
            for folder in [
                "data", "prices", "outputs/runs/run_20240101_aaaa", "outputs/runs/run_20240102_bbbb",
                "outputs/runs/.staging-x", "other/runs/run_other_1", "my folder", "scripts",
            ] {
                try manager.createDirectory(atPath: root + "/" + folder, withIntermediateDirectories: true)
            }
            for file in [
                "data/ETH-USD_1d.csv", "data/ETH-USD_1h.csv", "data/SPY.csv", "data/my_data.csv", "data/notes.txt",
                "data/.hidden.csv", "prices/BTC-USD_1d.csv", "scripts/job.qsh", "my folder/a.csv", "params.json",
                "outputs/runs/runs_index.csv",
            ] {
                try "x\n".write(toFile: root + "/" + file, atomically: true, encoding: .utf8)
            }
        }

        deinit { try? FileManager.default.removeItem(atPath: root) }

        func engine(dataDir: String? = nil, lastRunID: String? = nil) -> CompletionEngine {
            var environment = ["HOME": root]
            if let dataDir { environment["QSH_DATA_DIR"] = dataDir }
            return CompletionEngine(environment: environment, currentDirectory: root, lastRunID: lastRunID)
        }
    }

    @Test func firstWordCompletesCommandsAndBuiltins() throws {
        let engine = try Fixture().engine()
        #expect(engine.candidates(for: "ru") == ["run", "runs"])
        #expect(engine.candidates(for: "str") == ["strategies"])
        #expect(engine.candidates(for: "ex") == ["exit"])
        #expect(engine.candidates(for: "  hi") == ["history"])
        let all = engine.candidates(for: "")
        #expect(all.contains("run") && all.contains("source") && all.contains("help"))
        #expect(all == all.sorted())
        #expect(engine.candidates(for: "qsh ru") == ["run", "runs"])
    }

    @Test func subcommandsAfterACommand() throws {
        let engine = try Fixture().engine()
        #expect(engine.candidates(for: "runs ") == ["list", "show", "best", "index"])
        #expect(engine.candidates(for: "runs s") == ["show"])
        #expect(engine.candidates(for: "help ru") == ["run", "runs"])
        #expect(engine.candidates(for: "help runs b") == ["best"])
    }

    @Test func flagsOfTheCurrentCommand() throws {
        let engine = try Fixture().engine()
        #expect(engine.candidates(for: "run --tic") == ["--ticker"])
        #expect(engine.candidates(for: "run --ticker SYN-ETH --rep") == ["--report"])
        #expect(engine.candidates(for: "run --data-") == ["--data-dir"])
        #expect(engine.candidates(for: "runs best --me") == ["--metric"])
        #expect(engine.candidates(for: "runs list --") == ["--help", "--json", "--out-dir", "--outdir"])
        // QuantLab form: flags of `run` at the start of the line.
        #expect(engine.candidates(for: "--tic") == ["--ticker"])
        #expect(engine.candidates(for: "--ticker SYN-ETH --star") == ["--start"])
        // Underscore aliases are accepted but not offered when a dashed one exists.
        #expect(!engine.candidates(for: "run --").contains("--rsi_buy_max"))
        #expect(engine.candidates(for: "run --").contains("--rsi-buy-max"))
    }

    @Test func strategiesAndTheirParameters() throws {
        let engine = try Fixture().engine()
        #expect(engine.candidates(for: "run --strategy ") == ["rsi_ma_cross_v2", "sma_cross", "buy_and_hold"])
        #expect(engine.candidates(for: "run --strategy sm") == ["sma_cross"])
        #expect(engine.candidates(for: "strategies b") == ["buy_and_hold"])
        #expect(engine.candidates(for: "run --param rsi_b") == ["rsi_buy_max="])
        let defaults = engine.candidates(for: "run --param ")
        #expect(defaults.contains("rsi_sell_min=") && defaults.allSatisfy { $0.hasSuffix("=") })
        let sma = engine.candidates(for: "run --strategy sma_cross --param ")
        #expect(!sma.isEmpty && sma != defaults)
        #expect(engine.candidates(for: "run --strategy nope --param ").isEmpty)
        #expect(engine.candidates(for: "run --param rsi_buy_max=3").isEmpty)
    }

    @Test func tickersFromTheDataFolder() throws {
        let fixture = try Fixture()
        let engine = fixture.engine(dataDir: fixture.root + "/data")
        #expect(
            engine.candidates(for: "run --ticker ") == ["ETH-USD", "SPY", "my_data", "SYN-BTC", "SYN-ETH", "SYN-SPY"])
        #expect(engine.candidates(for: "run --ticker E") == ["ETH-USD"])
        #expect(engine.candidates(for: "run --ticker SYN-") == ["SYN-BTC", "SYN-ETH", "SYN-SPY"])
        // --data-dir on the line wins over QSH_DATA_DIR (relative to the working folder).
        #expect(engine.candidates(for: "run --data-dir prices --ticker B") == ["BTC-USD"])
        // No data folder at all: the synthetic examples.
        #expect(fixture.engine().candidates(for: "run --ticker ") == ["SYN-BTC", "SYN-ETH", "SYN-SPY"])
        #expect(CompletionEngine.ticker(fromFileName: "ETH-USD_15m.csv") == "ETH-USD")
        #expect(CompletionEngine.ticker(fromFileName: "my_data.csv") == "my_data")
    }

    @Test func runIDsForShow() throws {
        let fixture = try Fixture()
        let engine = fixture.engine()
        #expect(engine.candidates(for: "runs show ") == ["run_20240101_aaaa", "run_20240102_bbbb"])
        #expect(engine.candidates(for: "runs show run_20240102") == ["run_20240102_bbbb"])
        #expect(engine.candidates(for: "runs show --outdir other ") == ["run_other_1"])
        #expect(fixture.engine(lastRunID: "run_20240102_bbbb").candidates(for: "runs show ")
            == ["run_20240102_bbbb", "run_20240101_aaaa"])
    }

    @Test func paths() throws {
        let fixture = try Fixture()
        let engine = fixture.engine()
        #expect(engine.candidates(for: "run --data da") == ["data/"])
        #expect(engine.candidates(for: "run --data data/E") == ["data/ETH-USD_1d.csv", "data/ETH-USD_1h.csv"])
        #expect(engine.candidates(for: "run --data data/.h") == ["data/.hidden.csv"])
        #expect(!engine.candidates(for: "run --data data/").contains("data/.hidden.csv"))
        #expect(
            engine.candidates(for: "run --data-dir ")
                == ["data/", "my\\ folder/", "other/", "outputs/", "prices/", "scripts/"])
        #expect(engine.candidates(for: "run --outdir o") == ["other/", "outputs/"])
        #expect(engine.candidates(for: "source scripts/") == ["scripts/job.qsh"])
        #expect(engine.candidates(for: "cd s") == ["scripts/"])
        #expect(engine.candidates(for: "scripts/j") == ["scripts/job.qsh"])
        #expect(engine.candidates(for: "run --data ~/par") == ["~/params.json"])
        // Spaces are escaped; an open quote keeps the quote and no escaping.
        #expect(engine.candidates(for: "run --data my") == ["my\\ folder/"])
        #expect(engine.candidates(for: "run --data my\\ folder/") == ["my\\ folder/a.csv"])
        #expect(engine.candidates(for: "run --data \"my f") == ["\"my folder/"])
        #expect(engine.candidates(for: "run --data nothing-here").isEmpty)
    }

    @Test func wordBoundariesMatchTheSplitter() {
        func start(_ text: String) -> Int {
            let bytes = Array(text.utf8)
            return bytes.withUnsafeBufferPointer { CompletionWords.wordStart($0) }
        }
        #expect(start("run --ti") == 4)
        #expect(start("run ") == 4)
        #expect(start("ru") == 0)
        #expect(start("run --data my\\ fo") == 11)
        #expect(start("run --data \"my fo") == 11)
        #expect(start("echo naïve é") == 12)
        let words = CompletionWords("run --data 'a b' \"c\\\"d\" e\\ f g")
        #expect(words.words == ["run", "--data", "a b", "c\"d", "e f"])
        #expect(words.current == "g")
        #expect(CompletionWords("echo 'open").openQuote == "'")
    }
}

extension CompletionEngineTests {
    @Test func flagsAlreadyOnTheLineAreNotOfferedAgain() throws {
        let engine = try Fixture().engine()
        #expect(engine.candidates(for: "runs list --json --j").isEmpty)
        #expect(engine.candidates(for: "run --start 2020-01-01 --st") == ["--strategy"])
        // Any spelling, and the `--flag=value` form, count as given.
        #expect(engine.candidates(for: "runs list --out-dir o --") == ["--help", "--json"])
        #expect(engine.candidates(for: "runs best --metric=cagr --m").isEmpty)
        #expect(engine.candidates(for: "--ticker SYN-ETH --tic").isEmpty)
        #expect(!engine.candidates(for: "run --help --").contains("--help"))
        // A repeatable flag stays.
        #expect(engine.candidates(for: "run --param rsi_buy_max=30 --par") == ["--param"])
    }

    @Test func metricNamesAfterMetricInEitherForm() throws {
        let engine = try Fixture().engine()
        let all = engine.candidates(for: "runs best --metric ")
        #expect(all.contains("sharpe_simple") && all.contains("cagr") && all.contains("profit_factor"))
        #expect(engine.candidates(for: "runs best --metric tot") == ["total_return"])
        #expect(engine.candidates(for: "runs best --metric=tot") == ["--metric=total_return"])
        #expect(engine.candidates(for: "run --strategy=sma") == ["--strategy=sma_cross"])
        #expect(engine.candidates(for: "--strategy=buy") == ["--strategy=buy_and_hold"])
        #expect(engine.candidates(for: "run --report=").isEmpty, "a flag without a value")
    }
}
