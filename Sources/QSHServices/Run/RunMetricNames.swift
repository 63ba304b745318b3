/// The metric keys of a run's `metrics.json` (`runs best --metric` ranks by any of them).
public enum RunMetricNames {
    public static let all = [
        "sharpe_simple", "total_return", "max_drawdown", "winrate_active_days", "trades", "days", "cagr",
        "volatility_annualized", "sharpe_annualized", "sortino", "calmar", "exposure", "round_trips", "win_rate_trades",
        "profit_factor", "expectancy", "best_trade", "worst_trade", "avg_bars_held", "final_equity", "periods_per_year",
        "years",
    ]
}
