/// A bar length such as `1m`, `15m`, `1h`, `4h`, `1d` or `1w`.
public struct BarInterval: Sendable, Hashable, CustomStringConvertible {
    /// The canonical spelling, e.g. `1d`.
    public let text: String
    public let seconds: Int64

    /// Parses `<count><unit>` with unit s, m, h, d or w (also `min`, `wk`). Count must be positive.
    public init(parsing raw: String) throws(InvalidInputError) {
        let lowered = raw.lowercased()
        let digits = lowered.prefix { $0.isASCII && $0.isNumber }
        let unit = lowered.dropFirst(digits.count)
        let unitSeconds: Int64? =
            switch unit {
            case "s": 1
            case "m", "min": 60
            case "h": 3_600
            case "d": 86_400
            case "w", "wk": 604_800
            default: nil
            }
        guard let count = Int64(digits), count > 0, count <= 1_000_000, let unitSeconds else {
            throw InvalidInputError(
                "--interval: '\(raw)' is not a bar interval (expected e.g. 1m, 5m, 1h, 4h, 1d, 1w)")
        }
        self.seconds = count * unitSeconds
        let unitText = unitSeconds == 60 ? "m" : unitSeconds == 1 ? "s" : unitSeconds == 3_600 ? "h"
            : unitSeconds == 86_400 ? "d" : "w"
        self.text = "\(count)\(unitText)"
    }

    public static let daily = try! BarInterval(parsing: "1d")

    public var milliseconds: Int64 { seconds * 1_000 }
    public var isIntraday: Bool { seconds < 86_400 }
    public var description: String { text }
}
