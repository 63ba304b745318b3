import QSHCore
import QSHProtocol
import Testing

/// Command lines against the standard registry's declarations.
struct ArgvParserTests {
    let parser = ArgvParser(registry: .standard, rootForms: ["--json-request", "--check"])

    func values(_ words: [String]) throws -> ParameterValues {
        guard case .command(_, let values) = try parser.parse(words) else {
            Issue.record("not a command: \(words)")
            return ParameterValues()
        }
        return values
    }

    func message(_ words: [String]) -> String {
        do {
            _ = try parser.parse(words)
            return "(parsed)"
        } catch let error as any ClassifiedError {
            return error.message
        } catch {
            return "\(error)"
        }
    }

    @Test func optionsFlagsAndPositionals() throws {
        let run = try values(["run", "--ticker", "SYN-ETH", "--fee=0.001", "--report", "--param", "rsi_buy_max=55", "--param", "cooldown_days=2"])
        #expect(run.string("ticker") == "SYN-ETH")
        #expect(run.number("fee") == 0.001)
        #expect(run.flag("report"))
        #expect(run.keyNumbers("params") == [KeyNumber("rsi_buy_max", 55), KeyNumber("cooldown_days", 2)])
        let show = try values(["runs", "show", "abc", "out/runs", "--json"])
        #expect(show.string("target") == "abc" && show.string("directory") == "out/runs" && show.flag("json"))
    }

    @Test func negativeNumbersAreValues() throws {
        #expect(try values(["run", "--ticker", "X", "--fee", "-0.1"]).number("fee") == -0.1)
        #expect(message(["run", "--ticker", "X", "--fee", "--report"]).contains("--fee needs a value"))
    }

    @Test func theLastOfARepeatedOptionWinsAndDoubleDashEndsOptions() throws {
        #expect(try values(["run", "--ticker", "A", "--ticker", "B"]).string("ticker") == "B")
        #expect(try values(["runs", "show", "--", "--odd-name"]).string("target") == "--odd-name")
    }

    @Test func spellingsAndAliasesReachOneKey() throws {
        for flag in ["--outdir", "--out-dir", "--out_dir"] {
            #expect(try values(["run", "--ticker", "X", flag, "o"]).string("out_dir") == "o")
        }
        #expect(try values(["run", "--ticker", "X", "--slippage_mode", "atr"]).string("slippage_mode") == "atr")
    }

    @Test func strategyParametersFollowTheChosenStrategy() throws {
        #expect(try values(["run", "--ticker", "X", "--rsi-buy-max", "55"]).number("rsi_buy_max") == 55)
        #expect(try values(["run", "--ticker", "X", "--strategy", "sma_cross", "--fast", "10"]).number("fast") == 10)
        #expect(message(["run", "--ticker", "X", "--strategy=sma_cross", "--rsi-buy-max", "55"]).contains("unknown option '--rsi-buy-max'"))
    }

    @Test func unknownThingsComeFirstWithASuggestion() {
        #expect(message(["run", "--tickr", "SYN-ETH"]) == "unknown option '--tickr' for 'qsh run'; did you mean '--ticker'?")
        // Reported before the missing --ticker and before the bad value.
        #expect(message(["run", "--fee", "x", "--turbo"]).hasPrefix("unknown option '--turbo'"))
        #expect(message(["rn", "--ticker", "X"]).hasPrefix("unknown command 'rn'; did you mean 'run'?"))
        #expect(message(["runs", "lst"]).hasPrefix("unknown subcommand 'lst' for 'runs'; did you mean 'list'?"))
        #expect(message(["runs"]).hasPrefix("'runs' needs a subcommand: list, show, best, index"))
        // QuantLab form (`qsh --flag` is `qsh run --flag`): process-level forms are suggested too.
        #expect(message(["--chek"]).contains("did you mean '--check'?"))
        // ... and the message does not name a command the user never typed.
        #expect(message(["--chek"]).hasPrefix("unknown option '--chek'; did you mean"))
    }

    @Test func valueErrorsNameTheFlagAndKeepTheirClass() {
        #expect(message(["run", "--ticker", "X", "--fee", "lots"]) == "--fee: 'lots' is not a number")
        #expect(message(["run", "--ticker", "X", "--fee", "0x10"]) == "--fee: '0x10' is not a number")
        #expect(message(["run", "--ticker", "X", "--slippage-mode", "wild"]) == "--slippage-mode: 'wild' is not one of fixed, atr")
        #expect(message(["runs", "best", "--top", "1.5"]) == "--top: expected an integer, got 1.5")
        #expect(message(["runs", "best", "--top", "0"]) == "--top: 0 is outside the allowed range 1..1000000")
        #expect(message(["run", "--ticker", "X", "--param", "rsi_buy_max=high"]) == "parameter 'rsi_buy_max': 'high' is not a number")
        #expect(message(["run", "--ticker", "X", "--rsi-buy-max", "high"]) == "parameter 'rsi_buy_max': 'high' is not a number")
        #expect(message(["run", "--ticker", "X", "--param", "rsi_buy_max"]) == "--param: 'rsi_buy_max' is not KEY=VALUE")
        #expect(message(["run", "--report=yes", "--ticker", "X"]) == "--report takes no value")
        #expect(message(["run"]).hasPrefix("missing --ticker"))
        #expect(message(["strategies", "a", "b"]).hasPrefix("unexpected argument 'b'"))
    }

    @Test func helpAndVersionAreText() throws {
        for words in [["--help"], ["run", "--help"], ["help", "run"], ["runs", "--help"], ["help", "runs", "best"], ["--version"]] {
            guard case .text(let text) = try parser.parse(words) else {
                Issue.record("\(words) is not text")
                continue
            }
            #expect(!text.isEmpty)
        }
        #expect(message(["help", "nope"]).hasPrefix("no command 'nope'"))
    }
}
