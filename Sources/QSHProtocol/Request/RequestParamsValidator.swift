import QSHArtifacts
import QSHCore

/// Checks a command's params against its schema: every key known (naming the allowed ones),
/// every value of the declared type (integers pass where numbers are expected; strings are
/// never converted), required keys present.
struct RequestParamsValidator {
    let schema: RequestSchema

    func validate(_ params: [String: JSONValue]) throws(InvalidInputError) {
        let strategyKeys = try strategyParameters(params)
        for key in params.keys.sorted() {
            let value = params[key]!
            if let param = schema.param(named: key) {
                try check(value, is: param.type, at: "params.\(key)")
                if param.type == .numberMap, case .object(let members) = value {
                    for (name, number) in members.sorted(by: { $0.key < $1.key }) {
                        try check(number, is: .number, at: "params.\(key).\(name)")
                    }
                }
            } else if let declared = strategyKeys.first(where: { $0.name == key }) {
                try check(value, is: declared.kind == .integer ? .integer : .number, at: "params.\(key)")
            } else {
                var allowed = schema.params.map(\.name) + schema.aliases.keys.sorted()
                allowed += strategyKeys.map(\.name)
                throw InvalidInputError("unknown key params.\(key) for command '\(schema.command)'; allowed: \(allowed.joined(separator: ", "))")
            }
        }
        for key in schema.required where params[key] == nil && !schema.aliases.contains(where: { $0.value == key && params[$0.key] != nil }) {
            throw InvalidInputError("params.\(key) is required for command '\(schema.command)'")
        }
    }

    /// The chosen strategy's declared parameters (keys a run request may carry at top level).
    private func strategyParameters(_ params: [String: JSONValue]) throws(InvalidInputError) -> [StrategyParameter] {
        guard schema.acceptsStrategyKeys else { return [] }
        let name = params["strategy"]?.stringValue ?? StrategyRegistry.defaultName
        return (try? StrategyRegistry.type(named: name))?.parameters ?? []
    }

    private func check(_ value: JSONValue, is type: RequestSchema.ParamType, at path: String) throws(InvalidInputError) {
        let ok: Bool =
            switch (type, value) {
            case (.string, .string), (.boolean, .bool), (.number, .int), (.number, .double), (.integer, .int),
                (.numberMap, .object):
                true
            case (.integer, .double(let number)):
                number.rounded() == number
            default:
                false
            }
        guard ok else {
            throw InvalidInputError("\(path) must be \(Self.article(type)), got \(value.typeName) \(Self.preview(value))")
        }
    }

    static func article(_ type: RequestSchema.ParamType) -> String {
        switch type {
        case .integer: "an integer"
        case .numberMap: "an object of numbers"
        default: "a \(type.rawValue)"
        }
    }

    static func preview(_ value: JSONValue) -> String {
        let text = value.compact()
        return text.count > 40 ? String(text.prefix(37)) + "..." : text
    }
}
