import QSHArtifacts
import QSHServices

/// `strategies [NAME]`: the strategy registry, for people and programs.
enum StrategiesCommandDefinition {
    static let command = RegisteredCommand(
        CommandDeclaration(
            path: ["strategies"], summary: "List strategies and their parameters.",
            parameters: [
                .positional("name", help: "show only this strategy", valueName: "name", completion: .strategies),
                SharedParameters.json,
            ]),
        executor: ServiceCommand(
            StrategiesService(), request: { .init(name: $0.string("name")) },
            render: { outcome, values, _ in values.flag("json") ? json(outcome) : text(outcome) }))

    static func json(_ outcome: StrategiesService.Outcome) -> String {
        JSONValue.array(outcome.strategies.map { strategy in
            .object([
                "name": .string(strategy.name),
                "summary": .string(strategy.summary),
                "default": .bool(strategy.isDefault),
                "parameters": .array(strategy.parameters.map { p in
                    .object([
                        "name": .string(p.name), "type": .string(p.kind.rawValue),
                        "default": .double(p.defaultValue), "min": .double(p.range.lowerBound),
                        "max": .double(p.range.upperBound), "help": .string(p.help),
                    ])
                }),
            ])
        }).formatted()
    }

    static func text(_ outcome: StrategiesService.Outcome) -> String {
        var blocks: [String] = []
        for strategy in outcome.strategies {
            var block = "\(strategy.name)\(strategy.isDefault ? " (default)" : "") — \(strategy.summary)"
            if strategy.parameters.isEmpty {
                block += "\n  (no parameters)"
            } else {
                var table = TextTable(["parameter", "type", "default", "range", "meaning"])
                for p in strategy.parameters {
                    table.append([
                        p.name, p.kind.rawValue, p.format(p.defaultValue),
                        "\(p.format(p.range.lowerBound))..\(p.format(p.range.upperBound))", p.help,
                    ])
                }
                block += "\n" + table.rendered.split(separator: "\n").map { "  " + $0 }.joined(separator: "\n")
            }
            blocks.append(block)
        }
        return blocks.joined(separator: "\n\n")
    }
}
