/// A strategy's buy and sell conditions over precomputed features, for the shared-feature
/// kernel. The kernel applies the reference's state machine (`SignalStateMachine`) itself:
/// flat, it looks only for a buy; long, only for a sell; after each trade it skips
/// `cooldownBars` bars; so the rules say nothing about positions.
///
/// Frame bar `k` is series row `frameStart + k`. The first bar is asked apart (the fused
/// generators mask their crossovers there: the previous row lies outside the frame), so the
/// conditions of the per-bar loops have no mask to test.
public protocol TradeRules {
    var cooldownBars: Int { get }
    /// The buy condition on frame bar 0 (where the pass starts flat).
    var buysOnFirstBar: Bool { get }
    /// The buy condition on frame bar `k >= 1`.
    func buys(at k: Int) -> Bool
    /// The sell condition on frame bar `k >= 1`.
    func sells(at k: Int) -> Bool
}
