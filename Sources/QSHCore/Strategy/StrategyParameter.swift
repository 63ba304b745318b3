/// One tunable parameter a strategy declares: the shell, the tuner, completion and validation
/// all read these declarations instead of knowing strategies by heart.
public struct StrategyParameter: Sendable, Equatable {
    public enum Kind: String, Sendable { case integer = "int", number = "float" }

    public let name: String
    public let kind: Kind
    public let defaultValue: Double
    /// Inclusive bounds.
    public let range: ClosedRange<Double>
    public let help: String

    public init(name: String, kind: Kind, defaultValue: Double, range: ClosedRange<Double>, help: String) {
        self.name = name
        self.kind = kind
        self.defaultValue = defaultValue
        self.range = range
        self.help = help
    }

    /// Checks and normalises one value; integers must be whole numbers.
    public func validate(_ value: Double) throws(StrategyError) -> Double {
        guard value.isFinite else {
            throw StrategyError("parameter '\(name)': value must be a finite number")
        }
        if kind == .integer && value.rounded() != value {
            throw StrategyError("parameter '\(name)': expected an integer, got \(StrategyParameter.text(value))")
        }
        guard range.contains(value) else {
            throw StrategyError(
                "parameter '\(name)': \(format(value)) is outside the allowed range \(format(range.lowerBound))...\(format(range.upperBound))"
            )
        }
        return value
    }

    /// Parses a textual value (from `--param KEY=VALUE` or a script).
    public func parse(_ text: String) throws(StrategyError) -> Double {
        let trimmed = text.trimmingWhitespace()
        guard let value = Double(trimmed), !trimmed.isEmpty else {
            throw StrategyError("parameter '\(name)': '\(Excerpt.of(text, limit: 40))' is not a number")
        }
        return try validate(value)
    }

    public func format(_ value: Double) -> String { StrategyParameter.text(value) }

    static func text(_ value: Double) -> String {
        value.rounded() == value && abs(value) < 1e15 ? String(Int(value)) : "\(value)"
    }
}

extension String {
    func trimmingWhitespace() -> String {
        var scalars = Substring(self)
        while let first = scalars.first, first.isWhitespace { scalars.removeFirst() }
        while let last = scalars.last, last.isWhitespace { scalars.removeLast() }
        return String(scalars)
    }
}
