import ArgumentParser
import QSHCore

/// The command tree shared by every surface (argv now; the prompt, scripts and JSON requests
/// parse into the same types).
struct RootCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "qsh",
        abstract: "QuantLab Shell: backtests, paper sessions, tuning and soak runs for systematic trading.",
        discussion: """
            The QuantLab forms work too: `qsh --ticker ETH-USD --start 2022-01-01 --end 2024-01-01 --report` \
            is `qsh run ...`, and `--runs-list DIR`, `--runs-show DIR`, `--runs-best DIR --metric NAME` \
            are `qsh runs list|show|best`.
            """,
        version: QSHVersion.string,
        subcommands: [RunCommand.self, RunsCommand.self, StrategiesCommand.self])
}
