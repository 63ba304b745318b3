import QSHArtifacts
import QSHCore

/// Decodes a JSON request's `params` straight into typed values through the command's
/// declaration (never by way of a command line). Two phases, as the contract orders them:
/// every key known and of the right JSON type (exit 2, naming the key; keys in alphabetical
/// order), then the values by the same rules as on the command line.
public enum JSONParameters {
    public static func decode(_ params: [String: JSONValue], for declaration: CommandDeclaration) throws -> ParameterValues {
        let source = declaration.dynamicParameters.flatMap { params[$0.sourceKey]?.stringValue }
        let declared = declaration.parameters.filter { $0.surfaces == .all }
        let declaredKeys = Set(declared.flatMap(\.jsonKeys))
        let dynamic = (declaration.dynamicParameters?.provide(source) ?? []).filter { parameter in
            parameter.surfaces == .all && parameter.jsonKeys.allSatisfy { !declaredKeys.contains($0) }
        }
        let parameters = declared + dynamic
        var matched: [(key: String, parameter: ParameterDeclaration)] = []
        var seen: [String: String] = [:]
        for key in params.keys.sorted() {
            guard let parameter = parameters.first(where: { $0.jsonKeys.contains(key) }) else {
                let allowed = declared.map(\.key) + declared.flatMap(\.jsonAliases).sorted() + dynamic.map(\.key)
                let guess = Suggestion.closest(to: key, among: allowed).map { " (did you mean '\($0)'?)" } ?? ""
                throw InvalidInputError(
                    "unknown key params.\(Excerpt.of(key)) for command '\(declaration.machineName ?? declaration.name)'\(guess); "
                        + "allowed: \(allowed.joined(separator: ", "))")
            }
            if let other = seen[parameter.key] {
                throw InvalidInputError("params.\(other) and params.\(key) are the same parameter; give only one")
            }
            seen[parameter.key] = key
            try ParameterValueReader.checkType(params[key]!, for: parameter, path: "params.\(key)")
            matched.append((key, parameter))
        }
        for parameter in parameters
        where parameter.required && seen[parameter.key] == nil && (parameter.requiredUnless.map { seen[$0] == nil } ?? true) {
            let unless = parameter.requiredUnless.map { " (unless params.\($0) is given)" } ?? ""
            throw InvalidInputError("params.\(parameter.key) is required for command '\(declaration.machineName ?? declaration.name)'\(unless)")
        }
        var values = ParameterValues()
        for (key, parameter) in matched {
            values[parameter.key] = try ParameterValueReader.read(json: params[key]!, for: parameter, path: "params.\(key)")
        }
        return values
    }
}
