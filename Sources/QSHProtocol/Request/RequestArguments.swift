import QSHArtifacts

/// Turns a validated request into the command line it stands for, so that the request runs
/// through the same command types (and the same validation) as argv.
public enum RequestArguments {
    public static func arguments(for envelope: RequestEnvelope) -> [String] {
        var arguments = [envelope.command]
        for key in envelope.params.keys.sorted() {
            let value = envelope.params[key]!
            if let param = envelope.schema.param(named: key) {
                switch (param.flag, value) {
                case (let flag?, .bool(let on)): if on { arguments.append(flag) }
                case (let flag?, _): arguments.append("\(flag)=\(text(value))")
                case (nil, .object(let members)):
                    for (name, number) in members.sorted(by: { $0.key < $1.key }) {
                        arguments.append("--param=\(name)=\(text(number))")
                    }
                case (nil, _): arguments.append(text(value))
                }
            } else {
                arguments.append("--param=\(key)=\(text(value))")
            }
        }
        return arguments
    }

    static func text(_ value: JSONValue) -> String {
        switch value {
        case .string(let string): string
        case .int(let integer): String(integer)
        case .double(let number): "\(number)"
        default: value.compact()
        }
    }
}
