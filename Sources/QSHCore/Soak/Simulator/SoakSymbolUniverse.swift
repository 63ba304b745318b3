/// The symbols a soak may trade, most liquid first.
public enum SoakSymbolUniverse {
    public static let symbols: [String] = [
        "BTCUSDT", "ETHUSDT", "SOLUSDT", "BNBUSDT", "XRPUSDT", "DOGEUSDT", "ADAUSDT", "AVAXUSDT", "LINKUSDT",
        "DOTUSDT", "TRXUSDT", "LTCUSDT",
    ]

    /// The first `n` symbols, `n` clamped to 1 ... symbols.count.
    public static func top(_ n: Int) -> [String] {
        Array(symbols.prefix(min(max(n, 1), symbols.count)))
    }
}

/// A symbol's fixed traits, derived from its name alone (any name works, listed or not), so a
/// symbol looks the same in every run and adding symbols changes no other symbol.
public struct SoakSymbolProfile: Sendable, Equatable {
    public let symbol: String
    /// Start price (quote currency), 0.1 ... 60 000, log-uniform from the name.
    public let startPrice: Double
    /// Tick size in bps of the start price, 0.02 ... 0.08.
    public let tickBps: Double
    /// Multiplier on the preset's volatility and flow rates, 0.8 ... 1.25.
    public let volatilityScale: Double

    public init(symbol: String) {
        self.symbol = symbol
        var traits = SplitMix64(seed: PortableRandom.hash("soak-symbol:" + symbol))
        startPrice = PortableRandom.exp(-2.302585092994046 + traits.uniform() * 13.30484856)  // 0.1 .. 6e4
        tickBps = 0.02 + 0.06 * traits.uniform()
        volatilityScale = 0.8 + 0.45 * traits.uniform()
    }

    /// Start mid in ticks: the mid's bps resolution is then exactly `tickBps` at the start.
    public var startTicks: Int { Int((1e4 / tickBps).rounded()) }
    /// Price of one tick.
    public var tickSize: Double { startPrice / Double(startTicks) }
}
