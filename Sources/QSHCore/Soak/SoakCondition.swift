/// One comparison of a metric with a threshold, such as `cancel_ratio > 0.55`.
public struct SoakCondition: Sendable, Equatable {
    public enum Comparison: String, CaseIterable, Sendable {
        case greater = ">"
        case greaterOrEqual = ">="
        case less = "<"
        case lessOrEqual = "<="
    }

    public let metric: SoakMetric
    public let comparison: Comparison
    public let threshold: Double

    public init(_ metric: SoakMetric, _ comparison: Comparison, _ threshold: Double) {
        self.metric = metric
        self.comparison = comparison
        self.threshold = threshold
    }

    /// Whether the metric meets the condition; a NaN metric never does (nothing to act on).
    public func holds(for metrics: SoakIterationMetrics) -> Bool {
        let value = metrics[metric]
        switch comparison {
        case .greater: return value > threshold
        case .greaterOrEqual: return value >= threshold
        case .less: return value < threshold
        case .lessOrEqual: return value <= threshold
        }
    }
}
