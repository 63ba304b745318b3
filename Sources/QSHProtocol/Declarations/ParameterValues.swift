import QSHArtifacts

/// One parameter's value, as every surface delivers it after parsing.
public enum ParameterValue: Sendable, Equatable {
    case string(String)
    case number(Double)
    case integer(Int)
    case flag(Bool)
    /// `KEY=NUMBER` pairs in the order given.
    case keyNumbers([KeyNumber])
    /// A JSON object (`tune`'s inline `session`).
    case document(JSONValue)
}

public struct KeyNumber: Sendable, Equatable {
    public let key: String
    public let value: Double
    public init(_ key: String, _ value: Double) {
        self.key = key
        self.value = value
    }
}

/// The parsed parameters of one command invocation, keyed by declaration key. The argv parser
/// and the JSON decoder both produce this; commands build their typed request from it.
public struct ParameterValues: Sendable, Equatable {
    public private(set) var values: [String: ParameterValue] = [:]

    public init(_ values: [String: ParameterValue] = [:]) { self.values = values }

    public subscript(key: String) -> ParameterValue? {
        get { values[key] }
        set { values[key] = newValue }
    }

    public var keys: Dictionary<String, ParameterValue>.Keys { values.keys }

    public func string(_ key: String) -> String? {
        if case .string(let value)? = values[key] { return value }
        return nil
    }

    public func number(_ key: String) -> Double? {
        switch values[key] {
        case .number(let value)?: value
        case .integer(let value)?: Double(value)
        default: nil
        }
    }

    public func integer(_ key: String) -> Int? {
        if case .integer(let value)? = values[key] { return value }
        return nil
    }

    public func flag(_ key: String) -> Bool {
        if case .flag(let value)? = values[key] { return value }
        return false
    }

    public func document(_ key: String) -> JSONValue? {
        if case .document(let value)? = values[key] { return value }
        return nil
    }

    public func keyNumbers(_ key: String) -> [KeyNumber] {
        if case .keyNumbers(let pairs)? = values[key] { return pairs }
        return []
    }

    /// Appends pairs to a repeatable parameter.
    public mutating func append(_ pairs: [KeyNumber], to key: String) {
        values[key] = .keyNumbers(keyNumbers(key) + pairs)
    }
}
