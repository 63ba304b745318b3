/// The soak market simulator for one symbol (docs/soak-market.md): integer-tick true mid with
/// jumps and a calm/fast regime, noise and toxic market orders, queue position, feed and order
/// latency, a client backlog, the five-parameter quote refresh, an inventory cap with taker
/// hedges, and fees. One step is 1 ms. Everything is allocated in `init`; `advance` allocates
/// nothing, so a reused simulator runs a soak of any length in flat memory.
public struct SoakSimulator: Sendable {
    public let preset: SoakMarketPreset
    public let maxDurationMs: Int

    // The iteration.
    var spec: SoakSimulationSpec
    var profile: SoakSymbolProfile
    var durationMs = 0
    var now = 0

    // Streams.
    var priceRandom = SplitMix64(seed: 0)
    var flowRandom = SplitMix64(seed: 0)
    var regimeRandom = SplitMix64(seed: 0)
    var feedRandom = SplitMix64(seed: 0)
    var orderRandom = SplitMix64(seed: 0)
    var queueRandom = SplitMix64(seed: 0)

    // Market constants of the iteration (thresholds are probabilities * 2^64 or 2^32).
    var stepTicks = 1
    var calmMove: UInt64 = 0
    var fastMove: UInt64 = 0
    var calmEvents = SoakEventThresholds()
    var fastEvents = SoakEventThresholds()
    var fastEnter: UInt32 = 0
    var fastExit: UInt32 = 0
    var spikeEnter: UInt32 = 0
    var spikeExit: UInt32 = 0
    var noiseReach: [UInt64]
    var toxicReach: [UInt64]
    var marketHalfTicks = 1
    var queueDecay: Int = 0
    var jumpMeanTicks = 1.0
    var toxicJumpMeanTicks = 1.0
    var lotQuantity = 1.0

    // Strategy constants from the runtime parameters.
    var halfSpreadTicks = 1
    var toleranceTicks = 1
    var quoteSize = 1
    var capLots = 4
    var skewTicksAtCap = 0
    var minIntervalMs = 60
    var tailAgeMs = 600
    var tokenRefill = 240
    var tokenCapacity = 0
    static let tokenCost = 60_000

    // Market state.
    var mid = 0
    var fast = false
    var spike = false
    var tradedThisStep = false

    // Exchange and client state.
    var bid = SoakQuoteSide(sign: 1)
    var ask = SoakQuoteSide(sign: -1)
    var nextOrderId = 1
    var tokens = 0
    var backlogUs = 0
    var viewMid = 0
    var clientInventory = 0
    var hedgePending = 0
    var hedgeArrival = Int.max
    var hedgeQuantity = 0
    var hedgeDecisionMid = 0
    var lastFeedArrival = 0
    var lastResponseArrival = 0

    // Queues.
    var feed: SoakRing<SoakMessage>
    var responses: SoakRing<SoakMessage>
    var backlog: SoakRing<SoakMessage>
    var markout100ms: SoakRing<SoakMarkout>
    var markout1s: SoakRing<SoakMarkout>
    var markout5s: SoakRing<SoakMarkout>

    // Accounting.
    var inventory = 0
    var cash = 0.0
    var fees = 0.0
    var notional = 0.0
    var makerNotional = 0.0
    var netBpsNotional = 0.0
    var fills = 0
    var makerFills = 0
    var takerFills = 0
    var ordersPlaced = 0
    var cancels = 0
    var filledOrders = 0

    // Histograms.
    var wsLag: SoakFixedHistogram
    var wsLagNetwork: SoakFixedHistogram
    var wsLagQueue: SoakFixedHistogram
    var orderAge: SoakFixedHistogram
    var orderAck: SoakFixedHistogram
    var adverse100ms: SoakFixedHistogram
    var adverse1s: SoakFixedHistogram
    var adverse5s: SoakFixedHistogram
    var slippage: SoakFixedHistogram

