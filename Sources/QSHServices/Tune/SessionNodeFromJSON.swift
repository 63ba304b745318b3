import QSHArtifacts

/// A session given inline in a JSON request (`tune`'s `session` object) read as the same tree
/// as a file. JSON values have no lines, so its errors name the key path only
/// (`params.session: base.fee: ...`).
extension SessionNode {
    init(json: JSONValue) {
        switch json {
        case .null: self.init(value: .scalar("null", .null), line: nil)
        case .bool(let flag): self.init(value: .scalar(flag ? "true" : "false", .bool), line: nil)
        case .int(let number): self.init(value: .scalar(String(number), .integer), line: nil)
        // The shortest decimal that round-trips, as a file would write it (steps count its digits).
        case .double(let number): self.init(value: .scalar(json.compact(), number.isFinite ? .number : .string), line: nil)
        case .string(let text): self.init(value: .scalar(text, .string), line: nil)
        case .array(let items): self.init(value: .list(items.map(SessionNode.init(json:))), line: nil)
        case .object(let members):
            self.init(
                value: .map(members.keys.sorted().map { (key: $0, line: nil, value: SessionNode(json: members[$0]!)) }),
                line: nil)
        }
    }
}
