import QSHArtifacts
import QSHCore

/// The parameters each machine command accepts, their JSON types, and the command-line flag
/// each one becomes: a request is checked against this and then run through the very same
/// command types as argv.
public struct RequestSchema: Sendable {
    public enum ParamType: String, Sendable {
        case string, number, integer, boolean
        /// An object whose values are numbers (strategy parameters).
        case numberMap = "object of numbers"
    }

    public struct Param: Sendable {
        public let name: String
        public let type: ParamType
        /// The flag it becomes; nil for values handled specially (`params`).
        public let flag: String?
        public let help: String
    }

    public let command: String
    public let summary: String
    public let params: [Param]
    public let required: [String]
    /// Other spellings accepted for a parameter (`sweep_outdir` for `out_dir`).
    public let aliases: [String: String]
    /// Whether the chosen strategy's own parameter names are accepted as keys (run).
    public let acceptsStrategyKeys: Bool
    /// Whether the command can run in this version (validated requests for the others are
    /// answered with a clear exit-2 error).
    public let available: Bool

    public func param(named name: String) -> Param? {
        let canonical = aliases[name] ?? name
        return params.first { $0.name == canonical }
    }

    public static let all: [RequestSchema] = [run, sweep, tune, soak]
    public static var commandNames: [String] { all.map(\.command) }

    public static func named(_ name: String) -> RequestSchema? { all.first { $0.command == name } }

    public static let run = RequestSchema(
        command: "run", summary: "one backtest (paper: true for a paper session)",
        params: [
            Param(name: "ticker", type: .string, flag: "--ticker", help: "instrument symbol"),
            Param(name: "start", type: .string, flag: "--start", help: "first bar included (YYYY-MM-DD or ISO date-time)"),
            Param(name: "end", type: .string, flag: "--end", help: "first bar excluded"),
            Param(name: "interval", type: .string, flag: "--interval", help: "bar length, default 1d"),
            Param(name: "strategy", type: .string, flag: "--strategy", help: "strategy name, default rsi_ma_cross_v2"),
            Param(name: "params", type: .numberMap, flag: nil, help: "strategy parameters {name: number}"),
            Param(name: "fee", type: .number, flag: "--fee", help: "fee per trade, default 0.002"),
            Param(name: "slippage_bps", type: .number, flag: "--slippage-bps", help: "fixed slippage, default 8"),
            Param(name: "slippage_mode", type: .string, flag: "--slippage-mode", help: "fixed or atr"),
            Param(name: "k_atr", type: .number, flag: "--k-atr", help: "ATR multiple for atr slippage, default 0.05"),
            Param(name: "initial_cash", type: .number, flag: "--initial-cash", help: "starting capital, default 1000"),
            Param(name: "paper", type: .boolean, flag: "--paper", help: "paper session instead of a backtest"),
            Param(name: "out_dir", type: .string, flag: "--outdir", help: "artifact root, default outputs"),
            Param(name: "data", type: .string, flag: "--data", help: "CSV file of bars"),
            Param(name: "data_dir", type: .string, flag: "--data-dir", help: "folder of <TICKER>[_<interval>].csv"),
            Param(name: "no_adjust", type: .boolean, flag: "--no-adjust", help: "ignore adj_close"),
            Param(name: "report", type: .boolean, flag: "--report", help: "also write run_report.md"),
        ],
        required: ["ticker"], aliases: ["outdir": "out_dir"], acceptsStrategyKeys: true, available: true)

    public static let sweep = RequestSchema(
        command: "sweep", summary: "a parameter grid from a config file",
        params: [
            Param(name: "config_path", type: .string, flag: nil, help: "sweep config file"),
            Param(name: "out_dir", type: .string, flag: "--outdir", help: "artifact root"),
        ],
        required: ["config_path"], aliases: ["sweep_outdir": "out_dir", "outdir": "out_dir"],
        acceptsStrategyKeys: false, available: false)

    public static let tune = RequestSchema(
        command: "tune", summary: "parameter search from a session file",
        params: [
            Param(name: "config_path", type: .string, flag: nil, help: "tuning session file"),
            Param(name: "out_dir", type: .string, flag: "--outdir", help: "artifact root"),
        ],
        required: ["config_path"], aliases: ["outdir": "out_dir"], acceptsStrategyKeys: false, available: false)

    public static let soak = RequestSchema(
        command: "soak", summary: "long market-making simulation with guarded auto-tuning",
        params: [
            Param(name: "config_path", type: .string, flag: nil, help: "soak profile file"),
            Param(name: "out_dir", type: .string, flag: "--outdir", help: "artifact root"),
        ],
        required: ["config_path"], aliases: ["outdir": "out_dir"], acceptsStrategyKeys: false, available: false)
}
