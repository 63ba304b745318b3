/// What a run writes to `equity.csv`, the one per-bar table (a million minute bars make a
/// 100 MB file; see docs/artifacts.md).
public enum EquityTable: String, CaseIterable, Sendable {
    /// No `equity.csv` at all; the run's file lists omit it. (Not `none`, which an optional
    /// `EquityTable?` would read as nil.)
    case omitted = "none"
    /// The same columns, one row per UTC day: the day's last bar of the frame.
    case daily
    /// One row per bar of the frame.
    case full

    /// Frames up to this many bars get `full` unless asked otherwise: every daily run (and the
    /// reference's byte-identical equity.csv), about 174 days of minute bars (a 25 MB file).
    public static let fullByDefaultUpTo = 250_000

    /// The table for a frame of `bars` bars when the request names none.
    public static func resolved(_ requested: EquityTable?, frameBars bars: Int) -> EquityTable {
        requested ?? (bars <= fullByDefaultUpTo ? .full : .daily)
    }

    /// The default as the command reference states it.
    public static let defaultText = "full up to 250,000 bars, else daily"
}
