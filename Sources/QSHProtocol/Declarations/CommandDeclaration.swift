/// A command as every surface knows it: its words, what it does, and its parameters.
public struct CommandDeclaration: Sendable {
    /// The words that name it: `["run"]`, `["runs", "list"]`.
    public var path: [String]
    public var summary: String
    /// Longer text for `--help`.
    public var discussion: String?
    public var parameters: [ParameterDeclaration]
    /// Parameters that depend on another parameter's value (the chosen strategy's own
    /// parameters), resolved after that value is known.
    public var dynamicParameters: DynamicParameters?
    /// The name JSON requests use for it; nil when it is not a machine command.
    public var machineName: String?
    /// False for commands that are declared (and validated) but not built yet.
    public var available: Bool
    /// Declared for JSON requests only (not on argv, at the prompt, in help or completion).
    public var machineOnly: Bool
    /// The parameter that names the artifact root (`out_dir`), if the command writes artifacts.
    public var artifactRootKey: String?
    public var examples: [String]

    public init(
        path: [String], summary: String, discussion: String? = nil, parameters: [ParameterDeclaration],
        dynamicParameters: DynamicParameters? = nil, machineName: String? = nil, available: Bool = true,
        machineOnly: Bool = false, artifactRootKey: String? = nil, examples: [String] = []
    ) {
        self.path = path
        self.summary = summary
        self.discussion = discussion
        self.parameters = parameters
        self.dynamicParameters = dynamicParameters
        self.machineName = machineName
        self.available = available
        self.machineOnly = machineOnly
        self.artifactRootKey = artifactRootKey
        self.examples = examples
    }

    /// `run`, `runs list`.
    public var name: String { path.joined(separator: " ") }

    /// The declared parameters plus the dynamic ones for `values` (what is known so far).
    public func allParameters(given source: String?) -> [ParameterDeclaration] {
        parameters + (dynamicParameters?.provide(source) ?? [])
    }

    public func parameter(_ key: String) -> ParameterDeclaration? { parameters.first { $0.key == key } }
}

/// Parameters that exist only for some value of another parameter: the `run` command accepts
/// the chosen strategy's parameters as flags and JSON keys.
public struct DynamicParameters: Sendable {
    /// The key whose value decides (`strategy`).
    public let sourceKey: String
    /// What the help text calls them ("strategy parameters").
    public let title: String
    public let provide: @Sendable (_ sourceValue: String?) -> [ParameterDeclaration]

    public init(
        sourceKey: String, title: String, provide: @escaping @Sendable (_ sourceValue: String?) -> [ParameterDeclaration]
    ) {
        self.sourceKey = sourceKey
        self.title = title
        self.provide = provide
    }
}

/// A word that groups subcommands (`runs`).
public struct CommandGroup: Sendable, Equatable {
    public let path: [String]
    public let summary: String
    public init(path: [String], summary: String) {
        self.path = path
        self.summary = summary
    }
}
