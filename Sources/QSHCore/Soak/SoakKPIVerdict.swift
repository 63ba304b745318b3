/// The KPI gate applied to one iteration's metrics: six checks, bounds inclusive, NaN fails.
public struct SoakKPIVerdict: Sendable, Equatable {
    public struct Check: Sendable, Equatable {
        public enum Kind: String, Sendable { case atLeast, atMost }
        public let metric: SoakMetric
        public let value: Double
        public let target: Double
        public let kind: Kind
        public let passed: Bool
    }

    public let checks: [Check]
    public var passed: Bool { checks.allSatisfy(\.passed) }
    public var failed: [Check] { checks.filter { !$0.passed } }
    public var passCount: Int { checks.count - failed.count }

    public init(checks: [Check]) { self.checks = checks }

    public static func evaluate(_ metrics: SoakIterationMetrics, targets: SoakKPITargets) -> SoakKPIVerdict {
        func check(_ metric: SoakMetric, _ kind: Check.Kind, _ target: Double) -> Check {
            let value = metrics[metric]
            // A NaN comparison is false either way, so a missing metric fails.
            let passed = kind == .atLeast ? value >= target : value <= target
            return Check(metric: metric, value: value, target: target, kind: kind, passed: passed)
        }
        return SoakKPIVerdict(checks: [
            check(.netBps, .atLeast, targets.netBpsMin),
            check(.cancelRatio, .atMost, targets.cancelRatioMax),
            check(.orderAgeP95Ms, .atMost, targets.orderAgeP95MsMax),
            check(.makerShare, .atLeast, targets.makerShareMin),
            check(.adverseBpsP95, .atMost, targets.adverseBpsP95Max),
            check(.wsLagP95Ms, .atMost, targets.wsLagP95MsMax),
        ])
    }

    /// The soak's verdict is the last completed iteration's: the steady state the tuner
    /// reached, not early iterations it was still correcting. No iterations: nil.
    public static func soak(_ iterations: [SoakKPIVerdict]) -> SoakKPIVerdict? { iterations.last }
}
