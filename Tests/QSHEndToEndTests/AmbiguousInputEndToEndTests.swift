import Foundation
import Testing

/// Input that used to be taken silently in one of several possible meanings, or that could
/// not end: each is now an error naming the field, with the documented exit code.
struct AmbiguousInputEndToEndTests {
    /// `rows` daily (or `spacing`-second) bars from 2022-01-01 with a gentle trend.
    static func bars(rows: Int = 150, spacing: Int = 86_400, header: String = "timestamp,open,high,low,close,volume") -> String {
        var lines = [header]
        for index in 0..<rows {
            let price = 100.0 + Double(index % 17) - Double(index % 5) * 0.5
            lines.append("\(1_640_995_200 + index * spacing),\(price),\(price + 1),\(price - 1),\(price),1000")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    static func run(_ flags: [String], in scratch: Scratch) throws -> QSHResult {
        try QSHProcess.run(["run", "--ticker", "X"] + flags, in: scratch.path)
    }

    @Test func minuteDataGetsAMinuteIntervalAndAContradictionIsADataError() throws {
        let scratch = try Scratch()
        _ = try scratch.file("data/X_1m.csv", Self.bars(rows: 400, spacing: 60))
        let inferred = try Self.run(["--data-dir", "data"], in: scratch)
        #expect(inferred.status == 0, "stderr: \(inferred.stderr)")
        #expect(inferred.stderr.contains("note: --interval 1m inferred from the bar spacing of"), "\(inferred.stderr)")
        let run = scratch.runDirectories()[0]
        #expect((try scratch.json("outputs/runs/\(run)/config.json"))["interval"] as? String == "1m")

        let contradiction = try Self.run(["--data", "data/X_1m.csv", "--interval", "1d"], in: scratch)
        #expect(contradiction.status == 3)
        #expect(contradiction.stderr.hasPrefix(
            "error: --interval 1d does not match the data: bars in '\(scratch.path)/data/X_1m.csv' are 1m apart (median spacing)"),
            "\(contradiction.stderr)")
        #expect(scratch.runDirectories().count == 1)
    }

    @Test func dataFolderMisspellingsAreNamed() throws {
        let scratch = try Scratch()
        _ = try scratch.file("data/SPY_1d.csv", Self.bars())
        let lower = try QSHProcess.run(["run", "--ticker", "spy", "--data-dir", "data"], in: scratch.path)
        #expect(lower.status == 3)
        #expect(lower.stderr.contains("(names are case-sensitive: the folder has SPY_1d.csv)"), "\(lower.stderr)")
        let hourly = try QSHProcess.run(["run", "--ticker", "SPY", "--data-dir", "data", "--interval", "1h"], in: scratch.path)
        #expect(hourly.status == 3)
        #expect(hourly.stderr.contains("(the folder has SPY_1d.csv: pass --interval 1d)"), "\(hourly.stderr)")
        let synthetic = try QSHProcess.run(["run", "--ticker", "syn-eth"], in: scratch.path)
        #expect(synthetic.status == 3)
        #expect(synthetic.stderr.contains("e.g. SYN-ETH)"), "\(synthetic.stderr)")
    }

    @Test(arguments: [
        ("timestamp,open,high,low,close,close,volume", "header has two close columns, 'close' (column 5) and 'close' (column 6); keep one"),
        ("date,timestamp,open,high,low,close,volume", "header has two date columns, 'date' (column 1) and 'timestamp' (column 2); keep one"),
        ("date;open;high;low;close;volume", "header 'date;open;high;low;close;volume' is separated by ';': qsh reads comma-separated files"),
    ])
    func headersThatCannotBeReadOneWayAreRefused(header: String, message: String) throws {
        let scratch = try Scratch()
        _ = try scratch.file("x.csv", header + "\n1640995200,1,1,1,1,1,1\n")
        let result = try Self.run(["--data", "x.csv"], in: scratch)
        #expect(result.status == 3)
        #expect(result.stderr == "error: \(scratch.path)/x.csv:1: \(message)\n")
    }

    @Test func hugeHeaderIsQuotedShort() throws {
        let scratch = try Scratch()
        _ = try scratch.file("x.csv", String(repeating: "h", count: 100_000) + "\n1,2\n")
        let result = try Self.run(["--data", "x.csv"], in: scratch)
        #expect(result.status == 3)
        #expect(result.stderr.utf8.count < 400, "\(result.stderr.utf8.count) bytes")
        _ = try scratch.file("cell.csv", "date,close\n2022-01-01," + String(repeating: "9x", count: 50_000) + "\n")
        let cell = try Self.run(["--data", "cell.csv"], in: scratch)
        #expect(cell.status == 3)
        #expect(cell.stderr.contains("column 'close': '9x9x9x"), "\(cell.stderr.prefix(300))")
        #expect(cell.stderr.utf8.count < 400, "\(cell.stderr.utf8.count) bytes")
        let request = #"{"schema_version": "1.0", "command": "run", "params": {"ticker": "X", "data": "x.csv"}}"#
        let answer = try JSONRequest.send(request, in: scratch)
        #expect(answer.status == 3)
        #expect(answer.message.utf8.count < 400)
        let signalText = try scratch.read("logs/signals.jsonl")
        #expect(signalText.split(separator: "\n").allSatisfy { $0.utf8.count < 1_000 }, "\(signalText.utf8.count) bytes")
    }

