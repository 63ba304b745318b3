/// How the bar times of one series are shown in summaries, reports and the CSV artifacts.
///
/// Daily-or-longer bars that all sit at UTC midnight are shown as dates (`2022-01-03`), as the
/// reference does; anything else gets the full UTC date-time (`2022-01-02T19:00:00Z`). Bars
/// stamped with an offset are stored as UTC instants, so a daily bar of
/// `2022-01-03T00:00:00+05:00` is `2022-01-02T19:00:00Z`: its UTC date alone would put it a day
/// early, and a date in the file's own zone would hide that the instant is not midnight UTC
/// (which is what `--start`/`--end` without an offset compare against).
public struct BarTimeStyle: Sendable, Equatable {
    /// True: `YYYY-MM-DDTHH:MM:SSZ`; false: `YYYY-MM-DD`.
    public let withTime: Bool

    public init(withTime: Bool) { self.withTime = withTime }

    /// Dates only when the bars are daily or longer and every one is at UTC midnight.
    public init(interval: BarInterval, timestamps: BarColumn<Int64>) {
        withTime = interval.isIntraday || timestamps.contains { $0 % Timestamp.millisPerDay != 0 }
    }

    public func format(_ millis: Int64) -> String { Timestamp.format(millis, intraday: withTime) }
}
