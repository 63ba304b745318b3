import QSHProtocol
@testable import QSHShell
import Testing

/// Quoting, escapes, comments, continuation and expansion of shell lines.
@MainActor
struct WordSplitterTests {
    /// Words after expansion in a session with X="a b", positional ["p1", "p 2"].
    func words(_ line: String) -> [String]? {
        let session = ShellSession(
            mode: .script, runner: SessionRunner(registry: .standard, environment: [:], signals: nil), scriptName: "t.qsh",
            arguments: ["p1", "p 2"])
        session.variables["X"] = "a b"
        session.variables["EMPTY"] = ""
        guard case .words(let parsed) = WordSplitter.split(line) else { return nil }
        return session.expand(parsed)
    }

    @Test func splitsAndQuotes() {
        #expect(words("run --ticker  SYN-ETH\t--report") == ["run", "--ticker", "SYN-ETH", "--report"])
        #expect(words("echo 'single $X \\n' \"double $X\" mixed'a'\"b\"c") == ["echo", "single $X \\n", "double a b", "mixedabc"])
        #expect(words("echo \"esc \\\" \\\\ \\$X\" back\\ slash") == ["echo", "esc \" \\ $X", "back slash"])
        #expect(words("echo '' \"\" x") == ["echo", "", "", "x"])
        #expect(words("echo a#b # a comment") == ["echo", "a#b"])
        #expect(words("   # only a comment") == [])
        #expect(words("") == [])
    }

    @Test func expandsVariables() {
        #expect(words("echo $X ${X} pre${X}post") == ["echo", "a b", "a b", "prea bpost"])
        #expect(words("echo $1 ${2} $# $0 $9") == ["echo", "p1", "p 2", "2", "t.qsh", ""])
        #expect(words("echo $@") == ["echo", "p1", "p 2"])
        #expect(words("echo \"[$@]\"") == ["echo", "[p1 p 2]"])
        #expect(words("echo ${UNSET:-fallback} ${EMPTY:-e} ${X:-no}") == ["echo", "fallback", "e", "a b"])
        #expect(words("echo $ cost$ $-") == ["echo", "$", "cost$", "$-"])
        #expect(words("echo $?") == ["echo", "0"])
    }

    @Test func detectsContinuation() {
        #expect(ShellSession.needsContinuation("run --ticker X \\"))
        #expect(ShellSession.needsContinuation("echo 'open"))
        #expect(ShellSession.needsContinuation("echo \"open"))
        #expect(!ShellSession.needsContinuation("echo 'closed' \"closed\""))
        #expect(words("run --a \\\n--b") == ["run", "--a", "--b"])
        #expect(words("echo 'two\nlines'") == ["echo", "two\nlines"])
    }

    @Test func reportsBadExpansions() {
        guard case .failure(let message) = WordSplitter.split("echo ${X") else {
            Issue.record("expected a failure")
            return
        }
        #expect(message.contains("${"))
    }
}
