import Foundation
import Testing

/// Every bad input gets one line on stderr naming the problem, the documented exit code, no
/// crash, and no run directory (not even a half-written one).
struct BadInputEndToEndTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        let arguments: [String]
        let status: Int32
        let mentions: [String]
        var testDescription: String { name }
    }

    static let base = ["run", "--ticker", "SYN-ETH", "--start", "2022-01-01", "--end", "2024-01-01"]

    static let flagCases: [Case] = [
        Case(name: "unknown strategy", arguments: base + ["--strategy", "moon"], status: 4, mentions: ["moon", "rsi_ma_cross_v2"]),
        Case(name: "unknown parameter", arguments: base + ["--param", "speed=3"], status: 4,
             mentions: ["speed", "rsi_buy_max", "rsi_sell_min", "cooldown_days"]),
        Case(name: "parameter out of range", arguments: base + ["--param", "rsi_buy_max=140"], status: 4, mentions: ["rsi_buy_max", "140"]),
        Case(name: "non-numeric parameter", arguments: base + ["--param", "rsi_buy_max=high"], status: 4, mentions: ["rsi_buy_max", "high"]),
        Case(name: "fractional integer parameter", arguments: base + ["--cooldown-days", "1.5"], status: 4, mentions: ["cooldown_days"]),
        Case(name: "fast not below slow", arguments: base + ["--strategy", "sma_cross", "--param", "fast=60", "--param", "slow=50"],
             status: 4, mentions: ["fast", "slow"]),
        Case(name: "malformed --param", arguments: base + ["--param", "rsi_buy_max"], status: 2, mentions: ["--param", "KEY=VALUE"]),
        Case(name: "unparsable start", arguments: ["run", "--ticker", "SYN-ETH", "--start", "2022-13-01"], status: 2,
             mentions: ["--start", "2022-13-01"]),
        Case(name: "start after end", arguments: ["run", "--ticker", "SYN-ETH", "--start", "2024-01-01", "--end", "2023-01-01"],
             status: 2, mentions: ["--start", "--end"]),
        Case(name: "bad interval", arguments: base + ["--interval", "fortnight"], status: 2, mentions: ["--interval", "fortnight"]),
        Case(name: "unknown flag", arguments: base + ["--turbo"], status: 2, mentions: ["--turbo"]),
        Case(name: "non-numeric fee", arguments: base + ["--fee", "lots"], status: 2, mentions: ["fee", "lots"]),
        Case(name: "negative fee", arguments: base + ["--fee", "-0.1"], status: 2, mentions: ["--fee"]),
        Case(name: "bad slippage mode", arguments: base + ["--slippage-mode", "wild"], status: 2, mentions: ["slippage-mode", "wild"]),
        Case(name: "zero initial cash", arguments: base + ["--initial-cash", "0"], status: 2, mentions: ["--initial-cash"]),
        Case(name: "missing ticker", arguments: ["run", "--start", "2022-01-01"], status: 2, mentions: ["--ticker"]),
        Case(name: "no data for ticker", arguments: ["run", "--ticker", "NOPE-USD"], status: 3,
             mentions: ["NOPE-USD", "--data", "QSH_DATA_DIR", "SYN-"]),
        Case(name: "missing data file", arguments: ["run", "--ticker", "X", "--data", "missing.csv"], status: 3, mentions: ["missing.csv"]),
        Case(name: "too few bars", arguments: ["run", "--ticker", "SYN-ETH", "--start", "2023-01-01", "--end", "2023-03-01"],
             status: 3, mentions: ["100"]),
        Case(name: "pace without paper", arguments: base + ["--pace", "1s"], status: 2, mentions: ["--pace", "--paper"]),
    ]

    @Test(arguments: flagCases)
    func rejectsBadFlags(_ c: Case) throws {
        let scratch = try Scratch()
        let result = try QSHProcess.run(c.arguments, in: scratch.path)
        #expect(result.status == c.status, "stderr: \(result.stderr)")
        #expect(result.stderr.hasPrefix("error: "), "stderr: \(result.stderr)")
        let firstLine = result.stderr.split(separator: "\n").first.map(String.init) ?? ""
        for word in c.mentions {
            #expect(firstLine.contains(word), "'\(word)' not in: \(firstLine)")
        }
        #expect(result.stdout.isEmpty)
        #expect(scratch.runDirectories().isEmpty)
        #expect(!result.stderr.contains("Fatal error"))
    }

    /// A valid daily file of `rows` bars, then one line replaced to break it.
    static func csv(rows: Int = 150, replacing lineNumber: Int? = nil, with replacement: String = "") -> String {
        var lines = ["date,open,high,low,close,adj_close,volume"]
        var day = DateComponents(calendar: Calendar(identifier: .gregorian), timeZone: TimeZone(identifier: "UTC"), year: 2021, month: 1, day: 1).date!
        for i in 0..<rows {
            let close = 100 + Double(i % 17) - Double(i % 5)
            let stamp = ISO8601DateFormatter.string(from: day, timeZone: TimeZone(identifier: "UTC")!, formatOptions: [.withFullDate])
            lines.append("\(stamp),\(close - 0.5),\(close + 1),\(close - 1),\(close),\(close),\(1000 + i)")
            day = day.addingTimeInterval(86_400)
        }
        if let lineNumber { lines[lineNumber - 1] = replacement }
        return lines.joined(separator: "\n") + "\n"
    }

    static let fileCases: [(String, String, [String])] = [
        ("unparsable number", csv(replacing: 12, with: "2021-01-11,100,101,99,abc,100,5"), [":12", "abc"]),
        ("unparsable date", csv(replacing: 7, with: "2021-02-30,100,101,99,100,100,5"), [":7", "2021-02-30"]),
        ("empty cell", csv(replacing: 9, with: "2021-01-08,100,,99,100,100,5"), [":9", "high"]),
        ("non-positive price", csv(replacing: 20, with: "2021-01-19,100,101,99,-3,100,5"), [":20", "close"]),
        ("high below low", csv(replacing: 30, with: "2021-01-29,100,98,99,100,100,5"), [":30", "high"]),
        ("timestamps going back", csv(replacing: 40, with: "2021-01-02,100,101,99,100,100,5"), [":40"]),
        ("duplicate timestamp", csv(replacing: 41, with: "2021-02-08,100,101,99,100,100,5"), [":41", "duplicate"]),
        ("too few rows", csv(rows: 60), ["60", "100"]),
    ]

    @Test(arguments: 0..<fileCases.count)
    func rejectsBadDataFiles(_ index: Int) throws {
        let (name, contents, mentions) = Self.fileCases[index]
        let scratch = try Scratch()
        let path = try scratch.file("bad.csv", contents)
        let result = try QSHProcess.run(["run", "--ticker", "BAD", "--data", path], in: scratch.path)
        #expect(result.status == 3, "\(name): \(result.stderr)")
        let line = result.stderr.split(separator: "\n").first.map(String.init) ?? ""
        #expect(line.hasPrefix("error: "), "\(name)")
        if name != "too few rows" { #expect(line.contains("bad.csv"), "\(name): \(line)") }
        for word in mentions { #expect(line.contains(word), "\(name): '\(word)' not in \(line)") }
        #expect(scratch.runDirectories().isEmpty)
    }

    @Test func unwritableOutputRootLeavesNothingBehind() throws {
        let scratch = try Scratch()
        _ = try scratch.file("occupied", "a file where the artifact root should be\n")
        let result = try QSHProcess.run(Self.base + ["--outdir", "occupied"], in: scratch.path)
        #expect(result.status == 2, "stderr: \(result.stderr)")
        #expect(result.stderr.contains("occupied"))
        #expect(try scratch.read("occupied") == "a file where the artifact root should be\n")
    }

    @Test func helpAndVersionSucceed() throws {
        let scratch = try Scratch()
        let version = try QSHProcess.run(["--version"], in: scratch.path)
        #expect(version.status == 0)
        #expect(version.stdout.hasPrefix("qsh "))
        for arguments in [["--help"], ["run", "--help"], ["runs", "best", "--help"], ["help", "run"]] {
            let help = try QSHProcess.run(arguments, in: scratch.path)
            #expect(help.status == 0, "\(arguments): \(help.stderr)")
            #expect(help.stdout.contains("USAGE") || help.stdout.contains("Usage"), "\(arguments)")
        }
    }
}

extension BadInputEndToEndTests {
    /// Values that overflow integer conversions must still be clean strategy errors.
    @Test func hugeIntegerParameterIsAStrategyError() throws {
        let scratch = try Scratch()
        let result = try QSHProcess.run(Self.base + ["--param", "cooldown_days=1e20"], in: scratch.path)
        #expect(result.status == 4, "stderr: \(result.stderr)")
        #expect(result.stderr.contains("cooldown_days"))
    }
}
