import QSHArtifacts
import QSHCore

/// How a completed iteration is announced: the `| soak_iter | OK | ... |` line on stdout and
/// the fields of its `ITERATION_COMPLETED` signal.
enum SoakIterationLine {
    static func text(_ iteration: Int, of total: Int, totals: SoakIterationTotals, wallSeconds: Double) -> String {
        let m = totals.metrics
        return "| soak_iter | OK | ITERATION=\(iteration)/\(total)"
            + " net_bps=\(SoakNumberText.fixed(m.netBps, digits: 2))"
            + " cancel=\(SoakNumberText.fixed(m.cancelRatio, digits: 2))"
            + " maker=\(SoakNumberText.fixed(m.makerShare, digits: 2))"
            + " adverse_p95=\(SoakNumberText.fixed(m.adverseBpsP95, digits: 2))"
            + " age_p95=\(SoakNumberText.fixed(m.orderAgeP95Ms, digits: 0))"
            + " lag_p95=\(SoakNumberText.fixed(m.wsLagP95Ms, digits: 0))"
            + " fills=\(totals.fills) wall=\(SoakNumberText.fixed(wallSeconds, digits: 2))s |"
    }

    static func signalFields(_ record: SoakIterationRecord, soakID: String, of total: Int) -> [String: JSONValue] {
        [
            "soak_id": .string(soakID),
            "iteration": .int(Int64(record.iteration)),
            "iterations_total": .int(Int64(total)),
            "metrics": SoakMetricsJSON.object(record.metrics),
            "parameters": SoakParametersJSON.object(record.parameters),
            "fills": .int(Int64(record.fills)),
            "pnl": .double(record.pnl),
            "triggers": .array(record.triggers.map { .string($0) }),
            "adjustments": .int(Int64(record.adjustments.count)),
            "kpi_passed": .bool(record.kpiPassed),
            "wall_seconds": .double(record.wallSeconds),
        ]
    }
}
