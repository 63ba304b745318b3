import QSHArtifacts
import QSHCore

/// `trades.csv` of a paper session: one row per fill, appended as the fill happens.
enum PaperTrades {
    static let header = ["timestamp", "side", "close", "exec_price", "qty", "fee", "equity_after", "slippage", "reason"]

    static func append(_ fill: PaperFill, time: String, to bytes: inout [UInt8]) {
        let fields = [
            time, fill.side.rawValue, PythonFloat.repr(fill.close), PythonFloat.repr(fill.executionPrice),
            PythonFloat.repr(fill.quantity), PythonFloat.repr(fill.fee), PythonFloat.repr(fill.equityAfter),
            PythonFloat.repr(fill.slippage), fill.reason,
        ]
        bytes += Array((fields.joined(separator: ",") + "\n").utf8)
    }
}

/// Waiting between bars at `--pace`, in slices short enough that SIGINT and SIGTERM stop a
/// slow session at once.
enum PaperPace {
    static func sleep(_ pace: Duration, cancellation: CancellationToken) async throws {
        var left = pace
        let slice = Duration.milliseconds(50)
        while left > .zero {
            try cancellation.check()
            let step = min(left, slice)
            try? await Task.sleep(for: step)
            left -= step
        }
        try cancellation.check()
    }
}
