/// The reference's signal rules: a running cooldown suppresses everything (and counts down);
/// otherwise a buy condition opens a position when flat and a sell condition closes it when long.
public struct SignalStateMachine: Sendable {
    public let cooldownBars: Int
    @usableFromInline var cooldown = 0
    @usableFromInline var long = false

    public init(cooldownBars: Int = 0) { self.cooldownBars = cooldownBars }

    @inlinable @inline(__always)
    public mutating func step(buy: Bool, sell: Bool) -> Int8 {
        if cooldown > 0 {
            cooldown -= 1
            return 0
        }
        if !long && buy {
            long = true
            cooldown = cooldownBars
            return 1
        }
        if long && sell {
            long = false
            cooldown = cooldownBars
            return -1
        }
        return 0
    }
}
