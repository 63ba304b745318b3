import QSHArtifacts
import QSHCore
import QSHData

/// Which bars a run used, as recorded in its config (and so in `config_hash` and the run id):
/// where they came from (the file path as resolved, not following symlinks, or the synthetic
/// generator), how many, the first and last bar, and a fingerprint of their contents. Two runs
/// on different data never share an id, whatever the ticker says.
struct DataIdentity: Sendable {
    let source: String
    let bars: Int
    let firstBar: Int64
    let lastBar: Int64
    let fingerprint: UInt64

    /// `series` is the window the backtest ran on.
    init(loaded: LoadedData, series: BarSeries) {
        source = loaded.sourceDescription
        bars = series.count
        firstBar = series.isEmpty ? 0 : series.timestamps[0]
        lastBar = series.isEmpty ? 0 : series.timestamps[series.count - 1]
        fingerprint = BarFingerprint.of(series)
    }

    var json: JSONValue {
        .object([
            "source": .string(source),
            "bars": .int(Int64(bars)),
            "first_bar": .string(Timestamp.formatISO(firstBar)),
            "last_bar": .string(Timestamp.formatISO(lastBar)),
            "fingerprint": .string(BarFingerprint.hex(fingerprint)),
        ])
    }
}
