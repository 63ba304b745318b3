/// A message in flight or waiting in the client backlog: market data (`kind` 0), an ack (1),
/// a maker fill (2) or a hedge fill (3). One flat type for every ring, so the rings stay plain
/// bitwise-copyable buffers.
struct SoakMessage: BitwiseCopyable, Sendable {
    static let marketData = 0
    static let ack = 1
    static let fill = 2
    static let hedgeFill = 3

    var kind = 0
    /// Network arrival at the client (ms), or, in the backlog, when it is processed (us).
    var time = 0
    var side = 0
    var id = 0
    /// Signed lots (fills).
    var quantity = 0
    var remaining = 0
    /// Market data: the true mid and when the exchange published it.
    var mid = 0
    var exchangeTime = 0
    /// Ack: when the client decided to send the order; backlog: network arrival (ms).
    var decisionTime = 0
    var arrival = 0
}

/// A fill waiting for its markout: the mid `horizon` ms later says how adverse it was.
struct SoakMarkout: BitwiseCopyable, Sendable {
    var time = 0
    var sign = 0
    var mid = 0
    var notional = 0.0
}

/// One side of the quote, as the exchange and the client each see it.
struct SoakQuoteSide: Sendable {
    /// +1 for the bid (fills buy), -1 for the ask.
    let sign: Int

    // Exchange: the live order (id 0: none).
    var liveId = 0
    var livePrice = 0
    var liveRemaining = 0
    /// Lots ahead of us in the queue, 16.16 fixed point so decay needs no floating point.
    var queueAhead = 0
    var acceptTime = 0

    // The order on its way to the exchange (a place, or the new half of a replace).
    var pendingArrival = Int.max
    var pendingId = 0
    var pendingPrice = 0
    var pendingSize = 0
    var pendingDecision = 0

    // Client: the order it last sent and what it knows about it.
    var clientId = 0
    var clientPrice = 0
    var clientSendTime = 0
    var lastAction = Int.min / 2
    var filledKnownAt = Int.min / 2
    /// An op was sent and its ack is not processed yet; no new op for this side meanwhile.
    var opInFlight = false

    init(sign: Int) { self.sign = sign }
}