    @Test func pathsOfTheWrongKind() throws {
        let scratch = try Scratch()
        _ = try scratch.file("plain", "x\n")
        _ = try scratch.file("folder/keep", "")
        let cases: [([String], Int32, String)] = [
            (["--data", "/dev/zero"], 3, "error: /dev/zero: is a character device, not a regular file"),
            (["--data", "folder"], 3, "error: data file 'folder' is a folder, not a CSV file"),
            (["--data-dir", "plain"], 3, "error: no data for 'X' at 1d: the data folder \(scratch.path)/plain is not a folder"),
            (["--ticker", "SYN-ETH", "--outdir", "plain"], 2,
             "error: cannot create folder '\(scratch.path)/plain/runs': '\(scratch.path)/plain' is a file, not a folder"),
            (["--outdir", ""], 2, "error: --outdir: the value is empty"),
            (["--ticker", "SYN ETH"], 2, "error: --ticker: 'SYN ETH' is not a ticker symbol"),
            (["--ticker", "SYN\u{7}ETH"], 2, "error: --ticker: control character U+0007 in 'SYN\\u{7}ETH'"),
        ]
        for (flags, status, prefix) in cases {
            let result = try Self.run(flags, in: scratch)
            #expect(result.status == status, "\(flags): \(result.stderr)")
            #expect(result.stderr.hasPrefix(prefix), "\(flags): \(result.stderr)")
        }
        #expect(!scratch.list(".").contains("runs"))
    }

    @Test func endlessLineStopsWithAnError() throws {
        let scratch = try Scratch()
        let fifo = scratch.path + "/stream.csv"
        #expect(mkfifo(fifo, 0o600) == 0)
        let writer = Thread {
            guard let handle = FileHandle(forWritingAtPath: fifo) else { return }
            let block = Data(repeating: 0x41, count: 65_536)
            // Until the reader gives up and the pipe breaks.
            for _ in 0..<1_000 { guard (try? handle.write(contentsOf: block)) != nil else { break } }
            try? handle.close()
        }
        writer.start()
        let result = try Self.run(["--data", "stream.csv"], in: scratch)
        #expect(result.status == 3)
        #expect(result.stderr.contains("no line end in 1 MiB: this is not a CSV bar file"), "\(result.stderr)")
    }

    @Test func jsonKeysGivenTwiceOrMisspelled() throws {
        let scratch = try Scratch()
        let twice = try JSONRequest.send(
            #"{"schema_version": "1.0", "command": "run", "params": {"ticker": "SYN-ETH", "ticker": "SYN-BTC"}}"#, in: scratch)
        #expect(twice.status == 2)
        #expect(twice.message.hasPrefix("request is not valid JSON: duplicate key 'ticker' at line 1"), "\(twice.message)")
        let aliases = try JSONRequest.send(
            #"{"schema_version": "1.0", "command": "run", "params": {"ticker": "SYN-ETH", "out_dir": "a", "outdir": "b"}}"#,
            in: scratch)
        #expect(aliases.status == 2)
        #expect(aliases.message.contains("are the same parameter; give only one"), "\(aliases.message)")
        let typo = try JSONRequest.send(#"{"schema_version": "1.0", "command": "run", "params": {"tickr": "SYN-ETH"}}"#, in: scratch)
        #expect(typo.message.hasPrefix("unknown key params.tickr for command 'run' (did you mean 'ticker'?)"), "\(typo.message)")
        let command = try JSONRequest.send(#"{"schema_version": "1.0", "command": "rn", "params": {}}"#, in: scratch)
        #expect(command.message.hasPrefix("unknown command 'rn' (did you mean 'run'?)"), "\(command.message)")
        #expect(scratch.runDirectories().isEmpty)
    }

    @Test func requestFileWithAByteOrderMark() throws {
        let scratch = try Scratch()
        let text = "\u{FEFF}" + #"{"schema_version": "1.0", "command": "run", "params": {"ticker": "SYN-ETH", "start": "2023-01-01"}}"#
        _ = try scratch.file("request.json", text)
        let fromFile = try JSONRequest.send("@request.json", in: scratch)
        #expect(fromFile.status == 0, "\(fromFile.message)")
        let fromStdin = try JSONRequest.send(text, in: scratch, viaStandardInput: true)
        #expect(fromStdin.status == 0, "\(fromStdin.message)")
    }

    @Test func nullForAStringParameterIsNamedOnce() throws {
        let scratch = try Scratch()
        let answer = try JSONRequest.send(
            #"{"schema_version": "1.0", "command": "run", "params": {"ticker": "SYN-ETH", "start": null}}"#, in: scratch)
        #expect(answer.status == 2)
        #expect(answer.message == "params.start must be a string, got null")
    }
}
