/// The stdout marker lines of one tuning step, as text (the service prints them in order).
///
/// - one `| runtime_adjust | OK | FIELD=… FROM=… TO=… REASON=… |` per applied change;
/// - then, under the multi-fail guard, `| soak_iter_tune | SKIP | REASON=multi_fail_guard |`;
/// - else with no rule fired, `| soak_iter_tune | OK | ADJUSTMENTS=0 metrics_stable |`;
/// - else `| soak_iter_tune | OK | ADJUSTMENTS=n net_bps=… cancel=… age_p95=… lag_p95=… |`
///   and one `  - <reason>` line per fired rule (n may be 0 when every change was held).
public enum SoakTuneMarkers {
    public static func lines(_ decision: SoakTuneDecision, metrics: SoakIterationMetrics) -> [String] {
        var lines = decision.adjustments.map(runtimeAdjust)
        if decision.multiFailGuard {
            lines.append("| soak_iter_tune | SKIP | REASON=multi_fail_guard |")
        } else if decision.triggers.isEmpty {
            lines.append("| soak_iter_tune | OK | ADJUSTMENTS=0 metrics_stable |")
        } else {
            lines.append(iterationTune(count: decision.adjustments.count, metrics: metrics))
            lines += decision.triggers.map { "  - " + $0 }
        }
        return lines
    }

    public static func runtimeAdjust(_ adjustment: SoakTuneDecision.Adjustment) -> String {
        let field = adjustment.field
        return "| runtime_adjust | OK | FIELD=\(field.rawValue) FROM=\(field.text(adjustment.from)) "
            + "TO=\(field.text(adjustment.to)) REASON=\(adjustment.reason) |"
    }

    /// net_bps and cancel with two decimals, the p95 times in whole milliseconds.
    public static func iterationTune(count: Int, metrics: SoakIterationMetrics) -> String {
        "| soak_iter_tune | OK | ADJUSTMENTS=\(count)"
            + " net_bps=\(SoakNumberText.fixed(metrics.netBps, digits: 2))"
            + " cancel=\(SoakNumberText.fixed(metrics.cancelRatio, digits: 2))"
            + " age_p95=\(SoakNumberText.fixed(metrics.orderAgeP95Ms, digits: 0))"
            + " lag_p95=\(SoakNumberText.fixed(metrics.wsLagP95Ms, digits: 0)) |"
    }
}
