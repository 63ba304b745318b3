import QSHCore
import Testing

struct SoakKPIVerdictTests {
    static let good = SoakIterationMetrics(
        netBps: 3, cancelRatio: 0.4, makerShare: 0.9, adverseBpsP95: 3, slippageBpsP95: 1, orderAgeP95Ms: 300,
        wsLagP95Ms: 100)

    @Test func goodMetricsPassAllSix() {
        let verdict = SoakKPIVerdict.evaluate(Self.good, targets: .reference)
        #expect(verdict.checks.count == 6)
        #expect(verdict.passed)
        #expect(verdict.passCount == 6)
    }

    @Test func boundsAreInclusive() {
        let exact = SoakIterationMetrics(
            netBps: 2.5, cancelRatio: 0.55, makerShare: 0.85, adverseBpsP95: 4, slippageBpsP95: 9,
            orderAgeP95Ms: 330, wsLagP95Ms: 120)
        #expect(SoakKPIVerdict.evaluate(exact, targets: .reference).passed)
    }

    @Test func eachCheckFailsOnItsOwn() {
        var m = Self.good
        m.cancelRatio = 0.56
        m.orderAgeP95Ms = 331
        let verdict = SoakKPIVerdict.evaluate(m, targets: .reference)
        #expect(verdict.failed.map(\.metric) == [.cancelRatio, .orderAgeP95Ms])
        #expect(verdict.passCount == 4)
        for (metric, bad) in [(SoakMetric.netBps, 2.49), (.makerShare, 0.84), (.adverseBpsP95, 4.01), (.wsLagP95Ms, 121)] {
            var one = Self.good
            switch metric {
            case .netBps: one.netBps = bad
            case .makerShare: one.makerShare = bad
            case .adverseBpsP95: one.adverseBpsP95 = bad
            default: one.wsLagP95Ms = bad
            }
            #expect(SoakKPIVerdict.evaluate(one, targets: .reference).failed.map(\.metric) == [metric])
        }
    }

    @Test func nanFails() {
        var m = Self.good
        m.netBps = .nan
        #expect(SoakKPIVerdict.evaluate(m, targets: .reference).failed.map(\.metric) == [.netBps])
    }

    @Test func soakVerdictIsTheLastIteration() {
        var bad = Self.good
        bad.cancelRatio = 0.9
        let first = SoakKPIVerdict.evaluate(bad, targets: .reference)
        let last = SoakKPIVerdict.evaluate(Self.good, targets: .reference)
        #expect(SoakKPIVerdict.soak([first, last]) == last)
        #expect(SoakKPIVerdict.soak([]) == nil)
    }
}
