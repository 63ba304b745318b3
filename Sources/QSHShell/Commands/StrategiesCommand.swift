import ArgumentParser
import QSHArtifacts
import QSHCore

/// `qsh strategies [NAME]`: the registry and each strategy's parameters.
struct StrategiesCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "strategies", abstract: "List strategies and their parameters.")

    @Argument(help: "Show only this strategy.")
    var name: String?

    @Flag(help: "Machine-readable JSON output.")
    var json = false

    func run() throws {
        let types = try name.map { [try StrategyRegistry.type(named: $0)] } ?? StrategyRegistry.all
        if json {
            Console.out(JSONValue.array(types.map { type in
                .object([
                    "name": .string(type.name),
                    "summary": .string(type.summary),
                    "default": .bool(type.name == StrategyRegistry.defaultName),
                    "parameters": .array(type.parameters.map { p in
                        .object([
                            "name": .string(p.name), "type": .string(p.kind.rawValue),
                            "default": .double(p.defaultValue), "min": .double(p.range.lowerBound),
                            "max": .double(p.range.upperBound), "help": .string(p.help),
                        ])
                    }),
                ])
            }).formatted())
            return
        }
        var blocks: [String] = []
        for type in types {
            let marker = type.name == StrategyRegistry.defaultName ? " (default)" : ""
            var block = "\(type.name)\(marker) — \(type.summary)"
            if type.parameters.isEmpty {
                block += "\n  (no parameters)"
            } else {
                var table = TextTable(["parameter", "type", "default", "range", "meaning"])
                for p in type.parameters {
                    table.append([
                        p.name, p.kind.rawValue, p.format(p.defaultValue),
                        "\(p.format(p.range.lowerBound))..\(p.format(p.range.upperBound))", p.help,
                    ])
                }
                block += "\n" + table.rendered.split(separator: "\n").map { "  " + $0 }.joined(separator: "\n")
            }
            blocks.append(block)
        }
        Console.out(blocks.joined(separator: "\n\n"))
    }
}