    /// Longest feed or order latency (ms) and client backlog (us): the rings are sized for them.
    static let maxLatencyMs = 2000
    static let maxBacklogUs = 2_000_000
    static let reachTableSize = 4096

    public init(preset: SoakMarketPreset, maxDurationMs: Int) {
        self.preset = preset
        self.maxDurationMs = maxDurationMs
        spec = SoakSimulationSpec(
            masterSeed: 0, symbol: "", iteration: 0, durationMs: 0,
            parameters: SoakRuntimeParameters(
                minIntervalMs: 60, replaceRatePerMin: 240, baseSpreadBpsDelta: 0, impactCapRatio: 0.08, tailAgeMs: 600),
            preset: preset)
        profile = SoakSymbolProfile(symbol: "")
        noiseReach = Array(repeating: 0, count: Self.reachTableSize)
        toxicReach = Array(repeating: 0, count: Self.reachTableSize)
        let empty = SoakMessage()
        feed = SoakRing(capacityPowerOfTwo: 4096, filler: empty)
        responses = SoakRing(capacityPowerOfTwo: 4096, filler: empty)
        backlog = SoakRing(capacityPowerOfTwo: 16384, filler: empty)
        let noMarkout = SoakMarkout()
        markout100ms = SoakRing(capacityPowerOfTwo: 4096, filler: noMarkout)
        markout1s = SoakRing(capacityPowerOfTwo: 16384, filler: noMarkout)
        markout5s = SoakRing(capacityPowerOfTwo: 65536, filler: noMarkout)
        // 0.1 ms grid up to 4 s; 1 ms up to 10 s; 0.01 bps over +-200 bps.
        wsLag = SoakFixedHistogram(quantum: 0.1, lowest: 0, highest: 40_000)
        wsLagNetwork = SoakFixedHistogram(quantum: 0.1, lowest: 0, highest: 40_000)
        wsLagQueue = SoakFixedHistogram(quantum: 0.1, lowest: 0, highest: 40_000)
        orderAge = SoakFixedHistogram(quantum: 1, lowest: 0, highest: 10_000)
        orderAck = SoakFixedHistogram(quantum: 1, lowest: 0, highest: 10_000)
        adverse100ms = SoakFixedHistogram(quantum: 0.01, lowest: -20_000, highest: 20_000)
        adverse1s = SoakFixedHistogram(quantum: 0.01, lowest: -20_000, highest: 20_000)
        adverse5s = SoakFixedHistogram(quantum: 0.01, lowest: -20_000, highest: 20_000)
        slippage = SoakFixedHistogram(quantum: 0.01, lowest: -20_000, highest: 20_000)
    }

    public var stepsRemaining: Int { durationMs - now }

    /// Runs up to `steps` ms of the iteration; returns how many ran.
    public mutating func advance(steps: Int) -> Int {
        let count = min(max(steps, 0), durationMs - now)
        makeUnique()
        for _ in 0..<count { step(quoting: true) }
        return count
    }
}

extension SoakSimulator {
    /// A copied simulator gets its own buffers here, once per call, not per write.
    mutating func makeUnique() {
        feed.makeUnique()
        responses.makeUnique()
        backlog.makeUnique()
        markout100ms.makeUnique()
        markout1s.makeUnique()
        markout5s.makeUnique()
        wsLag.makeUnique()
        wsLagNetwork.makeUnique()
        wsLagQueue.makeUnique()
        orderAge.makeUnique()
        orderAck.makeUnique()
        adverse100ms.makeUnique()
        adverse1s.makeUnique()
        adverse5s.makeUnique()
        slippage.makeUnique()
    }
}

/// Per-ms probabilities of the market-order and jump events, cumulative (one draw picks one).
struct SoakEventThresholds: Sendable {
    var noiseBuy: UInt64 = 0
    var noiseSell: UInt64 = 0
    var toxicBuy: UInt64 = 0
    var toxicSell: UInt64 = 0
    var jump: UInt64 = 0
}
