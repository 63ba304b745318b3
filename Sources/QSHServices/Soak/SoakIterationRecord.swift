import Foundation
import QSHArtifacts
import QSHCore

/// One completed iteration as the soak remembers it: a line of `iterations.jsonl`, the
/// `ITERATION_COMPLETED` signal's fields, and the soak report's trends. Unlike the EDGE report
/// it holds wall-clock values (when, how long, memory), so it lives beside it.
struct SoakIterationRecord: Sendable, Equatable {
    struct Adjustment: Sendable, Equatable {
        let ts: String
        let field: SoakRuntimeField
        let from: Double
        let to: Double
        let reason: String
    }

    let iteration: Int
    let parameters: SoakRuntimeParameters
    let metrics: SoakIterationMetrics
    let fills: Int
    let pnl: Double
    let steps: Int
    /// Reason tags of the rules that fired (empty without --auto-tune: the rules still read
    /// the metrics, so the report can say what would have fired).
    let triggers: [String]
    let adjustments: [Adjustment]
    let multiFailGuard: Bool
    /// Fired rules whose every field sat at its bound (`SoakTuneDecision.saturated`).
    let saturated: [String]
    /// Held changes by why (`at_limit`, ...) and field, for the tuner evidence.
    let held: [String: [String]]
    let kpiFailed: [String]
    let completedAt: String
    let wallSeconds: Double
    let rssBytes: Int
    let openFiles: Int

    var kpiPassed: Bool { kpiFailed.isEmpty }

    var json: JSONValue {
        .object([
            "iteration": .int(Int64(iteration)),
            "parameters": SoakParametersJSON.object(parameters),
            "metrics": SoakMetricsJSON.object(metrics),
            "fills": .int(Int64(fills)),
            "pnl": .double(pnl),
            "steps": .int(Int64(steps)),
            "triggers": .array(triggers.map { .string($0) }),
            "adjustments": .array(adjustments.map { adjustment in
                .object([
                    "ts": .string(adjustment.ts), "field": .string(adjustment.field.rawValue),
                    "from": SoakParametersJSON.value(adjustment.field, adjustment.from),
                    "to": SoakParametersJSON.value(adjustment.field, adjustment.to), "reason": .string(adjustment.reason),
                ])
            }),
            "multi_fail_guard": .bool(multiFailGuard),
            "saturated": .array(saturated.map { .string($0) }),
            "held": .object(held.mapValues { .array($0.map { .string($0) }) }),
            "kpi_passed": .bool(kpiPassed),
            "kpi_failed": .array(kpiFailed.map { .string($0) }),
            "completed_at": .string(completedAt),
            "wall_seconds": .double(wallSeconds),
            "rss_bytes": .int(Int64(rssBytes)),
            "open_files": .int(Int64(openFiles)),
        ])
    }

    static func read(_ value: JSONValue, place: String) throws -> SoakIterationRecord {
        func number(_ key: String) throws -> Double {
            guard let found = value[key]?.doubleValue else { throw DataError("\(place): '\(key)' is missing or not a number") }
            return found
        }
        func strings(_ item: JSONValue?) -> [String] { item?.arrayValue?.compactMap(\.stringValue) ?? [] }
        var adjustments: [Adjustment] = []
        for item in value["adjustments"]?.arrayValue ?? [] {
            guard let name = item["field"]?.stringValue, let field = SoakRuntimeField(rawValue: name),
                let from = item["from"]?.doubleValue, let to = item["to"]?.doubleValue
            else { throw DataError("\(place): an adjustment without field, from and to") }
            adjustments.append(.init(
                ts: item["ts"]?.stringValue ?? "", field: field, from: from, to: to, reason: item["reason"]?.stringValue ?? ""))
        }
        var held: [String: [String]] = [:]
        if case .object(let fields)? = value["held"] { for (why, list) in fields { held[why] = strings(list) } }
        guard case .bool(let guardEngaged)? = value["multi_fail_guard"] else { throw DataError("\(place): 'multi_fail_guard' is missing") }
        return SoakIterationRecord(
            iteration: Int(try number("iteration")),
            parameters: try SoakParametersJSON.read(value["parameters"] ?? .null, file: place, key: "parameters"),
            metrics: try SoakMetricsJSON.read(value["metrics"] ?? .null, place: place),
            fills: Int(try number("fills")), pnl: try number("pnl"), steps: Int(try number("steps")),
            triggers: strings(value["triggers"]), adjustments: adjustments, multiFailGuard: guardEngaged,
            saturated: strings(value["saturated"]), held: held,
            kpiFailed: strings(value["kpi_failed"]), completedAt: value["completed_at"]?.stringValue ?? "",
            wallSeconds: try number("wall_seconds"), rssBytes: Int(try number("rss_bytes")), openFiles: Int(try number("open_files")))
    }
}

/// The seven rule metrics as a JSON object keyed by their names (`net_bps`, ...).
enum SoakMetricsJSON {
    static func object(_ metrics: SoakIterationMetrics) -> JSONValue {
        .object(Dictionary(uniqueKeysWithValues: SoakMetric.allCases.map { ($0.rawValue, JSONValue.double(metrics[$0])) }))
    }

    static func read(_ value: JSONValue, place: String) throws -> SoakIterationMetrics {
        func number(_ metric: SoakMetric) throws -> Double {
            // NaN is written as null (the contract's JSON); it reads back as NaN.
            guard let item = value[metric.rawValue] else { throw DataError("\(place): metric '\(metric.rawValue)' is missing") }
            return item == .null ? .nan : (item.doubleValue ?? .nan)
        }
        return SoakIterationMetrics(
            netBps: try number(.netBps), cancelRatio: try number(.cancelRatio), makerShare: try number(.makerShare),
            adverseBpsP95: try number(.adverseBpsP95), slippageBpsP95: try number(.slippageBpsP95),
            orderAgeP95Ms: try number(.orderAgeP95Ms), wsLagP95Ms: try number(.wsLagP95Ms))
    }
}
