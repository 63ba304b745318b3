import Foundation
import QSHArtifacts
import QSHCore

/// `trades.csv` of a paper session: one row per fill, appended as the fill happens. The
/// contract's columns come first, in its order; `fill_id` (1, 2, 3, ...: the fill's ordinal in
/// the session) is added last so that readers of the contract's columns by position still work.
enum PaperTrades {
    static let header = [
        "timestamp", "side", "close", "exec_price", "qty", "fee", "equity_after", "slippage", "reason", "fill_id",
    ]
    static let headerLine = header.joined(separator: ",") + "\n"

    /// One row in bytes; floats through the fast repr printer (a replay of a million minute
    /// bars makes over a hundred thousand fills).
    static func append(_ fill: PaperFill, id: Int, time: String, to bytes: inout [UInt8]) {
        bytes += time.utf8
        bytes.append(UInt8(ascii: ","))
        bytes += fill.side.rawValue.utf8
        for value in [fill.close, fill.executionPrice, fill.quantity, fill.fee, fill.equityAfter, fill.slippage] {
            bytes.append(UInt8(ascii: ","))
            ReprBytes.append(value, to: &bytes)
        }
        bytes.append(UInt8(ascii: ","))
        bytes += fill.reason.utf8
        bytes.append(UInt8(ascii: ","))
        bytes += String(id).utf8
        bytes.append(UInt8(ascii: "\n"))
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

/// A file's size in bytes (-1 when it cannot be read): how a followed session notices appends.
enum FileSize {
    static func of(_ path: String) -> Int64 {
        var info = stat()
        return stat(path, &info) == 0 ? Int64(info.st_size) : -1
    }
}
