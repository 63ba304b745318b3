extension BacktestKernel {
    /// The pass over shared features: between two trades the position is fixed, so each stretch
    /// is one tight loop that books its bars (flat bars move nothing; long bars compound their
    /// returns) and tests only the one condition that can end it. Gives the same bits as the
    /// fused pass with the strategy's generator.
    ///
    /// `returns` is the series' `.barReturn` column (row 0 = series row 0); `bars.close` is
    /// read for the frame's first return. Polls `shouldStop` like the fused pass.
    public static func run<R: TradeRules>(
        rules: R, bars: BarPointers, returns: UnsafePointer<Double>, rowCount: Int, frameStart: Int,
        fee: Double, slippage: SlippageTrack, output: KernelOutput, shouldStop: () -> Bool = { false }
    ) -> Totals {
        guard rowCount > frameStart else { return Totals() }
        let c = bars.close[frameStart]
        let pass = RulesPass(
            rules: rules, returns: returns + frameStart, firstReturn: c / c - 1, count: rowCount - frameStart, fee: fee,
            output: output)
        return slippage.run(pass, fallback: bars.close, shouldStop: shouldStop)
    }
}

struct RulesPass<R: TradeRules>: KernelPass {
    let rules: R
    /// Frame-aligned; frame bar 0 uses `firstReturn` (the column compares it with the row
    /// before the frame).
    let returns: UnsafePointer<Double>
    let firstReturn: Double
    let count: Int
    let fee: Double
    let output: KernelOutput

    @inline(__always)
    func run<S: SlippageRate, Sink: SeriesSink>(slippage: S, sink: Sink, shouldStop: () -> Bool) -> BacktestKernel.Totals {
        var state = PassState(ledger: Ledger(output: output, sink: sink))
        // Bar 0 goes through the general path: it may trade, and it sets the equity peak.
        if rules.buysOnFirstBar {
            trade(at: 0, return: firstReturn, &state, slippage)
        } else {
            sink.signal(0, at: 0)
            state.ledger.book(firstReturn * 0.0, at: 0, wasLong: 0)
        }
        var k = 1
        while k < count {
            if k & (BacktestKernel.stopCheckInterval - 1) == 0 && shouldStop() {
                return state.ledger.totals(endsLong: state.long, stopped: true)
            }
            let blockEnd = min(count, (k | (BacktestKernel.stopCheckInterval - 1)) + 1)
            while k < blockEnd {
                k = state.long ? bookLong(from: k, to: blockEnd, &state) : bookFlat(from: k, to: blockEnd, &state)
                guard k < blockEnd else { break }
                trade(at: k, return: returns[k], &state, slippage)
                k += 1
            }
        }
        return state.ledger.totals(endsLong: state.long, stopped: false)
    }

    /// A trade bar: `ret * held`, then the costs (the fused pass's expression).
    @inline(__always)
    func trade<S: SlippageRate, Sink: SeriesSink>(at k: Int, return ret: Double, _ state: inout PassState<Sink>, _ slippage: S) {
        let wasLong = state.long ? 1 : 0
        let bar = (ret * Double(wasLong) - fee) - slippage.rate(k)
        state.ledger.sink.signal(state.long ? -1 : 1, at: k)
        let before = state.ledger.value
        state.ledger.book(bar, at: k, wasLong: wasLong)
        state.ledger.recordTrade(at: k, before: before, wasLong: wasLong)
        state.long.toggle()
        state.eligible = k + 1 + rules.cooldownBars
    }

    /// Flat bars up to the next buy (returned; `end` if none).
    @inline(__always)
    func bookFlat<Sink: SeriesSink>(from start: Int, to end: Int, _ state: inout PassState<Sink>) -> Int {
        bookStretch(from: start, to: end, &state, until: rules.buys) { k, ledger in flatBar(k, &ledger) }
    }

    /// Long bars up to the next sell (returned; `end` if none).
    @inline(__always)
    func bookLong<Sink: SeriesSink>(from start: Int, to end: Int, _ state: inout PassState<Sink>) -> Int {
        bookStretch(from: start, to: end, &state, until: rules.sells) { k, ledger in longBar(k, &ledger) }
    }

    /// Books bars with a fixed position until `condition` holds on a bar past the cooldown
    /// (returned; `end` if none). The cooldown's bars are booked without asking, so the loop
    /// that asks tests one condition only; a local copy of the ledger keeps its state in
    /// registers (through `state` the drawdown trough went to the stack on every bar).
    @inline(__always)
    func bookStretch<Sink: SeriesSink>(
        from start: Int, to end: Int, _ state: inout PassState<Sink>, until condition: (Int) -> Bool,
        bar: (Int, inout Ledger<Sink>) -> Void
    ) -> Int {
        var ledger = state.ledger
        defer { state.ledger = ledger }
        let active = max(start, min(state.eligible, end))
        for k in start..<active { bar(k, &ledger) }
        for k in active..<end {
            if condition(k) { return k }
            bar(k, &ledger)
        }
        return end
    }

    /// `ret * 0` is a zero, which changes no total and leaves equity as it is. A non-finite
    /// return makes it NaN, which is booked in full (it poisons the equity, as in the fused pass).
    @inline(__always)
    func flatBar<Sink: SeriesSink>(_ k: Int, _ ledger: inout Ledger<Sink>) {
        let bar = returns[k] * 0.0
        ledger.sink.signal(0, at: k)
        if bar == 0 {
            output.net[k] = bar
            ledger.sink.equity(ledger.value, at: k)
        } else {
            ledger.book(bar, at: k, wasLong: 0)
        }
    }

    /// A long bar compounds its return (`ret * 1` is the return itself).
    @inline(__always)
    func longBar<Sink: SeriesSink>(_ k: Int, _ ledger: inout Ledger<Sink>) {
        ledger.sink.signal(0, at: k)
        ledger.book(returns[k], at: k, wasLong: 1)
    }
}

/// The position state of a rules pass beside its ledger.
struct PassState<Sink: SeriesSink> {
    var ledger: Ledger<Sink>
    var long = false
    /// The first bar the rules may trade on (after a cooldown).
    var eligible = 0
}
