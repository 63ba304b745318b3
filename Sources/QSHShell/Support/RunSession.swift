import QSHArtifacts
import QSHCore
import QSHProtocol
import QSHServices

/// One run as a session with a lifecycle: validated first (a rejected request emits nothing),
/// then SESSION_STARTED, the work, and SESSION_COMPLETED or SESSION_FAILED. Used alike by
/// `qsh run --signal-file` and JSON requests.
struct RunSession {
    let signals: SignalWriter?
    let requestID: String?
    let mode = "run"

    func execute(_ request: RunRequest, service: RunService) throws -> RunOutcome {
        let validated = try service.validate(request)
        signals?.append(.started(mode: mode, requestID: requestID))
        do {
            let outcome = try service.run(validated)
            signals?.append(.completed(mode: mode, requestID: requestID, fields: Self.completionFields(outcome)))
            return outcome
        } catch {
            signals?.append(.failed(mode: mode, requestID: requestID, failure: ClassifiedFailure(error)))
            throw error
        }
    }

    static func completionFields(_ outcome: RunOutcome) -> [String: JSONValue] {
        let summary = outcome.summary
        var fields: [String: JSONValue] = [
            "run_id": .string(outcome.runID),
            "artifacts_path": .string(outcome.artifactsPath),
            "report_path": .string(outcome.reportPath),
            "summary": .object([
                "total_return": summary["total_return"] ?? .null,
                "sharpe_simple": summary["sharpe_simple"] ?? .null,
                "max_drawdown": summary["max_drawdown"] ?? .null,
                "trades": summary["trades"] ?? .null,
                "win_rate": summary["win_rate"] ?? .null,
            ]),
        ]
        if let index = outcome.index {
            fields["runs_index_csv"] = .string(index.csv)
            fields["runs_index_json"] = .string(index.json)
            fields["runs_index_md"] = .string(index.markdown)
        }
        return fields
    }

    /// A writer for `--signal-file`, warning on stderr when a line cannot be written.
    static func writer(path: String?) -> SignalWriter? {
        path.map { SignalWriter(path: $0) { Console.err("warning: \($0)") } }
    }
}
