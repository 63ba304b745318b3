import QSHProtocol
@testable import QSHShell
import Testing

/// QuantLab's flag-only command lines become subcommands.
struct LegacyArgumentsTests {
    @Test func translatesReferenceForms() {
        #expect(LegacyArguments.translate(["--ticker", "X", "--report"]) == ["run", "--ticker", "X", "--report"])
        #expect(LegacyArguments.translate(["--runs-list", "out/runs"]) == ["runs", "list", "out/runs"])
        #expect(LegacyArguments.translate(["--runs-best=out/runs", "--metric", "cagr"]) == ["runs", "best", "out/runs", "--metric", "cagr"])
        #expect(LegacyArguments.translate(["run", "--ticker", "X"]) == ["run", "--ticker", "X"])
        #expect(LegacyArguments.translate(["--version"]) == ["--version"])
        #expect(LegacyArguments.translate([]) == [])
    }

    @Test func machineModesAreRecognised() throws {
        #expect(try MachineArguments.mode(["--json-request", "{}", "--signal-file", "s.jsonl"])
            == .jsonRequest(envelope: "{}", signalFile: "s.jsonl"))
        #expect(try MachineArguments.mode(["--check", "--outdir", "o"]) == .check(outputRoot: "o", dataDir: nil))
        #expect(try MachineArguments.mode(["run", "--ticker", "X"]) == nil)
        #expect(throws: (any Error).self) { try MachineArguments.mode(["--json-request", "{}", "--ticker", "X"]) }
        #expect(try MachineArguments.mode(["--generate-completion-script", "fish"]) == .completionScript(shell: "fish"))
        #expect(throws: (any Error).self) { try MachineArguments.mode(["--generate-completion-script", "tcsh"]) }
    }
}
