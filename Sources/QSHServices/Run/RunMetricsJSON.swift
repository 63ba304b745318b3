import QSHArtifacts
import QSHCore

/// A backtest's metrics as the artifacts write them: the contract's summary block and every
/// metric flat and snake_cased (a run's metrics.json, a tuning job's result record).
enum RunMetricsJSON {
    static func summary(_ m: ReferenceMetrics) -> JSONValue {
        .object([
            "total_return": .double(m.totalReturn),
            "sharpe_simple": .double(m.sharpeSimple),
            "max_drawdown": .double(m.maxDrawdown),
            "trades": .int(Int64(m.trades)),
            "win_rate": .double(m.winrateActiveDays),
            "days": .int(Int64(m.days)),
        ])
    }

    /// Every metric, reference and extended, flat and snake_cased.
    static func metrics(_ m: ReferenceMetrics, _ x: ExtendedMetrics) -> JSONValue {
        func number(_ value: Double?) -> JSONValue { value.map { .double($0) } ?? .null }
        return .object([
            "days": .int(Int64(m.days)),
            "trades": .int(Int64(m.trades)),
            "total_return": .double(m.totalReturn),
            "max_drawdown": .double(m.maxDrawdown),
            "sharpe_simple": .double(m.sharpeSimple),
            "winrate_active_days": .double(m.winrateActiveDays),
            "cagr": number(x.cagr),
            "volatility_annualized": number(x.volatilityAnnualized),
            "sharpe_annualized": number(x.sharpeAnnualized),
            "sortino": number(x.sortino),
            "calmar": number(x.calmar),
            "exposure": .double(x.exposure),
            "round_trips": .int(Int64(x.roundTrips)),
            "win_rate_trades": number(x.winRateTrades),
            "profit_factor": number(x.profitFactor),
            "expectancy": number(x.expectancy),
            "best_trade": number(x.bestTrade),
            "worst_trade": number(x.worstTrade),
            "avg_bars_held": number(x.averageBarsHeld),
            "final_equity": .double(x.finalEquity),
            "periods_per_year": number(x.periodsPerYear),
            "years": number(x.years),
            "open_position_at_end": .bool(x.openPositionAtEnd),
        ])
    }

}
