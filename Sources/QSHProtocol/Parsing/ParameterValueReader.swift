import Foundation
import QSHArtifacts
import QSHCore

/// Turns what a surface delivered into a typed `ParameterValue`, with one set of rules:
/// - a value that is not what the parameter takes (not a number, not one of the choices, a
///   fraction for a whole number, outside the range) is an error about the value, worded the
///   same on every surface and naming the parameter by its canonical flag; its exit code is the
///   parameter's class (2, or 4 for strategy parameters);
/// - a JSON value of the wrong JSON type (a string where a number is expected) is an envelope
///   error (exit 2) naming the key: JSON values are typed, so strings are never converted.
public enum ParameterValueReader {
    // MARK: Text (argv, prompt, scripts)

    public static func read(text: String, for parameter: ParameterDeclaration) throws -> ParameterValue {
        switch parameter.kind {
        case .string:
            return .string(try checkString(text, parameter))
        case .flag:
            return .flag(true)
        case .choice(let words):
            try checkChoice(text, words, parameter)
            return .string(text)
        case .number:
            guard let number = DecimalText.parse(text) else {
                throw valueError(parameter, "'\(Excerpt.of(text))' is not a number")
            }
            return .number(try checkRange(number, parameter))
        case .integer:
            guard let number = DecimalText.parse(text) else {
                throw valueError(parameter, "'\(Excerpt.of(text))' is not a whole number")
            }
            return .integer(try wholeNumber(number, parameter))
        case .keyNumbers:
            guard let equals = text.firstIndex(of: "="), equals != text.startIndex else {
                throw InvalidInputError("\(parameter.displayName): '\(Excerpt.of(text))' is not KEY=VALUE")
            }
            let key = String(text[..<equals])
            let raw = String(text[text.index(after: equals)...])
            guard let number = DecimalText.parse(raw) else {
                throw StrategyError("parameter '\(Excerpt.of(key))': '\(Excerpt.of(raw))' is not a number")
            }
            return .keyNumbers([KeyNumber(key, number)])
        case .document:
            guard let value = try? JSONValue.parse(text), value.objectValue != nil else {
                throw valueError(parameter, "'\(Excerpt.of(text))' is not a JSON object")
            }
            return .document(value)
        }
    }

    // MARK: JSON

    /// The envelope check alone: is `json` of the JSON type the parameter takes? Throws the
    /// exit-2 error naming `path` (`params.fee`) when not.
    public static func checkType(_ json: JSONValue, for parameter: ParameterDeclaration, path: String) throws(InvalidInputError) {
        let expected: String? =
            switch (parameter.kind, json) {
            case (.string, .string), (.choice, .string), (.flag, .bool), (.keyNumbers, .object), (.document, .object): nil
            case (.number, .int), (.number, .double), (.integer, .int), (.integer, .double): nil
            case (.string, _), (.choice, _): "a string"
            case (.flag, _): "a boolean"
            case (.number, _), (.integer, _): "a number"
            case (.keyNumbers, _): "an object of numbers"
            case (.document, _): "an object"
            }
        if let expected { throw InvalidInputError("\(path) must be \(expected), got \(describe(json))") }
        if case .keyNumbers = parameter.kind, case .object(let members) = json {
            for (name, value) in members.sorted(by: { $0.key < $1.key }) where value.doubleValue?.isFinite != true {
                throw InvalidInputError("\(path).\(name) must be a number, got \(describe(value))")
            }
        }
    }

    /// The value of a JSON member that passed `checkType`, by the same value rules as text.
    public static func read(json: JSONValue, for parameter: ParameterDeclaration, path: String) throws -> ParameterValue {
        try checkType(json, for: parameter, path: path)
        func typeError(_ expected: String) -> InvalidInputError {
            InvalidInputError("\(path) must be \(expected), got \(describe(json))")
        }
        switch (parameter.kind, json) {
        case (.string, .string(let text)):
            return .string(try checkString(text, parameter))
        case (.choice(let words), .string(let text)):
            try checkChoice(text, words, parameter)
            return .string(text)
        case (.flag, .bool(let on)):
            return .flag(on)
        case (.number, _):
            guard let number = json.doubleValue, number.isFinite else { throw typeError("a number") }
            return .number(try checkRange(number, parameter))
        case (.integer, _):
            guard let number = json.doubleValue, number.isFinite else { throw typeError("a number") }
            return .integer(try wholeNumber(number, parameter))
        case (.keyNumbers, .object(let members)):
            var pairs: [KeyNumber] = []
            for (name, value) in members.sorted(by: { $0.key < $1.key }) {
                guard let number = value.doubleValue, number.isFinite else {
                    throw InvalidInputError("\(path).\(name) must be a number, got \(describe(value))")
                }
                pairs.append(KeyNumber(name, number))
            }
            return .keyNumbers(pairs)
        case (.string, _), (.choice, _): throw typeError("a string")
        case (.flag, _): throw typeError("a boolean")
        case (.document, .object): return .document(json)
        case (.keyNumbers, _): throw typeError("an object of numbers")
        case (.document, _): throw typeError("an object")
        }
    }

    /// `integer 7`, `string "0.001"`, `null` (long values cut short).
    static func describe(_ value: JSONValue) -> String {
        value.isNull ? "null" : "\(value.typeName) \(Excerpt.of(value.compact(), limit: 40))"
    }

    // MARK: Checks shared by both

    /// No surface may pass an empty path or ticker (`--outdir ''` would write to `./runs`) or
    /// a control character (a NUL or CR would end up in a folder name or an index row).
    static func checkString(_ text: String, _ parameter: ParameterDeclaration) throws -> String {
        if text.isEmpty { throw valueError(parameter, "the value is empty") }
        if let scalar = text.unicodeScalars.first(where: { $0.value < 0x20 || $0.value == 0x7F }) {
            throw valueError(
                parameter, "control character U+\(String(format: "%04X", scalar.value)) in '\(Excerpt.of(text, limit: 40))'")
        }
        return text
    }

    static func wholeNumber(_ number: Double, _ parameter: ParameterDeclaration) throws -> Int {
        guard number.rounded() == number, number.magnitude < 1e15 else {
            throw valueError(parameter, "expected an integer, got \(NumberText.show(number))")
        }
        return Int(try checkRange(number, parameter))
    }

    static func checkRange(_ number: Double, _ parameter: ParameterDeclaration) throws -> Double {
        guard let range = parameter.range, !range.contains(number) else { return number }
        throw valueError(
            parameter,
            "\(NumberText.show(number)) is outside the allowed range \(NumberText.show(range.lowerBound))..\(NumberText.show(range.upperBound))")
    }

    static func checkChoice(_ text: String, _ words: [String], _ parameter: ParameterDeclaration) throws {
        guard !words.contains(text) else { return }
        throw valueError(parameter, "'\(Excerpt.of(text))' is not one of \(words.joined(separator: ", "))")
    }

    static func valueError(_ parameter: ParameterDeclaration, _ problem: String) -> any ClassifiedError {
        switch parameter.valueErrors {
        case .invalidInput: InvalidInputError("\(parameter.displayName): \(problem)")
        case .strategy: StrategyError("parameter '\(parameter.key)': \(problem)")
        }
    }
}

/// Numbers in messages: whole numbers without `.0`.
enum NumberText {
    static func show(_ value: Double) -> String {
        value.rounded() == value && value.magnitude < 1e15 ? String(Int64(value)) : "\(value)"
    }
}
