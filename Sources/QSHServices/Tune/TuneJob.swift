import Foundation
import QSHArtifacts
import QSHCore

/// One job of a tuning plan: a line of `jobs.jsonl`. The record is a contract (docs/tuning.md):
/// the planner writes it, `tune run` (on this machine or on any engine that runs copies of a
/// command) reads it, and `tune aggregate` checks every job's result against it. Fields are
/// added, never renamed.
public struct TuneJob: Sendable, Equatable {
    /// `<session>_<NNNN>` (the ordinal, zero-padded to four digits or more).
    public let jobID: String
    /// 0-based position in the plan: the stable order and the leaderboard's last tie-break.
    public let ordinal: Int
    /// sha1 of the session's resolved content: results of another plan are never reused.
    public let planID: String
    public let session: String
    /// The run's resolved config, in the shape of a run's `config.json` (ticker, start, end,
    /// interval, strategy, params, fee, slippage_bps, slippage_mode, k_atr, initial_cash,
    /// paper, and `data` {source} when the session names a file or folder).
    public let config: JSONValue
    /// Where the job's result record goes (`<outdir>/tuning/<session>/results/<job_id>.json`).
    public let outputJSON: String

    public init(jobID: String, ordinal: Int, planID: String, session: String, config: JSONValue, outputJSON: String) {
        self.jobID = jobID
        self.ordinal = ordinal
        self.planID = planID
        self.session = session
        self.config = config
        self.outputJSON = outputJSON
    }

    /// `<session>_0007`.
    public static func id(session: String, ordinal: Int) -> String {
        let digits = String(ordinal)
        return session + "_" + String(repeating: "0", count: max(0, 4 - digits.count)) + digits
    }

    public var json: JSONValue {
        .object([
            "job_id": .string(jobID),
            "ordinal": .int(Int64(ordinal)),
            "plan_id": .string(planID),
            "session": .string(session),
            "config": config,
            "output_json": .string(outputJSON),
        ])
    }

    /// The `jobs.jsonl` line (sorted keys, no spaces, no newline).
    public var line: String { json.line() }

    /// A `jobs.jsonl` line read back; the error names the missing or mistyped field.
    public init(line: String) throws {
        let value: JSONValue
        do {
            value = try JSONValue.parse(bytes: Array(line.utf8))
        } catch {
            throw InvalidInputError("not a JSON object (\(error))")
        }
        guard let object = value.objectValue else { throw InvalidInputError("not a JSON object") }
        func text(_ key: String) throws -> String {
            guard let text = object[key]?.stringValue, !text.isEmpty else {
                throw InvalidInputError("'\(key)' is missing or not a non-empty string")
            }
            return text
        }
        guard let ordinal = object["ordinal"]?.intValue, ordinal >= 0 else {
            throw InvalidInputError("'ordinal' is missing or not a non-negative integer")
        }
        guard let config = object["config"], config.objectValue != nil else {
            throw InvalidInputError("'config' is missing or not an object")
        }
        self.init(
            jobID: try text("job_id"), ordinal: Int(ordinal), planID: try text("plan_id"), session: try text("session"),
            config: config, outputJSON: try text("output_json"))
    }
}
