import QSHArtifacts
import QSHCore
import QSHProtocol
@testable import QSHShell
import Testing

/// One declaration per command: a parameter added to `run`'s declaration, and nothing else,
/// appears in argv parsing, JSON validation, Tab completion, `--help` and the docs tables.
struct DeclarationDrivesEverySurfaceTests {
    static let added = ParameterDeclaration(
        "warmup_bars", .integer, defaultText: "99", range: 0...10_000, help: "bars of indicator warm-up", valueName: "n")

    static var registry: CommandRegistry {
        var declaration = CommandRegistry.standard.command(path: ["run"])!.declaration
        declaration.parameters.append(added)
        return CommandRegistry.standard.replacing(declaration)
    }

    @Test func argvParsesIt() throws {
        let parser = ArgvParser(registry: Self.registry)
        guard case .command(_, let values) = try parser.parse(["run", "--ticker", "X", "--warmup-bars", "20"]) else {
            Issue.record("not a command")
            return
        }
        #expect(values.integer("warmup_bars") == 20)
        #expect(throws: (any Error).self) { try parser.parse(["run", "--ticker", "X", "--warmup-bars", "2.5"]) }
        // The standard registry does not know it.
        #expect(throws: (any Error).self) { try ArgvParser(registry: .standard).parse(["run", "--ticker", "X", "--warmup-bars", "20"]) }
    }

    @Test func jsonValidatesIt() throws {
        func decode(_ params: String, _ registry: CommandRegistry) throws -> RequestEnvelope {
            let text = #"{"schema_version": "1.0", "command": "run", "params": {"ticker": "X", \#(params)}}"#
            return try RequestEnvelope.decode(Array(text.utf8), registry: registry)
        }
        #expect(try decode(#""warmup_bars": 20"#, Self.registry).values.integer("warmup_bars") == 20)
        #expect(throws: (any Error).self) { try decode(#""warmup_bars": "20""#, Self.registry) }
        #expect(throws: (any Error).self) { try decode(#""warmup_bars": 20"#, .standard) }
    }

    @Test func completionOffersIt() {
        let engine = CompletionEngine(registry: Self.registry, environment: [:], currentDirectory: "/")
        #expect(engine.candidates(for: "run --warm") == ["--warmup-bars"])
        #expect(CompletionEngine(registry: .standard, environment: [:], currentDirectory: "/").candidates(for: "run --warm").isEmpty)
    }

    @Test func helpAndDocsDescribeIt() throws {
        let help = try HelpRenderer(registry: Self.registry).topic(["run"])
        #expect(help.contains("--warmup-bars <n>") && help.contains("bars of indicator warm-up"))
        let docs = CommandReference(registry: Self.registry).markdown()
        #expect(docs.contains("| `--warmup-bars <n>` | `warmup_bars` | 99 | bars of indicator warm-up (0..10000) |"))
        #expect(!CommandReference(registry: .standard).markdown().contains("warmup"))
    }
}
