import Foundation
import Testing

/// The process-level forms answer `--help` like every command, and the root help and the
/// generated completions name every form and script flag.
struct MachineFormHelpEndToEndTests {
    @Test(arguments: [
        (["--json-request", "--help"], "Usage: qsh --json-request REQUEST [--signal-file PATH]"),
        (["--json-request=--help"], "Usage: qsh --json-request REQUEST [--signal-file PATH]"),
        (["--json-request", "@r.json", "--help"], "Usage: qsh --json-request REQUEST [--signal-file PATH]"),
        (["--check", "--help"], "Usage: qsh --check [--outdir DIR] [--data-dir DIR]"),
        (["--check", "-h"], "Usage: qsh --check [--outdir DIR] [--data-dir DIR]"),
        (["--generate-completion-script", "--help"], "Usage: qsh --generate-completion-script bash|zsh|fish"),
    ])
    func formsAnswerHelp(arguments: [String], usage: String) throws {
        let scratch = try Scratch()
        let result = try QSHProcess.run(arguments, in: scratch.path)
        #expect(result.status == 0, "stderr: \(result.stderr)")
        #expect(result.stdout.hasPrefix(usage + "\n"), "\(result.stdout)")
        #expect(result.stderr.isEmpty)
        #expect(scratch.list(".").isEmpty, "help writes nothing")
    }

    @Test func rootHelpAndCompletionsNameEveryForm() throws {
        let scratch = try Scratch()
        let help = try QSHProcess.run(["--help"], in: scratch.path)
        for word in ["--json-request", "--check", "-c", "--keep-going", "--signal-file"] {
            #expect(help.stdout.contains(word), "qsh --help lacks \(word)")
        }
        for shell in ["bash", "zsh"] {
            let script = try QSHProcess.run(["--generate-completion-script", shell], in: scratch.path).stdout
            for word in ["--json-request", "--check", "-c", "--keep-going"] {
                #expect(script.contains(" \(word) ") || script.contains(" \(word)\""), "\(shell) completion lacks \(word)")
            }
        }
        let fish = try QSHProcess.run(["--generate-completion-script", "fish"], in: scratch.path).stdout
        for option in ["-l json-request", "-l check", "-s c ", "-l keep-going"] {
            #expect(fish.contains(option), "fish completion lacks \(option)")
        }
    }
}
