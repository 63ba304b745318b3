import Foundation
import QSHArtifacts
import QSHCore

/// `soak_status.json`: what an operator reads while a soak runs and after it ends, in the
/// shape of a paper session's status (docs/soak.md). The working loop rewrites it (atomically)
/// at least every second while it simulates and at every iteration boundary, so a stuck loop
/// freezes `updated_at`. It is also where `--resume` learns how far the soak got.
@dynamicMemberLookup
struct SoakStatus: Sendable {
    typealias State = SessionLifecycle.State

    let soakID: String
    var lifecycle: SessionLifecycle
    var iterationsTotal: Int
    /// Iterations whose EDGE report, tuning step and history line are all written.
    var iterationsCompleted: Int
    var currentIteration: Int?
    /// The parameters the next iteration runs with.
    var nextParameters: SoakRuntimeParameters
    var kpiPassed: Bool?

    init(
        soakID: String, command: String, requestID: String?, startedAt: Date, updatedAt: Date, iterationsTotal: Int,
        iterationsCompleted: Int, currentIteration: Int?, nextParameters: SoakRuntimeParameters
    ) {
        self.soakID = soakID
        lifecycle = SessionLifecycle(mode: "soak", command: command, requestID: requestID, startedAt: startedAt, updatedAt: updatedAt)
        self.iterationsTotal = iterationsTotal
        self.iterationsCompleted = iterationsCompleted
        self.currentIteration = currentIteration
        self.nextParameters = nextParameters
    }

    subscript<T>(dynamicMember path: WritableKeyPath<SessionLifecycle, T>) -> T {
        get { lifecycle[keyPath: path] }
        set { lifecycle[keyPath: path] = newValue }
    }

    subscript<T>(dynamicMember path: KeyPath<SessionLifecycle, T>) -> T { lifecycle[keyPath: path] }

    var json: JSONValue {
        var fields = lifecycle.fields.merging([
            "soak_id": .string(soakID),
            "iterations_total": .int(Int64(iterationsTotal)),
            "iterations_completed": .int(Int64(iterationsCompleted)),
            "current_iteration": currentIteration.map { .int(Int64($0)) } ?? .null,
            "next_parameters": SoakParametersJSON.object(nextParameters),
        ]) { $1 }
        if let kpiPassed { fields["kpi_passed"] = .bool(kpiPassed) }
        return .object(fields)
    }

    /// The terminal transition (no iteration is current any more).
    mutating func end(_ state: State, at time: Date, error: (any Error)?, cancellation: CancellationToken) {
        lifecycle.end(state, at: time, error: error, cancellation: cancellation)
        lifecycle.updatedAt = time
        currentIteration = nil
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
