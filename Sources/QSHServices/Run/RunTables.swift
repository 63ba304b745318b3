import QSHArtifacts
import QSHCore

/// The CSV files of a run directory, written row by row through `CSVWriter` (millions of rows
/// for minute bars: no table is held in memory as text).
extension RunDocuments {
    static let tradesHeader = [
        "timestamp", "side", "close", "exec_price", "slippage", "fee_rate", "net_return", "equity_after", "reason",
    ]
    static let equityHeader = ["timestamp", "close", "signal", "position", "net_return", "equity", "equity_value"]

    /// The files of the run directory in the order they are listed (`report.json` artifacts).
    var files: [String] {
        var files = ["metadata.json", "config.json", "metrics.json", "report.json", "trades.csv"]
        if equityTable != .omitted { files.append("equity.csv") }
        if request.writeMarkdownReport { files.append("run_report.md") }
        return files
    }

    /// One row per trade bar of the backtest (entries and exits).
    func writeTrades(to csv: inout CSVWriter) throws {
        try csv.header(Self.tradesHeader)
        let cash = request.initialCash, fee = request.costs.fee
        let intraday = timeStyle.withTime
        for k in 0..<result.days {
            try reportRow(k, "writing trades.csv")
            let signal = result.signals[k]
            guard signal != 0 else { continue }
            let row = result.frameStart + k
            let close = series.close[row]
            let slip = result.slippage[k]
            let buying = signal > 0
            try csv.timestamp(series.timestamps[row], intraday: intraday)
            try csv.text(buying ? "BUY" : "SELL")
            try csv.number(close)
            try csv.number(buying ? close * (1 + slip) : close * (1 - slip))
            try csv.number(slip)
            try csv.number(fee)
            try csv.number(result.net[k])
            try csv.number(cash * result.equity[k])
            try csv.text(buying ? "signal=1" : "signal=-1")
            try csv.endRow()
        }
    }

    /// The equity curve and what produced it: every frame bar (`full`) or the last bar of each
    /// UTC day (`daily`), same columns and values.
    func writeEquity(to csv: inout CSVWriter) throws {
        try csv.header(Self.equityHeader)
        let cash = request.initialCash
        let intraday = timeStyle.withTime
        let daily = equityTable == .daily
        let timestamps = series.timestamps
        var position = 0
        // Flat stretches repeat the equity bar after bar: print it once per stretch.
        var lastEquity = RepeatedNumber(), lastValue = RepeatedNumber()
        for k in 0..<result.days {
            try reportRow(k, "writing equity.csv")
            let row = result.frameStart + k
            let signal = Int(result.signals[k])
            position += signal
            if daily && k + 1 < result.days && Timestamp.day(timestamps[row + 1]) == Timestamp.day(timestamps[row]) {
                continue
            }
            try csv.timestamp(timestamps[row], intraday: intraday)
            try csv.number(series.close[row])
            try csv.integer(signal)
            try csv.integer(position)
            try csv.number(result.net[k])
            try csv.number(result.equity[k], unlessRepeated: &lastEquity)
            try csv.number(cash * result.equity[k], unlessRepeated: &lastValue)
            try csv.endRow()
        }
    }

    /// Every 8,192 frame bars: report progress, and stop writing when the run was interrupted.
    @inline(__always)
    private func reportRow(_ row: Int, _ label: String) throws {
        if row & 0x1FFF == 0 { try checkpoint(label, row, result.days) }
    }
}
