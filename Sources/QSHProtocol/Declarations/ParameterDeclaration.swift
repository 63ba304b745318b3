/// One parameter of a command, declared once. The argv/prompt/script parser, the JSON-request
/// decoder, Tab completion, `--help` and the tables of docs/cli.md all read this declaration;
/// nothing else lists a command's parameters.
public struct ParameterDeclaration: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        case string
        /// A decimal number (JSON: any number).
        case number
        /// A whole number (JSON: an integral number).
        case integer
        /// Present or not (argv: `--report`; JSON: `true`/`false`).
        case flag
        /// One of a fixed set of words.
        case choice([String])
        /// Repeatable `KEY=NUMBER` pairs (argv: `--param k=v`; JSON: an object of numbers).
        case keyNumbers
        /// A JSON object taken whole (JSON: an object; on the command line: its JSON text).
        case document
    }

    /// Where a parameter can be given. Presentation options (`--json`, `--quiet`) and the
    /// session's own options (`--signal-file`, `--request-id`) exist on the command line only:
    /// a JSON request has its own envelope for them.
    public enum Surfaces: Sendable, Equatable { case all, commandLine }

    /// Which exit code a bad value gets: strategy parameters are strategy errors (exit 4),
    /// everything else is invalid input (exit 2).
    public enum ValueErrors: Sendable, Equatable { case invalidInput, strategy }

    /// What Tab offers for the value.
    public enum Completion: Sendable, Equatable {
        case none, files, directories, strategies, strategyParameters, tickers, intervals, runIDs, metrics
        case words([String])
    }

    /// The canonical name: the JSON key, and the key in parsed values.
    public var key: String
    public var kind: Kind
    /// Command-line spellings, canonical first (`--rsi-buy-max`, `--rsi_buy_max`); empty for a
    /// positional argument.
    public var flags: [String]
    /// Other JSON keys accepted for it (`outdir` for `out_dir`).
    public var jsonAliases: [String]
    public var surfaces: Surfaces
    public var required: Bool
    /// `required` does not apply when this other parameter is given (`--ticker` with `--resume`).
    public var requiredUnless: String?
    /// Shown in help and docs ("1d", "first bar"); nil when there is none to show.
    public var defaultText: String?
    /// Inclusive bounds checked when the value is read (numbers and integers).
    public var range: ClosedRange<Double>?
    public var help: String
    /// The placeholder in usage lines (`<symbol>`).
    public var valueName: String
    public var completion: Completion
    public var valueErrors: ValueErrors

    public init(
        _ key: String, _ kind: Kind, flags: [String]? = nil, jsonAliases: [String] = [], surfaces: Surfaces = .all,
        required: Bool = false, requiredUnless: String? = nil, defaultText: String? = nil, range: ClosedRange<Double>? = nil,
        help: String,
        valueName: String? = nil, completion: Completion = .none, valueErrors: ValueErrors = .invalidInput
    ) {
        self.key = key
        self.kind = kind
        self.flags = flags ?? ["--" + key.replacingOccurrences(of: "_", with: "-")]
        self.jsonAliases = jsonAliases
        self.surfaces = surfaces
        self.required = required
        self.requiredUnless = requiredUnless
        self.defaultText = defaultText
        self.range = range
        self.help = help
        self.valueName = valueName ?? Self.defaultValueName(kind)
        self.completion = completion
        self.valueErrors = valueErrors
    }

    /// A positional argument (no flag).
    public static func positional(
        _ key: String, _ kind: Kind = .string, required: Bool = false, help: String, valueName: String,
        completion: Completion = .none, surfaces: Surfaces = .all
    ) -> ParameterDeclaration {
        ParameterDeclaration(
            key, kind, flags: [], surfaces: surfaces, required: required, help: help, valueName: valueName,
            completion: completion)
    }

    public var isPositional: Bool { flags.isEmpty }

    /// Required, and missing from `values` (with nothing given that lifts the requirement).
    public func isMissing(from values: ParameterValues) -> Bool {
        required && values[key] == nil && (requiredUnless.map { values[$0] == nil } ?? true)
    }
    public var takesValue: Bool { kind != .flag }
    public var isRepeatable: Bool { kind == .keyNumbers }
    /// How messages name it: its canonical flag, or `<value>` for a positional.
    public var displayName: String { flags.first ?? "<\(valueName)>" }
    public var jsonKeys: [String] { [key] + jsonAliases }

    static func defaultValueName(_ kind: Kind) -> String {
        switch kind {
        case .string: "value"
        case .number: "number"
        case .integer: "n"
        case .flag: ""
        case .choice(let words): words.joined(separator: "|")
        case .keyNumbers: "key=value"
        case .document: "json"
        }
    }
}
