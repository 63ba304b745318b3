import QSHArtifacts
import QSHCore
import QSHData

/// Which loaded bars a run used: the warm-up that only feeds the strategy's indicators, then
/// the bars it trades (the frame every metric is computed over). The summary, `--json` and
/// `run_report.md` state both, so that runs with different warm-ups are not read as covering
/// the same bars.
public struct RunWindow: Sendable, Equatable {
    public let strategy: String
    public let barsLoaded: Int
    /// Leading bars that only feed the indicators (the strategy's `warmupRows`).
    public let warmupBars: Int
    /// Epoch milliseconds of the first loaded bar, the first traded bar and the last bar.
    public let firstLoaded: Int64
    public let firstTraded: Int64
    public let last: Int64
    public let timeStyle: BarTimeStyle

    public init(strategy: any Strategy, series: BarSeries, frameStart: Int, timeStyle: BarTimeStyle) {
        self.strategy = type(of: strategy).name
        barsLoaded = series.count
        warmupBars = frameStart
        firstLoaded = series.timestamps[0]
        firstTraded = series.timestamps[frameStart]
        last = series.timestamps[series.count - 1]
        self.timeStyle = timeStyle
    }

    public var tradedBars: Int { barsLoaded - warmupBars }

    /// A bar time as every run surface shows it.
    public func format(_ millis: Int64) -> String { timeStyle.format(millis) }

    /// `warm-up: 99 bars from 2022-01-01 (rsi_ma_cross_v2 needs 100 bars for its first signal);
    /// trades from 2022-04-10`.
    public var warmupSentence: String {
        let trades = "trades from \(format(firstTraded))"
        guard warmupBars > 0 else { return "warm-up: none (\(strategy) needs no history); \(trades)" }
        return "warm-up: \(Self.bars(warmupBars)) from \(format(firstLoaded)) "
            + "(\(strategy) needs \(warmupBars + 1) bars for its first signal); \(trades)"
    }

    /// The keys `qsh run --json` adds beside the summary.
    public var jsonFields: [String: JSONValue] {
        [
            "bars_loaded": .int(Int64(barsLoaded)),
            "warmup_bars": .int(Int64(warmupBars)),
            "data_start": .string(format(firstLoaded)),
            "frame_start": .string(format(firstTraded)),
            "frame_end": .string(format(last)),
        ]
    }

    static func bars(_ count: Int) -> String { count == 1 ? "1 bar" : "\(count) bars" }
}

/// The error for a window too short for the strategy: how many bars were loaded, how many the
/// strategy needs, and the `--start` that would load enough (when the data reaches back).
enum ShortWindow {
    static func check(
        _ loaded: LoadedData, strategy: any Strategy, ticker: String, requestedStart: String?, timeStyle: BarTimeStyle
    ) throws(DataError) {
        let required = Backtester.requiredRows(for: strategy)
        let count = loaded.series.count
        guard count < required else { return }
        let name = type(of: strategy).name
        let warmup = strategy.warmupRows
        let format = timeStyle.format
        var text = "\(ticker) from \(loaded.sourceDescription): "
        if count == 0 {
            text += "no bars in the requested window"
        } else {
            text += "only \(RunWindow.bars(count)) loaded (\(format(loaded.series.timestamps[0])) .. "
                + "\(format(loaded.series.timestamps[count - 1])))"
        }
        text += warmup > 0
            ? "; \(name) needs at least \(required): \(warmup) of warm-up, then the bars it trades"
            : "; a run needs at least \(required) (\(name) has no warm-up)"
        if let start = loaded.latestStart(loading: required) {
            // (A date would floor an instant that is not at UTC midnight: still enough, but not exact.)
            let exact = BarTimeStyle(withTime: timeStyle.withTime || start % Timestamp.millisPerDay != 0)
            text += "; start earlier: --start \(exact.format(start)) or before loads \(required)"
        } else if let available = loaded.barsUpToWindowEnd {
            text += "; the data holds only \(RunWindow.bars(available)) before the window's end"
                + (requestedStart == nil ? "" : ", so an earlier --start cannot help")
        }
        throw DataError(text)
    }
}
