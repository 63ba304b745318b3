import QSHArtifacts
import QSHCore

/// What a finished run hands back to the surface that started it.
public struct RunOutcome: Sendable {
    public let runID: String
    /// The run directory.
    public let artifactsPath: String
    public let reportPath: String
    public let configHash: String
    public let summary: JSONValue
    public let config: JSONValue
    public let reference: ReferenceMetrics
    public let extended: ExtendedMetrics
    public let files: [String]
    public let index: RunsIndexPaths?
    public let dataSource: String
    public let barsLoaded: Int
    public let firstFrameTimestamp: Int64
    public let lastFrameTimestamp: Int64
}
