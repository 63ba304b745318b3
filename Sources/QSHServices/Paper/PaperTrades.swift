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

    static let powersOfTen: [Int] = (0..<19).map { (0..<$0).reduce(1) { product, _ in product * 10 } }

    /// Room for one row: the time, six floats, side, reason, id and commas.
    static let maximumRowLength = Timestamp.maximumFormattedLength + 6 * (ReprBytes.maximumLength + 1) + 64

    /// One row in bytes, written in place: a replay of a million minute bars makes over a
    /// hundred thousand fills, and building each row from Strings (its time, its reason, an
    /// array of its numbers) was a fifth of such a replay (measured with perf).
    static func append(_ fill: PaperFill, id: Int, millis: Int64, intraday: Bool, to bytes: inout [UInt8]) {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: maximumRowLength) { buffer in
            let start = buffer.baseAddress!
            var end = start + Timestamp.write(millis, intraday: intraday, to: start)
            func text(_ value: StaticString) {
                value.withUTF8Buffer { utf8 in
                    end.update(from: utf8.baseAddress!, count: utf8.count)
                    end += utf8.count
                }
            }
            func number(_ value: Double) {
                end.pointee = UInt8(ascii: ",")
                end += 1 + ReprBytes.write(value, to: end + 1)
            }
            text(fill.side == .buy ? ",BUY" : ",SELL")
            number(fill.close)
            number(fill.executionPrice)
            number(fill.quantity)
            number(fill.fee)
            number(fill.equityAfter)
            number(fill.slippage)
            text(fill.signal > 0 ? ",signal=1," : ",signal=-1,")
            var digits = 1
            while digits < 19, id >= Self.powersOfTen[digits] { digits += 1 }
            DigitPairs.write(UInt64(id), count: digits, to: end)
            end += digits
            end.pointee = UInt8(ascii: "\n")
            end += 1
            bytes.append(contentsOf: UnsafeBufferPointer(start: start, count: end - start))
        }
    }
}
