import QSHCore
import Testing

/// The auto-tune rules and guardrails, driven by synthetic iteration metrics.
struct SoakAutoTunerTests {
    /// The reference's starting overrides (its "best cell").
    static let start = SoakRuntimeParameters(
        minIntervalMs: 60, replaceRatePerMin: 300, baseSpreadBpsDelta: 0.05, impactCapRatio: 0.10, tailAgeMs: 600)

    /// Metrics on which no default rule fires.
    static let calm = SoakIterationMetrics(
        netBps: 2.62, cancelRatio: 0.48, makerShare: 0.9, adverseBpsP95: 3.5, slippageBpsP95: 2.5,
        orderAgeP95Ms: 312, wsLagP95Ms: 90)

    static func calm(_ change: (inout SoakIterationMetrics) -> Void) -> SoakIterationMetrics {
        var metrics = calm
        change(&metrics)
        return metrics
    }

    static func decide(
        _ metrics: SoakIterationMetrics, from current: SoakRuntimeParameters = start, table: SoakRuleTable = .reference
    ) -> SoakTuneDecision {
        SoakAutoTuner(table: table).decide(current: current, metrics: metrics)
    }

    /// (field, from, to) of each applied change.
    static func changes(_ decision: SoakTuneDecision) -> [String] {
        decision.adjustments.map { "\($0.field.rawValue) \($0.field.text($0.from))->\($0.field.text($0.to))" }
    }

    // MARK: each trigger alone

    @Test func cancelRatioRaisesMinIntervalAndLowersReplaceRate() {
        let decision = Self.decide(Self.calm { $0.cancelRatio = 0.60 })
        #expect(Self.changes(decision) == ["min_interval_ms 60->80", "replace_rate_per_min 300->270"])
        #expect(decision.triggers == ["cancel_ratio>0.55"])
        #expect(decision.adjustments.allSatisfy { $0.reason == "cancel_ratio>0.55" })
        #expect(!decision.multiFailGuard)
        #expect(decision.parameters.minIntervalMs == 80 && decision.parameters.replaceRatePerMin == 270)
    }

    @Test func thresholdItselfDoesNotTrigger() {
        let decision = Self.decide(
            Self.calm {
                $0.cancelRatio = 0.55
                $0.adverseBpsP95 = 4
                $0.slippageBpsP95 = 3
                $0.orderAgeP95Ms = 330
                $0.wsLagP95Ms = 120
                $0.netBps = 2.5
            })
        #expect(decision.triggers.isEmpty && decision.adjustments.isEmpty)
    }

    @Test func adverseOrSlippageWidensTheSpread() {
        for metrics in [Self.calm { $0.adverseBpsP95 = 4.2 }, Self.calm { $0.slippageBpsP95 = 3.1 }] {
            let decision = Self.decide(metrics)
            #expect(Self.changes(decision) == ["base_spread_bps_delta 0.05->0.1"])
            #expect(decision.triggers == ["adverse/slippage>threshold"])
        }
        // Both conditions holding are still one trigger and one change.
        let both = Self.decide(Self.calm {
            $0.adverseBpsP95 = 6
            $0.slippageBpsP95 = 5
        })
        #expect(Self.changes(both) == ["base_spread_bps_delta 0.05->0.1"])
        #expect(both.triggers.count == 1)
    }

    @Test func orderAgeLowersReplaceRateAndRaisesTailAge() {
        let decision = Self.decide(Self.calm { $0.orderAgeP95Ms = 340 })
        #expect(Self.changes(decision) == ["replace_rate_per_min 300->270", "tail_age_ms 600->650"])
        #expect(decision.triggers == ["order_age>330"])
    }

    @Test func wsLagRaisesMinInterval() {
        let decision = Self.decide(Self.calm { $0.wsLagP95Ms = 130 })
        #expect(Self.changes(decision) == ["min_interval_ms 60->80"])
        #expect(decision.triggers == ["ws_lag>120"])
    }

    @Test func lowNetWidensTheSpreadOnlyWhenNothingElseFires() {
        let alone = Self.decide(Self.calm { $0.netBps = 2.2 })
        #expect(Self.changes(alone) == ["base_spread_bps_delta 0.05->0.07"])
        #expect(alone.triggers == ["net_bps<2.5"])

        let withOther = Self.decide(Self.calm {
            $0.netBps = 2.2
            $0.wsLagP95Ms = 130
        })
        #expect(withOther.triggers == ["ws_lag>120"])
        #expect(Self.changes(withOther) == ["min_interval_ms 60->80"])
    }

