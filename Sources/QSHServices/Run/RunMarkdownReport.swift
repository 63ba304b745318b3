import QSHArtifacts
import QSHCore

/// `run_report.md`: the run explained for people.
extension RunDocuments {
    func markdownReport(runID: String, createdAt: String, files: [String]) -> String {
        let m = result.reference
        let x = result.extended
        let strategy = validated.strategy
        var lines: [String] = []
        lines.append("# Run \(runID)")
        lines.append("")
        lines.append("\(request.ticker) · \(type(of: strategy).name) · \(validated.interval.text) bars · "
            + "\(timestamp(row: result.frameStart)) to \(timestamp(row: series.count - 1)) · created \(createdAt)")
        lines.append("")
        let window = self.window
        lines.append("\(RunWindow.bars(window.barsLoaded)) loaded, \(RunWindow.bars(window.tradedBars)) traded; "
            + "\(window.warmupSentence).")
        lines.append("")
        lines.append("## Configuration")
        lines.append("")
        lines.append("| setting | value |")
        lines.append("|---|---|")
        var settings: [(String, String)] = [("data", dataSource), ("adjusted prices", adjusted ? "yes" : "no")]
        settings += strategy.parameters.entries.map { ($0.name, StrategyParameter.describe($0.value, kind: $0.kind)) }
        settings += [
            ("fee", Format.decimal(request.costs.fee)),
            ("slippage", request.costs.slippageMode == .fixed
                ? "\(Format.decimal(request.costs.slippageBps)) bps (fixed)"
                : "ATR × \(Format.decimal(request.costs.kATR)), clamped to 2–30 bps"),
            ("initial cash", Format.decimal(request.initialCash)),
        ]
        lines += settings.map { "| \($0.0) | \($0.1) |" }
        lines.append("")
        lines.append("## Reference metrics")
        lines.append("")
        lines.append("| metric | value |")
        lines.append("|---|---|")
        lines += [
            ("days", "\(m.days)"), ("trades", "\(m.trades)"),
            ("total return", Format.percent(m.totalReturn)), ("max drawdown", Format.percent(m.maxDrawdown)),
            ("sharpe (simple)", Format.fixed(m.sharpeSimple, 4)),
            ("win rate (active days)", Format.percent(m.winrateActiveDays)),
        ].map { "| \($0.0) | \($0.1) |" }
        lines.append("")
        lines.append("## Extended metrics")
        lines.append("")
        lines.append("| metric | value |")
        lines.append("|---|---|")
        lines += [
            ("CAGR", Format.percent(x.cagr)), ("annualized volatility", Format.percent(x.volatilityAnnualized)),
            ("sharpe (annualized)", Format.fixed(x.sharpeAnnualized, 4)), ("sortino", Format.fixed(x.sortino, 4)),
            ("calmar", Format.fixed(x.calmar, 4)), ("exposure", Format.percent(x.exposure)),
            ("round trips", "\(x.roundTrips)"), ("win rate (round trips)", Format.percent(x.winRateTrades)),
            ("profit factor", Format.fixed(x.profitFactor, 3)), ("expectancy per trade", Format.percent(x.expectancy)),
            ("best trade", Format.percent(x.bestTrade)), ("worst trade", Format.percent(x.worstTrade)),
            ("average bars held", Format.fixed(x.averageBarsHeld, 1)),
            ("final equity", Format.fixed(x.finalEquity, 2)),
            ("open position at end", x.openPositionAtEnd ? "yes" : "no"),
        ].map { "| \($0.0) | \($0.1) |" }
        lines.append("")
        lines.append("## Files")
        lines.append("")
        lines += files.map { "- `\($0)`" }
        lines.append("")
        return lines.joined(separator: "\n")
    }
}

extension StrategyParameter {
    static func describe(_ value: Double, kind: Kind) -> String {
        kind == .integer ? String(Int(value)) : Format.decimal(value)
    }
}
