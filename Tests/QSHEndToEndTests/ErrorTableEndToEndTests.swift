import Foundation
import Testing

/// One error taxonomy across surfaces: each bad value below gets the same exit code and the
/// same message text on argv, in a script file, on piped standard input and in a JSON request
/// (where it may be given more than one way). The rule (docs/json-request.md): a value's class
/// decides its code, whatever the surface; strategy parameters are strategy errors (exit 4),
/// fractions for integers and out-of-range values included.
struct ErrorTableEndToEndTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        /// Flags after `run --ticker SYN-ETH --start 2023-01-01 --end 2023-06-01` (or their
        /// replacement when `replacesBase`).
        let flags: [[String]]
        /// JSON `params` members, as JSON text, for each way a request can say it.
        let json: [String]
        let status: Int32
        let message: String
        var testDescription: String { name }
    }

    static let base = ["run", "--ticker", "SYN-ETH", "--start", "2023-01-01", "--end", "2023-06-01"]
    static let baseJSON = [("ticker", "SYN-ETH"), ("start", "2023-01-01"), ("end", "2023-06-01")]

    /// The base members the case does not set itself (a key given twice is an error of its own).
    static func baseMembers(besides members: String) -> String {
        baseJSON.filter { !members.contains("\"\($0.0)\":") }.map { "\"\($0.0)\": \"\($0.1)\"" }.joined(separator: ", ")
    }

    static let cases: [Case] = [
        Case(
            name: "fraction for an integer strategy parameter",
            flags: [["--cooldown-days", "1.5"], ["--cooldown_days=1.5"], ["--param", "cooldown_days=1.5"]],
            json: [#""cooldown_days": 1.5"#, #""params": {"cooldown_days": 1.5}"#], status: 4,
            message: "parameter 'cooldown_days': expected an integer, got 1.5"),
        Case(
            name: "strategy parameter out of range",
            flags: [["--rsi-buy-max", "140"], ["--param", "rsi_buy_max=140"]],
            json: [#""rsi_buy_max": 140"#, #""params": {"rsi_buy_max": 140}"#], status: 4,
            message: "parameter 'rsi_buy_max': 140 is outside the allowed range 0...100"),
        Case(
            name: "unknown strategy parameter", flags: [["--param", "speed=3"]], json: [#""params": {"speed": 3}"#],
            status: 4, message: "unknown parameter 'speed' for strategy 'rsi_ma_cross_v2'; allowed: rsi_buy_max, rsi_sell_min, cooldown_days"),
        Case(
            name: "unknown strategy", flags: [["--strategy", "moon"]], json: [#""strategy": "moon""#], status: 4,
            message: "unknown strategy 'moon'; available: rsi_ma_cross_v2, sma_cross, buy_and_hold"),
        Case(
            name: "parameters that contradict each other",
            flags: [["--strategy", "sma_cross", "--fast", "60", "--slow", "50"], ["--strategy", "sma_cross", "--param", "fast=60", "--param", "slow=50"]],
            json: [#""strategy": "sma_cross", "fast": 60, "slow": 50"#, #""strategy": "sma_cross", "params": {"fast": 60, "slow": 50}"#],
            status: 4, message: "parameter 'fast' (60) must be smaller than 'slow' (50)"),
        Case(
            name: "fee out of range", flags: [["--fee", "1.5"], ["--fee=1.5"]], json: [#""fee": 1.5"#], status: 2,
            message: "--fee: 1.5 must be a fraction in [0, 1)"),
        Case(
            name: "negative fee", flags: [["--fee", "-0.1"]], json: [#""fee": -0.1"#], status: 2,
            message: "--fee: -0.1 must be a fraction in [0, 1)"),
        Case(
            name: "value outside a choice", flags: [["--slippage-mode", "wild"]], json: [#""slippage_mode": "wild""#], status: 2,
            message: "--slippage-mode: 'wild' is not one of fixed, atr"),
        Case(
            name: "not a date", flags: [["--end", "2023-13-01"]], json: [#""end": "2023-13-01""#], status: 2,
            message: "--end: '2023-13-01' is not a date (expected YYYY-MM-DD or an ISO date-time such as 2022-01-01T09:30:00+05:00)"),
        Case(
            name: "digits that would be Unix seconds", flags: [["--start", "20220101"], ["--start=20220101"]],
            json: [#""start": "20220101""#], status: 2,
            message: "--start: '20220101' is not a date (expected YYYY-MM-DD or an ISO date-time such as 2022-01-01T09:30:00+05:00)"),
        Case(
            name: "not an interval", flags: [["--interval", "fortnight"]], json: [#""interval": "fortnight""#], status: 2,
            message: "--interval: 'fortnight' is not a bar interval (expected <count><unit> with unit s, m (or min), h, d, w (or wk), mo: e.g. 1m, 5m, 1h, 4h, 1d, 1w, 1mo)"),
        Case(
            name: "ambiguous interval", flags: [["--interval", "1M"]], json: [#""interval": "1M""#], status: 2,
            message: "--interval: '1M' is ambiguous (a month in pandas, a minute elsewhere): write 1mo or 1min"),
        Case(
            name: "upper-case interval", flags: [["--interval", "1D"]], json: [#""interval": "1D""#], status: 2,
            message: "--interval: '1D' is not a bar interval: units are lowercase, write 1d"),
        Case(
            name: "no starting capital", flags: [["--initial-cash", "0"]], json: [#""initial_cash": 0"#], status: 2,
            message: "--initial-cash: 0.0 must be a positive amount"),
        Case(
            name: "pace of a paper session", flags: [["--paper", "--pace", "soon"]], json: [#""paper": true, "pace": "soon""#],
            status: 2, message: "--pace: 'soon' is not a duration (expected a positive duration such as 250ms, 1s or 10m)"),
        Case(
            name: "missing data file", flags: [["--data", "missing.csv"]], json: [#""data": "missing.csv""#], status: 3,
            message: "data file 'missing.csv' does not exist"),
    ]

    /// Every surface's error message for one way of saying the case.
    static func messages(_ c: Case, in scratch: Scratch) throws -> [(surface: String, status: Int32, message: String)] {
        var found: [(String, Int32, String)] = []
        for flags in c.flags {
            let words = Self.base + flags
            let argv = try QSHProcess.run(words, in: scratch.path)
            found.append(("argv \(flags)", argv.status, Self.errorText(argv.stderr, prefix: "error: ")))
            let line = words.joined(separator: " ")
            _ = try scratch.file("job.qsh", line + "\n")
            let script = try QSHProcess.run(["job.qsh"], in: scratch.path)
            found.append(("script \(flags)", script.status, Self.errorText(script.stderr, prefix: "job.qsh:1: error: ")))
            let stdin = try QSHProcess.run([], in: scratch.path, stdin: line + "\n")
            found.append(("stdin \(flags)", stdin.status, Self.errorText(stdin.stderr, prefix: "<stdin>:1: error: ")))
        }
        for members in c.json {
            let request = #"{"schema_version": "1.0", "command": "run", "params": {\#(Self.baseMembers(besides: members)), \#(members)}}"#
            let answer = try JSONRequest.send(request, in: scratch)
            found.append(("json {\(members)}", answer.status, answer.message))
        }
        return found
    }

    /// The first stderr line without its prefix (the whole text when the prefix is missing).
    static func errorText(_ stderr: String, prefix: String) -> String {
        let first = stderr.split(separator: "\n").first.map(String.init) ?? ""
        return first.hasPrefix(prefix) ? String(first.dropFirst(prefix.count)) : "(no '\(prefix)' line) " + stderr
    }

    @Test(arguments: cases)
    func theSameBadValueGetsTheSameAnswerEverywhere(_ c: Case) throws {
        let scratch = try Scratch()
        for (surface, status, message) in try Self.messages(c, in: scratch) {
            #expect(status == c.status, "\(surface): exit \(status)")
            #expect(message == c.message, "\(surface)")
        }
        #expect(scratch.runDirectories().isEmpty)
    }

    /// Typing mistakes are named as typed: a flag on the command line, a key in JSON; both exit 2.
    @Test func spellingMistakesAreExit2OnEverySurface() throws {
        let scratch = try Scratch()
        let argv = try QSHProcess.run(Self.base + ["--fee", "lots"], in: scratch.path)
        #expect(argv.status == 2 && argv.stderr.hasPrefix("error: --fee: 'lots' is not a number"), "\(argv.stderr)")
        let json = try JSONRequest.send(#"{"schema_version": "1.0", "command": "run", "params": {\#(Self.baseMembers(besides: "")), "fee": "lots"}}"#, in: scratch)
        #expect(json.status == 2 && json.message == #"params.fee must be a number, got string "lots""#)
        let unknown = try QSHProcess.run(Self.base + ["--feee", "0.1"], in: scratch.path)
        #expect(unknown.status == 2 && unknown.stderr.hasPrefix("error: unknown option '--feee' for 'qsh run'; did you mean '--fee'?"))
    }
}