    @Test func aRuleWhoseFieldsSitAtTheirBoundsSaturates() {
        var wide = Self.start
        wide.baseSpreadBpsDelta = 0.6
        let pinned = Self.decide(Self.calm { $0.adverseBpsP95 = 5 }, from: wide)
        #expect(pinned.adjustments.isEmpty && pinned.triggers == ["adverse/slippage>threshold"])
        #expect(pinned.saturated == ["adverse/slippage>threshold"])
        // One of two levers left (replace rate at its floor, tail age not): not saturated.
        var slow = Self.start
        slow.replaceRatePerMin = 120
        let half = Self.decide(Self.calm { $0.orderAgeP95Ms = 400 }, from: slow)
        #expect(half.saturated.isEmpty && Self.changes(half) == ["tail_age_ms 600->650"])
        #expect(Self.decide(Self.calm { $0.adverseBpsP95 = 5 }).saturated.isEmpty)
    }

    @Test func noTriggersChangeNothing() {
        let decision = Self.decide(Self.calm)
        #expect(decision.adjustments.isEmpty && decision.triggers.isEmpty && decision.held.isEmpty)
        #expect(decision.parameters == Self.start)
        #expect(SoakTuneMarkers.lines(decision, metrics: Self.calm) == ["| soak_iter_tune | OK | ADJUSTMENTS=0 metrics_stable |"])
    }

    @Test func nanMetricsNeverTrigger() {
        let nan = SoakIterationMetrics(
            netBps: .nan, cancelRatio: .nan, makerShare: .nan, adverseBpsP95: .nan, slippageBpsP95: .nan,
            orderAgeP95Ms: .nan, wsLagP95Ms: .nan)
        #expect(Self.decide(nan).triggers.isEmpty)
    }

    // MARK: limits and clamping

    @Test func changesClampAtTheUpperBounds() {
        let high = SoakRuntimeParameters(
            minIntervalMs: 290, replaceRatePerMin: 360, baseSpreadBpsDelta: 0.58, impactCapRatio: 0.12, tailAgeMs: 980)
        let decision = Self.decide(Self.calm { $0.wsLagP95Ms = 130 }, from: high)
        #expect(Self.changes(decision) == ["min_interval_ms 290->300"])
        let spread = Self.decide(Self.calm { $0.adverseBpsP95 = 5 }, from: high)
        #expect(Self.changes(spread) == ["base_spread_bps_delta 0.58->0.6"])
        let age = Self.decide(Self.calm { $0.orderAgeP95Ms = 400 }, from: high)
        #expect(Self.changes(age) == ["replace_rate_per_min 360->330", "tail_age_ms 980->1000"])
    }

    @Test func changesClampAtTheLowerBounds() {
        let low = SoakRuntimeParameters(
            minIntervalMs: 50, replaceRatePerMin: 130, baseSpreadBpsDelta: 0, impactCapRatio: 0.04, tailAgeMs: 400)
        let decision = Self.decide(Self.calm { $0.cancelRatio = 0.7 }, from: low)
        #expect(Self.changes(decision) == ["min_interval_ms 50->70", "replace_rate_per_min 130->120"])
    }

