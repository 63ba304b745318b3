import Foundation
import QSHArtifacts
import QSHCore

/// A new session folder with the files a session has from its start: `config.json`,
/// `session_metadata.json`, the header of `trades.csv` (synced) and `artifacts/`. The caller
/// writes the first `session_status.json`.
struct PaperSessionFolder {
    let id: String
    let path: String
    let configHash: String
    let createdAt: Date
    let trades: AppendOnlyFile

    static func create(
        config: JSONValue, validated: ValidatedRunRequest, dataSource: JSONValue, context: ServiceContext
    ) throws -> PaperSessionFolder {
        let createdAt = context.clock()
        let made = ArtifactID.make(kind: "paper", config: config, now: createdAt)
        let parent = PaperLayout.sessionsDirectory(root: context.artifactRoot)
        try Folders.create(parent)
        let (id, path) = try createUnique(parent: parent, baseName: made.id)
        let trades = try AppendOnlyFile(path: path + "/trades.csv")
        try FileManager.default.createDirectory(atPath: path + "/artifacts", withIntermediateDirectories: true)
        try AtomicFile.write(config.formatted() + "\n", to: path + "/config.json")
        let metadata: JSONValue = .object([
            "session_id": .string(id),
            "mode": .string("paper"),
            "command": .string(context.command),
            "created_at": .string(ISOTime.string(from: createdAt)),
            "request_id": context.requestID.map { .string($0) } ?? .null,
            "config_hash": .string(made.configHash),
            "config_path": .string(path + "/config.json"),
            "tool_version": .string(QSHVersion.number),
            "data_source": dataSource,
            "ticker": .string(validated.request.ticker),
            "strategy": .string(type(of: validated.strategy).name),
            "pace_seconds": validated.request.paceSeconds.map { .double($0) } ?? .null,
        ])
        try AtomicFile.write(metadata.formatted() + "\n", to: path + "/session_metadata.json")
        try trades.append(Array(PaperTrades.headerLine.utf8), sync: true)
        return PaperSessionFolder(id: id, path: path, configHash: made.configHash, createdAt: createdAt, trades: trades)
    }

    /// `<id>`, else `<id>_2`, `<id>_3`, ...: a session folder is made once and never reused.
    static func createUnique(parent: String, baseName: String) throws -> (String, String) {
        for attempt in 1...10_000 {
            let name = attempt == 1 ? baseName : "\(baseName)_\(attempt)"
            let path = (parent as NSString).appendingPathComponent(name)
            if mkdir(path, 0o755) == 0 { return (name, path) }
            guard errno == EEXIST else {
                throw InvalidInputError("cannot create session folder '\(path)': \(String(cString: strerror(errno)))")
            }
        }
        throw InvalidInputError("cannot create a session folder under '\(parent)': too many sessions with id \(baseName)")
    }
}
