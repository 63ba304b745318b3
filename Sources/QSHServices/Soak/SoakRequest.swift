import QSHCore

/// A soak as the surfaces ask for it (argv, the prompt, scripts, the JSON request `soak`).
/// Everything is optional: `SoakPlanning` fills in the defaults and checks every value.
public struct SoakRequest: Sendable, Equatable {
    /// How long: exactly one of these (none: `defaultIterations`).
    public var iterations: Int?
    public var minutes: Double?
    public var hours: Double?
    /// Which symbols: a list, or the `top` most liquid of the mock universe (none: `defaultTop`).
    public var symbols: [String]?
    public var top: Int?
    /// A profile name or file (nil: `MM_PROFILE`, else S1).
    public var profile: String?
    /// The simulated market (`--mock`): the only market there is, and the default.
    public var mock = true
    public var autoTune = false
    public var seed: UInt64?
    /// Simulated seconds per iteration.
    public var iterationSeconds: Double?
    public var realtime = false
    public var kpiGate = false
    /// A KPI targets file (nil: the reference targets).
    public var kpiFile: String?
    /// A rule table file (nil: the reference table).
    public var rulesFile: String?
    /// `--overrides FILE`.
    public var overridesFile: String?
    /// `--resume SOAK_DIR`: continue an aborted soak.
    public var resume: String?
    /// Wall seconds between monitor lines.
    public var monitorSeconds: Double?
    /// Symbols simulated at once (nil: the machine's cores).
    public var workers: Int?

    public init() {}

    public static let defaultIterations = 10
    public static let defaultTop = 5
    public static let defaultIterationSeconds = 60.0
    public static let defaultMonitorSeconds = 10.0
    public static let defaultSeed: UInt64 = 1
}