    @Test func aChangeThatClampsToNothingIsHeldNotCounted() {
        let pinned = SoakRuntimeParameters(
            minIntervalMs: 300, replaceRatePerMin: 120, baseSpreadBpsDelta: 0.6, impactCapRatio: 0.1, tailAgeMs: 1000)
        let metrics = Self.calm { $0.cancelRatio = 0.7 }
        let decision = Self.decide(metrics, from: pinned)
        #expect(decision.adjustments.isEmpty)
        #expect(decision.triggers == ["cancel_ratio>0.55"])
        #expect(decision.held.map(\.why) == [.atLimit, .atLimit])
        #expect(decision.parameters == pinned)
        #expect(
            SoakTuneMarkers.lines(decision, metrics: metrics) == [
                "| soak_iter_tune | OK | ADJUSTMENTS=0 net_bps=2.62 cancel=0.70 age_p95=312 lag_p95=90 |",
                "  - cancel_ratio>0.55",
            ])
    }

    @Test func clampingPutsEveryFieldWithinItsLimitsAndOnItsGrid() {
        let wild = SoakRuntimeParameters(
            minIntervalMs: 10, replaceRatePerMin: 999, baseSpreadBpsDelta: -1, impactCapRatio: 0.0812345, tailAgeMs: 700.4)
        #expect(
            wild.clamped()
                == SoakRuntimeParameters(
                    minIntervalMs: 50, replaceRatePerMin: 360, baseSpreadBpsDelta: 0, impactCapRatio: 0.0812, tailAgeMs: 700))
        // Out-of-limit input is clamped before the rules run, and that is not an adjustment.
        let decision = Self.decide(Self.calm, from: wild)
        #expect(decision.adjustments.isEmpty && decision.parameters == wild.clamped())
        for field in SoakRuntimeField.allCases {
            #expect(field.clamp(field.limits.lowerBound - 1) == field.limits.lowerBound)
            #expect(field.clamp(field.limits.upperBound + 1) == field.limits.upperBound)
        }
    }

    // MARK: guardrails

    @Test func multiFailGuardAppliesOnlyCalmingChanges() {
        // The reference's own case: cancel, adverse and order age fire (net is low too).
        let metrics = Self.calm {
            $0.netBps = 1.5
            $0.cancelRatio = 0.70
            $0.adverseBpsP95 = 6
            $0.orderAgeP95Ms = 400
        }
        let decision = Self.decide(metrics)
        #expect(decision.multiFailGuard)
        #expect(decision.triggers == ["cancel_ratio>0.55", "adverse/slippage>threshold", "order_age>330"])
        #expect(
            Self.changes(decision) == [
                "min_interval_ms 60->80", "replace_rate_per_min 300->270", "base_spread_bps_delta 0.05->0.1",
                "replace_rate_per_min 270->240",
            ])
        #expect(decision.held.map(\.field) == [.tailAgeMs] && decision.held.map(\.why) == [.multiFailGuard])
        #expect(
            SoakTuneMarkers.lines(decision, metrics: metrics).last == "| soak_iter_tune | SKIP | REASON=multi_fail_guard |")
    }

    @Test func twoTriggersDoNotEngageTheGuard() {
        let decision = Self.decide(Self.calm {
            $0.cancelRatio = 0.7
            $0.orderAgeP95Ms = 400
        })
        #expect(!decision.multiFailGuard)
        #expect(Self.changes(decision).contains("tail_age_ms 600->650"))
    }

    @Test func guardWithNothingCalmingLeftStillSkips() {
        let pinned = SoakRuntimeParameters(
            minIntervalMs: 300, replaceRatePerMin: 120, baseSpreadBpsDelta: 0.6, impactCapRatio: 0.1, tailAgeMs: 600)
        let metrics = Self.calm {
            $0.cancelRatio = 0.7
            $0.orderAgeP95Ms = 400
            $0.wsLagP95Ms = 200
        }
        let decision = Self.decide(metrics, from: pinned)
        #expect(decision.multiFailGuard && decision.adjustments.isEmpty)
        #expect(decision.parameters == pinned)
        #expect(SoakTuneMarkers.lines(decision, metrics: metrics) == ["| soak_iter_tune | SKIP | REASON=multi_fail_guard |"])
    }

    @Test func allFourOrdinaryTriggersUnderTheGuard() {
        let metrics = Self.calm {
            $0.cancelRatio = 0.7
            $0.adverseBpsP95 = 6
            $0.orderAgeP95Ms = 400
            $0.wsLagP95Ms = 200
        }
        let decision = Self.decide(metrics)
        #expect(decision.multiFailGuard && decision.triggers.count == 4)
        // min_interval: +20 (cancel) +20 (ws_lag); replace: -30 (cancel) -30 (age); tail held.
        #expect(decision.parameters.minIntervalMs == 100 && decision.parameters.replaceRatePerMin == 240)
        #expect(decision.parameters.tailAgeMs == 600 && decision.parameters.baseSpreadBpsDelta == 0.1)
    }

    @Test func spreadDeltaChangeIsCappedPerIteration() {
        let table = SoakRuleTable(rules: [
            SoakTuneRule(reason: "a", anyOf: [SoakCondition(.adverseBpsP95, .greater, 4)], deltas: [.init(.baseSpreadBpsDelta, 0.08)]),
            SoakTuneRule(reason: "b", anyOf: [SoakCondition(.slippageBpsP95, .greater, 3)], deltas: [.init(.baseSpreadBpsDelta, 0.05)]),
        ], guardrails: SoakGuardrails(maxChangesPerField: 5))
        let decision = Self.decide(Self.calm {
            $0.adverseBpsP95 = 5
            $0.slippageBpsP95 = 4
        }, table: table)
        #expect(Self.changes(decision) == ["base_spread_bps_delta 0.05->0.13", "base_spread_bps_delta 0.13->0.15"])
        #expect(decision.adjustments.map(\.capped) == [false, true])
        #expect(decision.parameters.baseSpreadBpsDelta - Self.start.baseSpreadBpsDelta <= 0.1 + 1e-12)

        // Once the budget is used up, a further spread change is held.
        let three = SoakRuleTable(rules: table.rules + [
            SoakTuneRule(reason: "c", anyOf: [SoakCondition(.netBps, .less, 9)], deltas: [.init(.baseSpreadBpsDelta, 0.01)]),
        ], guardrails: table.guardrails)
        let held = Self.decide(Self.calm {
            $0.adverseBpsP95 = 5
            $0.slippageBpsP95 = 4
        }, table: three)
        #expect(held.held.map(\.why) == [.spreadDeltaCap])
        #expect(held.parameters.baseSpreadBpsDelta == 0.15)
    }

    @Test func atMostTwoChangesPerFieldPerIteration() {
        let rule = { (reason: String, metric: SoakMetric) in
            SoakTuneRule(reason: reason, anyOf: [SoakCondition(metric, .greater, 0)], deltas: [.init(.tailAgeMs, 50)])
        }
        let table = SoakRuleTable(rules: [rule("x", .orderAgeP95Ms), rule("y", .wsLagP95Ms), rule("z", .cancelRatio)],
            guardrails: SoakGuardrails(multiFailMinTriggers: 10))
        let decision = Self.decide(Self.calm, table: table)
        #expect(Self.changes(decision) == ["tail_age_ms 600->650", "tail_age_ms 650->700"])
        #expect(decision.held.map(\.reason) == ["z"] && decision.held.map(\.why) == [.perFieldLimit])
    }

    // MARK: across iterations

    @Test func adjustmentsAccumulateAcrossIterations() {
        let tuner = SoakAutoTuner()
        let busy = Self.calm { $0.cancelRatio = 0.6 }
        var parameters = Self.start
        var trail: [Double] = []
        for _ in 0..<5 {
            parameters = tuner.decide(current: parameters, metrics: busy).parameters
            trail.append(parameters.replaceRatePerMin)
        }
        #expect(trail == [270, 240, 210, 180, 150])
        #expect(parameters.minIntervalMs == 160)
        // Then the metrics settle: nothing more changes.
        let settled = tuner.decide(current: parameters, metrics: Self.calm)
        #expect(settled.parameters == parameters && settled.adjustments.isEmpty)

        // Repeated small spread steps stay on the grid and stop at the bound.
        var spread = Self.start
        for _ in 0..<40 { spread = tuner.decide(current: spread, metrics: Self.calm { $0.netBps = 1 }).parameters }
        #expect(spread.baseSpreadBpsDelta == 0.6)
        var steps: [String] = []
        var value = Self.start
        for _ in 0..<3 {
            let decision = tuner.decide(current: value, metrics: Self.calm { $0.netBps = 1 })
            steps += Self.changes(decision)
            value = decision.parameters
        }
        #expect(steps == ["base_spread_bps_delta 0.05->0.07", "base_spread_bps_delta 0.07->0.09", "base_spread_bps_delta 0.09->0.11"])
    }

    // MARK: markers

    @Test func markersHaveTheExactForm() {
        let metrics = Self.calm { $0.cancelRatio = 0.6 }
        let decision = Self.decide(metrics)
        #expect(
            SoakTuneMarkers.lines(decision, metrics: metrics) == [
                "| runtime_adjust | OK | FIELD=min_interval_ms FROM=60 TO=80 REASON=cancel_ratio>0.55 |",
                "| runtime_adjust | OK | FIELD=replace_rate_per_min FROM=300 TO=270 REASON=cancel_ratio>0.55 |",
                "| soak_iter_tune | OK | ADJUSTMENTS=2 net_bps=2.62 cancel=0.60 age_p95=312 lag_p95=90 |",
                "  - cancel_ratio>0.55",
            ])
        let spread = Self.decide(Self.calm { $0.adverseBpsP95 = 5 }, from: SoakRuntimeParameters(
            minIntervalMs: 60, replaceRatePerMin: 300, baseSpreadBpsDelta: 0, impactCapRatio: 0.1, tailAgeMs: 600))
        #expect(
            SoakTuneMarkers.runtimeAdjust(spread.adjustments[0])
                == "| runtime_adjust | OK | FIELD=base_spread_bps_delta FROM=0.0 TO=0.05 REASON=adverse/slippage>threshold |")
    }

    @Test func numberTextIsFixedAndRoundsHalfAwayFromZero() {
        #expect(SoakNumberText.fixed(2.625, digits: 2) == "2.63")
        #expect(SoakNumberText.fixed(0.125, digits: 2) == "0.13")
        #expect(SoakNumberText.fixed(0.48, digits: 2) == "0.48")
        #expect(SoakNumberText.fixed(312.5, digits: 0) == "313")
        #expect(SoakNumberText.fixed(-0.001, digits: 2) == "0.00")
        #expect(SoakNumberText.fixed(-1.5, digits: 1) == "-1.5")
        #expect(SoakNumberText.fixed(0.05, digits: 2) == "0.05")
        #expect(SoakNumberText.fixed(.nan, digits: 2) == "nan")
        #expect(SoakNumberText.parameter(0.1, decimals: 4) == "0.1")
        #expect(SoakNumberText.parameter(0, decimals: 4) == "0.0")
        #expect(SoakNumberText.parameter(0.0812, decimals: 4) == "0.0812")
        #expect(SoakNumberText.parameter(80, decimals: 0) == "80")
    }
}
