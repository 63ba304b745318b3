import Foundation
import QSHArtifacts
import QSHCore

/// `soak_report.json`: the report.json envelope (contract `quantlab.soak.result`) around the
/// soak's trends per iteration, its final parameters and KPI verdict, and the steady-state and
/// tuner evidence. Written at the end of every soak, also an aborted or failed one (then with
/// the iterations it completed, marked so).
struct SoakReport {
    let soakID: String
    let folder: String
    let status: SoakStatus
    let config: SoakConfig
    let records: [SoakIterationRecord]
    let stats: [SoakSymbolStats]
    let rules: SoakRuleTable
    let kpi: SoakKPITargets
    let finalParameters: SoakRuntimeParameters

    var verdict: SoakKPIVerdict? { records.last.map { SoakKPIVerdict.evaluate($0.metrics, targets: kpi) } }

    var summary: JSONValue {
        let last = records.last
        var fields: [String: JSONValue] = [
            "iterations": .int(Int64(config.iterations)),
            "iterations_completed": .int(Int64(records.count)),
            "symbols": .int(Int64(config.symbols.count)),
            "aborted": .bool(status.state == .aborted),
            "fills": .int(Int64(records.reduce(0) { $0 + $1.fills })),
            "pnl": .double(records.reduce(0) { $0 + $1.pnl }),
            "kpi_passed": verdict.map { .bool($0.passed) } ?? .null,
            "kpi_passed_iterations": .int(Int64(records.filter(\.kpiPassed).count)),
            "adjustments": .int(Int64(records.reduce(0) { $0 + $1.adjustments.count })),
            "first_iteration_without_trigger": records.first { $0.triggers.isEmpty }.map { .int(Int64($0.iteration)) } ?? .null,
            "final_parameters": SoakParametersJSON.object(finalParameters),
        ]
        for metric in SoakMetric.allCases { fields[metric.rawValue] = last.map { .double($0.metrics[metric]) } ?? .null }
        return .object(fields)
    }

    static let files = [
        SoakLayout.config, SoakLayout.appliedProfile, SoakLayout.runtimeOverrides, SoakLayout.status, SoakLayout.history,
        SoakLayout.report, "iterations/",
    ]

    func document(command: String, requestID: String?) -> JSONValue {
        let contract = ContractReport(
            contractType: "quantlab.soak.result", artifactType: "soak_report", command: command, status: status.state.rawValue,
            requestID: requestID, runID: soakID, mode: "soak", summary: summary, files: Self.files,
            contractExtras: ["soak_id": .string(soakID)],
            extras: ["partial": .bool(status.state != .success), "aborted": .bool(status.state == .aborted)])
        let header: [String: JSONValue] = [
            "soak_id": .string(soakID),
            "started_at": .string(ISOTime.string(from: status.startedAt)),
            "finished_at": status.finishedAt.map { .string(ISOTime.string(from: $0)) } ?? .null,
            "resumed_at": status.resumedAt.map { .string(ISOTime.string(from: $0)) } ?? .null,
            "tool_version": .string(QSHVersion.number),
            "folder": .string(folder),
        ]
        let results: JSONValue = .object([
            "trends": .array(records.map(trend)),
            "kpi": kpiJSON,
            "final_parameters": SoakParametersJSON.object(finalParameters),
            "steady_state": SoakSteadyState.json(records: records, stats: stats, iterationMs: config.iterationMs, realtime: config.realtime),
            "tuner": SoakTunerEvidence.json(records: records, rules: rules, autoTune: config.autoTune),
        ])
        return contract.document(header: header, configResolved: config.json, results: results)
    }

    /// One iteration's line of the trends: its parameters, metrics, KPI and tuning.
    func trend(_ record: SoakIterationRecord) -> JSONValue {
        .object([
            "iteration": .int(Int64(record.iteration)),
            "parameters": SoakParametersJSON.object(record.parameters),
            "metrics": SoakMetricsJSON.object(record.metrics),
            "fills": .int(Int64(record.fills)),
            "pnl": .double(record.pnl),
            "kpi_passed": .bool(record.kpiPassed),
            "kpi_failed": .array(record.kpiFailed.map { .string($0) }),
            "triggers": .array(record.triggers.map { .string($0) }),
            "adjustments": .int(Int64(record.adjustments.count)),
            "multi_fail_guard": .bool(record.multiFailGuard),
            "wall_seconds": .double(record.wallSeconds),
            "rss_bytes": .int(Int64(record.rssBytes)),
        ])
    }

    var kpiJSON: JSONValue {
        .object([
            "targets": SoakKPIJSON.targets(kpi),
            "final": verdict.map(SoakKPIJSON.verdict) ?? .null,
            "passed_iterations": .int(Int64(records.filter(\.kpiPassed).count)),
            "gate": .bool(config.kpiGate),
        ])
    }

    func write() throws {
        try AtomicFile.write(
            document(command: status.command, requestID: status.requestID).formatted() + "\n",
            to: (folder as NSString).appendingPathComponent(SoakLayout.report))
    }
}

/// KPI targets and verdicts as JSON.
enum SoakKPIJSON {
    static func targets(_ targets: SoakKPITargets) -> JSONValue {
        .object([
            "net_bps_min": .double(targets.netBpsMin),
            "cancel_ratio_max": .double(targets.cancelRatioMax),
            "order_age_p95_ms_max": .double(targets.orderAgeP95MsMax),
            "maker_share_min": .double(targets.makerShareMin),
            "adverse_bps_p95_max": .double(targets.adverseBpsP95Max),
            "ws_lag_p95_ms_max": .double(targets.wsLagP95MsMax),
        ])
    }

    static func verdict(_ verdict: SoakKPIVerdict) -> JSONValue {
        .object([
            "passed": .bool(verdict.passed),
            "checks": .array(verdict.checks.map { check in
                .object([
                    "metric": .string(check.metric.rawValue),
                    "value": .double(check.value),
                    "target": .double(check.target),
                    "comparison": .string(check.kind == .atLeast ? ">=" : "<="),
                    "passed": .bool(check.passed),
                ])
            }),
        ])
    }
}
