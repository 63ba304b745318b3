import Foundation
import QSHArtifacts
import QSHCore

/// `soak_status.json`: what an operator reads while a soak runs and after it ends, in the
/// shape of a paper session's status (docs/soak.md). The working loop rewrites it (atomically)
/// at least every second while it simulates and at every iteration boundary, so a stuck loop
/// freezes `updated_at`. It is also where `--resume` learns how far the soak got.
struct SoakStatus: Sendable {
    enum State: String, Sendable { case running, success, failed, aborted }

    let soakID: String
    let command: String
    let requestID: String?
    let startedAt: Date
    var state: State = .running
    var updatedAt: Date
    var iterationsTotal: Int
    /// Iterations whose EDGE report, tuning step and history line are all written.
    var iterationsCompleted: Int
    var currentIteration: Int?
    /// The parameters the next iteration runs with.
    var nextParameters: SoakRuntimeParameters
    var resumedAt: Date?
    var finishedAt: Date?
    var errorType: String?
    var message: String?
    var kpiPassed: Bool?

    var terminal: Bool { state != .running }

    var reason: String {
        switch state {
        case .running: "active"
        case .success: "completed"
        case .failed: "exception"
        case .aborted: "operator_abort"
        }
    }

    var json: JSONValue {
        var fields: [String: JSONValue] = [
            "soak_id": .string(soakID),
            "mode": .string("soak"),
            "command": .string(command),
            "status": .string(state.rawValue),
            "request_id": requestID.map { .string($0) } ?? .null,
            "started_at": .string(ISOTime.string(from: startedAt)),
            "updated_at": .string(ISOTime.string(from: updatedAt)),
            "terminal": .bool(terminal),
            "status_reason": .string(reason),
            "iterations_total": .int(Int64(iterationsTotal)),
            "iterations_completed": .int(Int64(iterationsCompleted)),
            "current_iteration": currentIteration.map { .int(Int64($0)) } ?? .null,
            "next_parameters": SoakParametersJSON.object(nextParameters),
        ]
        if let finishedAt {
            fields["finished_at"] = .string(ISOTime.string(from: finishedAt))
            fields["duration_seconds"] = .double((finishedAt.timeIntervalSince(startedAt) * 1000).rounded() / 1000)
        }
        if let resumedAt { fields["resumed_at"] = .string(ISOTime.string(from: resumedAt)) }
        if let errorType { fields["error_type"] = .string(errorType) }
        if let message { fields["message"] = .string(message) }
        if let kpiPassed { fields["kpi_passed"] = .bool(kpiPassed) }
        return .object(fields)
    }

    /// The terminal transition: the state, when, and for a failure or an abort what happened.
    mutating func end(_ state: State, at time: Date, error: (any Error)?, cancellation: CancellationToken) {
        self.state = state
        currentIteration = nil
        finishedAt = time
        updatedAt = time
        guard let error else { return }
        let classified = error as? any ClassifiedError
        errorType = classified?.errorType ?? (error is CancelledError ? "CancelledError" : "UnexpectedError")
        message = state == .aborted
            ? "operator abort (\(cancellation.reason.map { "\($0)" } ?? "interrupted"))"
            : Excerpt.of(classified?.message ?? "\(error)", limit: 500)
    }

    func write(in folder: String, durable: Bool) throws {
        try AtomicFile.write(
            Array((json.formatted() + "\n").utf8), to: (folder as NSString).appendingPathComponent(SoakLayout.status),
            durable: durable)
    }

    /// Reads the fields `--resume` needs back.
    static func read(_ value: JSONValue, file: String) throws -> (state: String, completed: Int, next: SoakRuntimeParameters, startedAt: String?, soakID: String?) {
        guard let state = value["status"]?.stringValue else { throw DataError("\(file): 'status' is missing") }
        guard let completed = value["iterations_completed"]?.intValue, completed >= 0 else {
            throw DataError("\(file): 'iterations_completed' is missing or negative")
        }
        let next = try SoakParametersJSON.read(value["next_parameters"] ?? .null, file: file, key: "next_parameters")
        return (state, Int(completed), next, value["started_at"]?.stringValue, value["soak_id"]?.stringValue)
    }
}

/// File names inside a soak folder (design.md's layout).
enum SoakLayout {
    static let status = "soak_status.json"
    static let config = "config.json"
    static let appliedProfile = "applied_profile.json"
    static let runtimeOverrides = "runtime_overrides.json"
    static let history = "iterations.jsonl"
    static let report = "soak_report.json"
    static let edgeReport = "EDGE_REPORT.json"

    static func soaksDirectory(root: String) -> String { (root as NSString).appendingPathComponent("soak") }

    static func iterationFolder(_ soak: String, _ iteration: Int) -> String {
        (soak as NSString).appendingPathComponent("iterations/\(iteration)")
    }
}
