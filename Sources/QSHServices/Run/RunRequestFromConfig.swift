import QSHArtifacts
import QSHCore

extension RunRequest {
    /// The request a resolved config (a run's `config.json`, a tuning job's `config`) stands
    /// for: what `--resume` and `tune run` rebuild a run from. Absent fields take the run's
    /// defaults; `data.source` names the data file unless it is synthetic, `data.dir` a data
    /// folder; `adjusted: false` turns adjustment off.
    public init(config: JSONValue) {
        self.init(ticker: config["ticker"]?.stringValue ?? "")
        start = config["start"]?.stringValue
        end = config["end"]?.stringValue
        interval = config["interval"]?.stringValue
        strategy = config["strategy"]?.stringValue ?? StrategyRegistry.defaultName
        parameters = (config["params"]?.objectValue ?? [:]).sorted { $0.key < $1.key }
            .compactMap { key, value in value.doubleValue.map { (key, $0) } }
        costs = CostModel(
            fee: config["fee"]?.doubleValue ?? CostModel.defaultFee,
            slippageBps: config["slippage_bps"]?.doubleValue ?? CostModel.defaultSlippageBps,
            slippageMode: config["slippage_mode"]?.stringValue.flatMap(CostModel.SlippageMode.init(rawValue:)) ?? .fixed,
            kATR: config["k_atr"]?.doubleValue ?? CostModel.defaultKATR)
        initialCash = config["initial_cash"]?.doubleValue ?? 1000
        if let source = config["data"]?["source"]?.stringValue, !source.hasPrefix("synthetic:") {
            dataFile = source
        }
        dataDir = config["data"]?["dir"]?.stringValue
        if let adjusted = config["adjusted"]?.boolValue { adjust = adjusted ? nil : false }
    }
}
