import Foundation
import Testing

/// How script text becomes lines on every surface: CRLF line ends, stray control characters,
/// binary files given as scripts, and substitutions that are not valid.
struct ScriptTextEndToEndTests {
    static let crlfLines = "echo one\r\necho \"two\"\r\necho three\r\n"

    @Test func crlfScriptFileRunsEachLineAndNoCarriageReturnReachesAPath() throws {
        let scratch = try Scratch()
        _ = try scratch.file("j.qsh", "run --ticker SYN-ETH --outdir o\r\nrun --ticker SYN-BTC --outdir o\r\n")
        let result = try QSHProcess.run(["j.qsh"], in: scratch.path)
        #expect(result.status == 0, "stderr: \(result.stderr)")
        #expect(scratch.list(".").contains("o"))
        #expect(!scratch.list(".").contains { $0.unicodeScalars.contains("\r") })
        #expect(scratch.runDirectories("o").count == 2)
    }

    @Test(arguments: ["file", "source", "-c", "stdin", "shebang"])
    func crlfIsALineEndOnEverySurface(surface: String) throws {
        let scratch = try Scratch()
        let expected = "one\ntwo\nthree\n"
        let result: QSHResult
        switch surface {
        case "file":
            _ = try scratch.file("j.qsh", Self.crlfLines)
            result = try QSHProcess.run(["j.qsh"], in: scratch.path)
        case "source":
            _ = try scratch.file("inner.qsh", Self.crlfLines)
            _ = try scratch.file("outer.qsh", "source inner.qsh\r\n")
            result = try QSHProcess.run(["outer.qsh"], in: scratch.path)
        case "-c":
            result = try QSHProcess.run(["-c", Self.crlfLines], in: scratch.path)
        case "stdin":
            result = try QSHProcess.run([], in: scratch.path, stdin: Self.crlfLines)
        default:
            let script = try scratch.file("j.qsh", "#!\(QSHProcess.binary)\n" + Self.crlfLines)
            chmod(script, 0o755)
            result = try QSHProcess.run(["./j.qsh"], in: scratch.path)
        }
        #expect(result.status == 0, "stderr: \(result.stderr)")
        #expect(result.stdout == expected)
    }

    @Test(arguments: ["file", "-c", "stdin"])
    func strayControlCharacterIsAnErrorNamingTheLine(surface: String) throws {
        let scratch = try Scratch()
        let text = "echo ok\nrun --ticker SYN-ETH --outdir o\rx\n"
        let result: QSHResult
        let name: String
        switch surface {
        case "file":
            _ = try scratch.file("j.qsh", text)
            result = try QSHProcess.run(["j.qsh"], in: scratch.path)
            name = "j.qsh"
        case "-c":
            result = try QSHProcess.run(["-c", text], in: scratch.path)
            name = "-c"
        default:
            result = try QSHProcess.run([], in: scratch.path, stdin: text)
            name = "<stdin>"
        }
        #expect(result.status == 2)
        #expect(result.stderr.hasPrefix("\(name):2: error: control character U+000D"), "\(result.stderr)")
        #expect(scratch.list(".").allSatisfy { !$0.hasPrefix("o") })
    }

    @Test func escapeCharacterInAWordIsRefused() throws {
        let scratch = try Scratch()
        let result = try QSHProcess.run(["-c", "echo a\u{1B}[31mb"], in: scratch.path)
        #expect(result.status == 2)
        #expect(result.stderr == "-c:1: error: control character U+001B in the line (only tab is allowed)\n")
    }

    @Test func binaryFileGivenAsAScriptIsNamedNotDumped() throws {
        let scratch = try Scratch()
        var bytes = [UInt8](repeating: 0x41, count: 10)
        bytes += [0x7F, 0x45, 0x4C, 0x46, 0x02, 0x01, 0x01, 0x00]
        bytes += (0..<20_000).map { UInt8(truncatingIfNeeded: $0 &* 31) }
        let path = scratch.path + "/tool.qsh"
        _ = FileManager.default.createFile(atPath: path, contents: Data(bytes))
        let result = try QSHProcess.run(["tool.qsh"], in: scratch.path)
        #expect(result.status == 2)
        #expect(result.stderr.hasPrefix("tool.qsh:1: error: NUL byte at column 18: this looks like a binary file"))
        #expect(result.stderr.utf8.count < 200, "\(result.stderr.utf8.count) bytes of stderr")
        let viaStdin = try QSHProcess.run([], in: scratch.path, stdinBytes: Data([0xFF, 0xFE, 0x41, 0x0A]))
        #expect(viaStdin.status == 2)
        #expect(viaStdin.stderr.hasPrefix("<stdin>:1: error: invalid UTF-8: this looks like a binary file"))
    }

    @Test func positionalParametersPastNineAndBadSubstitutions() throws {
        let scratch = try Scratch()
        let arguments = (1...11).map { "a\($0)" }
        let good = try QSHProcess.run(["-c", "echo ${10} ${11:-none} $10"] + arguments, in: scratch.path)
        #expect(good.status == 0, "stderr: \(good.stderr)")
        #expect(good.stdout == "a10 a11 a10\n")
        let bad = try QSHProcess.run(["-c", "echo ${A-B}"], in: scratch.path)
        #expect(bad.status == 2)
        #expect(bad.stderr.hasPrefix("-c:1: error: bad substitution ${A-B}"), "\(bad.stderr)")
    }

    @Test func tildeAtTheStartOfAWordIsHome() throws {
        let scratch = try Scratch()
        let home = scratch.path + "/home"
        let result = try QSHProcess.run(
            ["-c", "echo ~ ~/x a~b \"~\" '~/q' ~user\nrun --ticker SYN-ETH --start 2023-01-01 --outdir ~/out --quiet"],
            in: scratch.path, environment: ["HOME": home])
        #expect(result.status == 0, "stderr: \(result.stderr)")
        #expect(result.stdout.hasPrefix("\(home) \(home)/x a~b ~ ~/q ~user\n"), "\(result.stdout)")
        #expect(scratch.runDirectories("home/out").count == 1)
        #expect(!scratch.list(".").contains("~"))
    }
}
