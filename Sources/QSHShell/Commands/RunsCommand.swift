import ArgumentParser
import Foundation
import QSHArtifacts
import QSHCore
import QSHServices

/// `qsh runs list|show|best`: read run directories back.
struct RunsCommand: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "runs",
        abstract: "List, show and rank finished runs.",
        subcommands: [List.self, Show.self, Best.self])

    /// Where to look: an explicit folder, else `<outdir>/runs`.
    struct Location: ParsableArguments {
        @Argument(help: ArgumentHelp("Runs folder or artifact root (default: <outdir>/runs).", valueName: "dir"))
        var directory: String?

        @OptionGroup var output: OutputRootOption

        @Flag(help: "Machine-readable JSON output.")
        var json = false

        var inspection: RunInspection { RunInspection(path: directory ?? output.outdir) }
    }

    struct List: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "Every run, oldest first.")
        @OptionGroup var location: Location

        func run() throws {
            let records = try location.inspection.list()
            if location.json {
                Console.out(JSONValue.array(records.map(RunRows.json)).formatted())
                return
            }
            guard !records.isEmpty else {
                Console.out("no runs in \(location.inspection.runsDirectory)")
                return
            }
            Console.out(RunRows.table(records, extraMetric: nil).rendered)
        }
    }

    struct Show: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "One run: its config, summary and files.")
        @Argument(help: ArgumentHelp("Run id, unique id prefix, or run directory.", valueName: "run"))
        var target: String
        @OptionGroup var location: Location

        func run() throws {
            let inspection = RunInspection(path: location.directory ?? location.output.outdir)
            let record: RunRecord
            if FileManager.default.fileExists(atPath: (target as NSString).appendingPathComponent("metadata.json")) {
                record = try RunInspection(path: (target as NSString).deletingLastPathComponent).show(target)
            } else {
                record = try inspection.show(target)
            }
            if location.json {
                Console.out(RunRows.detail(record).formatted())
            } else {
                Console.out(RunRows.describe(record))
            }
        }
    }

    struct Best: ParsableCommand {
        static let configuration = CommandConfiguration(abstract: "The best runs by one metric.")
        @Option(help: "Metric to rank by (e.g. sharpe_simple, total_return, cagr).")
        var metric: String = "sharpe_simple"
        @Flag(help: "Rank lowest first (for metrics where smaller is better).")
        var lowest = false
        @Option(help: "How many runs to show.")
        var top: Int = 1
        @OptionGroup var location: Location

        func validate() throws {
            guard top > 0 else { throw ValidationError("--top must be at least 1") }
        }

        func run() throws {
            let ranked = try location.inspection.best(metric: metric, lowestFirst: lowest, limit: top)
            if location.json {
                Console.out(JSONValue.array(ranked.map { entry in
                    var row = RunRows.json(entry.record).objectValue ?? [:]
                    row["metric"] = .string(metric)
                    row["value"] = .double(entry.value)
                    return .object(row)
                }).formatted())
                return
            }
            guard !ranked.isEmpty else {
                Console.out("no runs in \(location.inspection.runsDirectory)")
                return
            }
            Console.out(RunRows.table(ranked.map(\.record), extraMetric: metric).rendered)
        }
    }
}
