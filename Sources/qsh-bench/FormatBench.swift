import QSHArtifacts
import QSHCore

/// The text side of a large run: float printing (the hand-written `ReprBytes` against the
/// `description`-based `PythonFloat.repr` it must equal) and an `equity.csv`-shaped table of
/// every bar through `CSVWriter` into memory (no disk).
enum FormatBench {
    static func run(series: BarSeries, repetitions: Int) throws {
        // Prices and bar returns: what the tables print most.
        let sample = min(series.count, 100_000)
        var values: [Double] = []
        values.reserveCapacity(2 * sample)
        for i in 1..<(sample + 1) where i < series.count {
            values.append(series.close[i])
            values.append(series.close[i] / series.close[i - 1] - 1)
        }
        var buffer = [UInt8](repeating: 0, count: ReprBytes.maximumLength)
        var bytes = 0
        let (fast, reference) = measureAlternately(
            repetitions: max(3, repetitions / 4),
            {
                buffer.withUnsafeMutableBufferPointer { out in
                    for value in values { bytes &+= ReprBytes.write(value, to: out.baseAddress!) }
                }
            },
            { for value in values { bytes &+= PythonFloat.repr(value).utf8.count } })
        report("repr, ReprBytes (\(values.count) floats)", units: values.count, unitName: "floats", fast)
        report("repr, PythonFloat.repr (String)", units: values.count, unitName: "floats", reference)

        var written = 0
        let table = try measure(repetitions: max(3, repetitions / 4)) {
            var writer = CSVWriter { written &+= $0.count }
            try writer.header(["timestamp", "close", "signal", "position", "net_return", "equity", "equity_value"])
            var equity = 1.0, lastEquity = RepeatedNumber(), lastValue = RepeatedNumber()
            for i in 1..<series.count {
                let net = i % 3 == 0 ? 0 : series.close[i] / series.close[i - 1] - 1
                equity *= 1 + net
                try writer.timestamp(series.timestamps[i], intraday: true)
                try writer.number(series.close[i])
                try writer.integer(0)
                try writer.integer(i % 3 == 0 ? 0 : 1)
                try writer.number(net)
                try writer.number(equity, unlessRepeated: &lastEquity)
                try writer.number(1000 * equity, unlessRepeated: &lastValue)
                try writer.endRow()
            }
            try writer.finish()
        }
        report("equity-shaped table to memory", units: series.count, unitName: "rows", table)
        print("  (\(written / max(1, max(3, repetitions / 4) + 1) / 1_000_000) MB a table, checksum \(bytes & 0xFF))")
    }
}
