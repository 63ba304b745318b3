import QSHArtifacts
import QSHCore

/// A request that failed validation, with what could be read of it for the response line.
public struct RequestRejection: Error, Sendable {
    /// An envelope error (exit 2), or a value error of the params (exit 2 or 4).
    public let error: any ClassifiedError
    public let requestID: String?
    public let command: String?

    public init(error: any ClassifiedError, requestID: String?, command: String?) {
        self.error = error
        self.requestID = requestID
        self.command = command
    }
}

/// A machine request that passed every check of contract.md, in order: a JSON object, schema
/// version "1.0", a known command, params an object, every key known and correctly typed. Its
/// params are decoded through the command's declaration into typed values.
public struct RequestEnvelope: Sendable {
    public static let maximumBytes = 1 << 20
    public static let schemaVersion = "1.0"
    static let envelopeKeys: Set<String> = ["schema_version", "request_id", "command", "params"]

    public let requestID: String?
    public let registered: RegisteredCommand
    public let values: ParameterValues

    /// The machine name of the command (`run`).
    public var command: String { registered.declaration.machineName ?? registered.declaration.name }

    public static func decode(_ bytes: [UInt8], registry: CommandRegistry) throws(RequestRejection) -> RequestEnvelope {
        func reject(_ message: String, _ id: String? = nil, _ command: String? = nil) -> RequestRejection {
            RequestRejection(error: InvalidInputError(message), requestID: id, command: command)
        }
        guard bytes.count <= maximumBytes else {
            throw reject("request is \(bytes.count) bytes; the limit is \(maximumBytes) (1 MiB)")
        }
        let document: JSONValue
        do {
            document = try JSONValue.parse(bytes: bytes)
        } catch {
            throw reject("request is not valid JSON: \(error)")
        }
        guard case .object(let envelope) = document else {
            throw reject("request must be a JSON object, got \(document.typeName == "array" ? "an array" : "a \(document.typeName)")")
        }
        let requestID = envelope["request_id"]?.stringValue
        let commandName = envelope["command"]?.stringValue
        if let value = envelope["request_id"], value.stringValue == nil, !value.isNull {
            throw reject("request_id must be a string, got \(value.typeName)", nil, commandName)
        }
        guard let version = envelope["schema_version"] else {
            throw reject("schema_version is required and must be \"\(schemaVersion)\"", requestID, commandName)
        }
        guard version.stringValue == schemaVersion else {
            let shown = version.stringValue.map { "'\($0)'" } ?? "\(version.compact()) (\(version.typeName))"
            throw reject("unsupported schema_version \(shown); expected \"\(schemaVersion)\"", requestID, commandName)
        }
        let valid = registry.machineCommandNames.joined(separator: ", ")
        guard let command = envelope["command"] else {
            throw reject("command is required; valid commands: \(valid)", requestID)
        }
        guard let name = command.stringValue, let registered = registry.machineCommand(named: name) else {
            let shown = command.stringValue.map { "'\(Excerpt.of($0, limit: 40))'" } ?? "of type \(command.typeName)"
            let guess = command.stringValue
                .flatMap { Suggestion.closest(to: $0, among: registry.machineCommandNames) }.map { " (did you mean '\($0)'?)" } ?? ""
            throw reject("unknown command \(shown)\(guess); valid commands: \(valid)", requestID)
        }
        if let extra = envelope.keys.sorted().first(where: { !envelopeKeys.contains($0) }) {
            let guess = Suggestion.closest(to: extra, among: envelopeKeys.sorted()).map { " (did you mean '\($0)'?)" } ?? ""
            throw reject("unknown envelope field '\(Excerpt.of(extra, limit: 40))'\(guess); allowed: \(envelopeKeys.sorted().joined(separator: ", "))", requestID, name)
        }
        var params: [String: JSONValue] = [:]
        switch envelope["params"] {
        case nil: break
        case .object(let members)?: params = members
        case let other?: throw reject("params must be an object, got \(other.typeName)", requestID, name)
        }
        do {
            let values = try JSONParameters.decode(params, for: registered.declaration)
            return RequestEnvelope(requestID: requestID, registered: registered, values: values)
        } catch {
            let classified = error as? any ClassifiedError ?? InvalidInputError("params: \(error)")
            throw RequestRejection(error: classified, requestID: requestID, command: name)
        }
    }
}
