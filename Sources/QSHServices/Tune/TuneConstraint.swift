import QSHCore

/// One `constraints` entry: a comparison between parameters, or a parameter and a number, each
/// side optionally shifted by a number: `fast < slow`, `rsi_buy_max <= rsi_sell_min - 5`,
/// `cooldown_days != 3`. Operators: `<`, `<=`, `>`, `>=`, `==`, `!=`.
public struct TuneConstraint: Sendable, Equatable {
    public enum Comparison: String, Sendable, CaseIterable {
        // Two-character operators first, so `<=` is not read as `<`.
        case lessOrEqual = "<=", greaterOrEqual = ">=", notEqual = "!=", equal = "==", less = "<", greater = ">"

        func holds(_ left: Double, _ right: Double) -> Bool {
            switch self {
            case .less: left < right
            case .lessOrEqual: left <= right
            case .greater: left > right
            case .greaterOrEqual: left >= right
            case .equal: left == right
            case .notEqual: left != right
            }
        }
    }

    /// A parameter plus a constant, or a constant alone.
    public struct Operand: Sendable, Equatable {
        public let parameter: String?
        public let offset: Double

        var text: String {
            let number = TuneConstraint.text(abs(offset))
            guard let parameter else { return TuneConstraint.text(offset) }
            if offset == 0 { return parameter }
            return parameter + (offset < 0 ? " - " : " + ") + number
        }

        func value(_ lookup: (String) -> Double) -> Double {
            guard let parameter else { return offset }
            return lookup(parameter) + offset
        }
    }

    public let left: Operand
    public let comparison: Comparison
    public let right: Operand

    /// The canonical spelling (single spaces), as it enters the plan id.
    public var text: String { "\(left.text) \(comparison.rawValue) \(right.text)" }

    public func holds(_ lookup: (String) -> Double) -> Bool {
        comparison.holds(left.value(lookup), right.value(lookup))
    }

    /// Parses `text`; `parameters` are the names it may use. The error is the problem alone
    /// (the caller adds file, line and key).
    public init(parsing text: String, parameters: [String]) throws(InvalidInputError) {
        guard let (comparison, range) = Self.findOperator(text) else {
            throw InvalidInputError("'\(text)' has no comparison (<, <=, >, >=, ==, !=)")
        }
        let leftText = String(text[..<range.lowerBound])
        let rightText = String(text[range.upperBound...])
        left = try Self.operand(leftText, whole: text, parameters: parameters)
        right = try Self.operand(rightText, whole: text, parameters: parameters)
        self.comparison = comparison
        guard left.parameter != nil || right.parameter != nil else {
            throw InvalidInputError("'\(text)' names no parameter")
        }
    }

    static func findOperator(_ text: String) -> (Comparison, Range<String.Index>)? {
        var best: (Comparison, Range<String.Index>)?
        for comparison in Comparison.allCases {
            guard let range = text.range(of: comparison.rawValue) else { continue }
            if best == nil || range.lowerBound < best!.1.lowerBound { best = (comparison, range) }
        }
        return best
    }

    static func operand(_ raw: String, whole: String, parameters: [String]) throws(InvalidInputError) -> Operand {
        let text = raw.trimmed(" \t")
        if let number = Double(text), number.isFinite { return Operand(parameter: nil, offset: number) }
        let name = String(text.prefix { $0.isLetter || $0.isNumber || $0 == "_" })
        guard !name.isEmpty, name.first?.isNumber == false else {
            throw InvalidInputError("'\(whole)': '\(text)' is not a parameter or a number")
        }
        guard parameters.contains(name) else {
            throw InvalidInputError(
                "'\(whole)': unknown parameter '\(name)' (allowed: \(parameters.joined(separator: ", ")))")
        }
        let rest = text.dropFirst(name.count).trimmed(" \t")
        guard !rest.isEmpty else { return Operand(parameter: name, offset: 0) }
        let sign: Double = rest.hasPrefix("+") ? 1 : rest.hasPrefix("-") ? -1 : 0
        let amount = rest.dropFirst().trimmed(" \t")
        guard sign != 0, let number = Double(amount), number.isFinite, !amount.hasPrefix("-"), !amount.hasPrefix("+") else {
            throw InvalidInputError("'\(whole)': '\(text)' is not NAME, NAME + NUMBER or NAME - NUMBER")
        }
        return Operand(parameter: name, offset: sign * number)
    }

    static func text(_ value: Double) -> String {
        value.rounded() == value && abs(value) < 1e15 ? String(Int64(value)) : "\(value)"
    }
}

extension StringProtocol {
    fileprivate func trimmed(_ set: String) -> String {
        var slice = Substring(self)
        while let first = slice.first, set.contains(first) { slice.removeFirst() }
        while let last = slice.last, set.contains(last) { slice.removeLast() }
        return String(slice)
    }
}
