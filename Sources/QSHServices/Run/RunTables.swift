import QSHArtifacts
import QSHCore

/// The CSV files of a run directory.
extension RunDocuments {
    /// One row per trade bar of the backtest (entries and exits).
    func tradesCSV() throws -> String {
        var table = CSVTable(header: [
            "timestamp", "side", "close", "exec_price", "slippage", "fee_rate", "net_return", "equity_after", "reason",
        ])
        let cash = request.initialCash
        for k in 0..<result.days {
            try reportRow(k, "writing trades.csv")
            guard result.signals[k] != 0 else { continue }
            let row = result.frameStart + k
            let close = series.close[row]
            let slip = result.slippage[k]
            let buying = result.signals[k] > 0
            table.append([
                .text(timestamp(row: row)), .text(buying ? "BUY" : "SELL"), .number(close),
                .number(buying ? close * (1 + slip) : close * (1 - slip)), .number(slip),
                .number(request.costs.fee), .number(result.net[k]), .number(cash * result.equity[k]),
                .text("signal=\(result.signals[k])"),
            ])
        }
        return table.text
    }

    /// One row per frame bar: the equity curve and what produced it.
    func equityCSV() throws -> String {
        var table = CSVTable(header: ["timestamp", "close", "signal", "position", "net_return", "equity", "equity_value"])
        let cash = request.initialCash
        var position = 0
        for k in 0..<result.days {
            try reportRow(k, "writing equity.csv")
            let row = result.frameStart + k
            position += Int(result.signals[k])
            table.append([
                .text(timestamp(row: row)), .number(series.close[row]), .integer(Int(result.signals[k])),
                .integer(position), .number(result.net[k]), .number(result.equity[k]),
                .number(cash * result.equity[k]),
            ])
        }
        return table.text
    }

    /// Every 8,192 rows: report progress, and stop building when the run was interrupted.
    private func reportRow(_ row: Int, _ label: String) throws {
        if row & 0x1FFF == 0 { try checkpoint(label, row, result.days) }
    }
}
