extension SoakSimulator {
    /// The refresh logic for one side (0 bid, 1 ask), on the client's (lagged) view.
    /// A side with no order places one (no token; after the fill cooldown); a working order is
    /// replaced when its target moved by the tolerance or it reached `tail_age_ms`, spending a
    /// token. Either waits `min_interval_ms` since this side's last action and for the ack of
    /// the previous op.
    @inline(__always)
    func wantsToAct(_ side: SoakQuoteSide, _ t: Int) -> Bool {
        guard !side.opInFlight, t - side.lastAction >= minIntervalMs else { return false }
        if side.clientId == 0 { return t - side.filledKnownAt >= preset.fillCooldownMs }
        guard tokens >= Self.tokenCost else { return false }
        let target = viewMid - side.sign * halfSpreadTicks - skewTicks
        return abs(target - side.clientPrice) >= toleranceTicks || t - side.clientSendTime >= tailAgeMs
    }

    /// Quotes lean against the client's inventory.
    @inline(__always)
    var skewTicks: Int { skewTicksAtCap * clientInventory / capLots }

    /// Sends the place or replace `wantsToAct` asked for (copying the side only then).
    @inline(never)
    mutating func decide(side index: Int, _ t: Int) {
        var side = index == 0 ? bid : ask
        let target = viewMid - side.sign * halfSpreadTicks - skewTicks
        if side.clientId != 0 { tokens -= Self.tokenCost }
        backlogUs = min(Self.maxBacklogUs, backlogUs + preset.orderServiceUs)
        let leaves = t + (backlogUs + 999) / 1000
        side.pendingArrival = leaves + orderLatency()
        side.pendingId = nextOrderId
        side.pendingPrice = target
        side.pendingSize = quoteSize
        side.pendingDecision = t
        side.clientId = nextOrderId
        side.clientPrice = target
        side.clientSendTime = t
        side.lastAction = t
        side.opInFlight = true
        nextOrderId += 1
        ordersPlaced += 1
        if index == 0 { bid = side } else { ask = side }
    }

    /// Beyond the cap (counting hedges in flight) the client sends a taker order back to half
    /// the cap; one hedge at a time.
    @inline(__always)
    mutating func decideHedge(_ t: Int) {
        guard hedgeArrival == Int.max else { return }
        let exposure = clientInventory + hedgePending
        guard abs(exposure) >= capLots else { return }
        let quantity = -(exposure - (exposure > 0 ? capLots / 2 : -(capLots / 2)))
        backlogUs = min(Self.maxBacklogUs, backlogUs + preset.orderServiceUs)
        hedgeArrival = t + (backlogUs + 999) / 1000 + orderLatency()
        hedgeQuantity = quantity
        hedgeDecisionMid = viewMid
        hedgePending += quantity
    }

    /// A place or replace reaches the exchange: the old order (if still live) is cancelled and
    /// the new one joins the queue behind the displayed depth at its price.
    @inline(__always)
    mutating func arrive(side index: Int, _ t: Int) {
        var side = index == 0 ? bid : ask
        if side.liveId != 0 {
            cancels += 1
            orderAge.record(t - side.acceptTime)
        }
        side.liveId = side.pendingId
        side.livePrice = side.pendingPrice
        side.liveRemaining = side.pendingSize
        side.acceptTime = t
        side.pendingArrival = Int.max
        // Ticks behind the market's own touch; improving the touch puts us first.
        let touch = mid - side.sign * marketHalfTicks
        let behind = (touch - side.livePrice) * side.sign
        if behind < 0 {
            side.queueAhead = 0
        } else {
            let depth = preset.touchDepthLots * (1 + min(behind, 4))
            let ahead = Int(queueRandom.next() >> 40) * depth >> 24
            side.queueAhead = ahead << 16
        }
        let ack = SoakMessage(
            kind: SoakMessage.ack, time: respond(t), side: index, id: side.liveId, decisionTime: side.pendingDecision)
        responses.push(ack)
        if index == 0 { bid = side } else { ask = side }
    }

    /// When a response leaves the exchange at `t`, it arrives (FIFO) at the client.
    @inline(__always)
    mutating func respond(_ t: Int) -> Int {
        let arrival = max(lastResponseArrival, t + orderLatency())
        lastResponseArrival = arrival
        return arrival
    }

    /// A market order meets our quote on the passive side: through the mid it picks us off
    /// whole; otherwise it must reach our depth, then eat the queue ahead before us.
    @inline(__always)
    mutating func marketOrder(buy: Bool, size: Int, reach: UInt64, toxic: Bool, _ t: Int) {
        let index = buy ? 1 : 0
        var side = buy ? ask : bid
        guard side.liveId != 0 else { return }
        let depth = (mid - side.livePrice) * side.sign
        var quantity: Int
        if depth <= 0 {
            quantity = side.liveRemaining
        } else {
            let table = toxic ? toxicReach : noiseReach
            guard reach < table[min(depth, Self.reachTableSize - 1)] else { return }
            let ahead = side.queueAhead >> 16
            if size <= ahead {
                side.queueAhead -= size << 16
                if index == 0 { bid = side } else { ask = side }
                return
            }
            side.queueAhead = 0
            quantity = min(side.liveRemaining, size - ahead)
        }
        side.liveRemaining -= quantity
        recordFill(sign: side.sign, lots: quantity, price: Double(side.livePrice), maker: true, t)
        if side.liveRemaining == 0 {
            filledOrders += 1
            orderAge.record(t - side.acceptTime)
        }
        let message = SoakMessage(
            kind: SoakMessage.fill, time: respond(t), side: index, id: side.liveId, quantity: side.sign * quantity,
            remaining: side.liveRemaining)
        responses.push(message)
        if side.liveRemaining == 0 { side.liveId = 0 }
        if index == 0 { bid = side } else { ask = side }
    }

    /// The hedge walks a linear book from the market's touch: average price half the walk in.
    @inline(__always)
    mutating func executeHedge(_ t: Int) {
        let sign = hedgeQuantity > 0 ? 1 : -1
        let lots = abs(hedgeQuantity)
        let walk = Double(lots) / Double(max(1, preset.touchDepthLots)) / 2
        let price = Double(mid) + Double(sign) * (Double(marketHalfTicks) + walk)
        let decision = Double(hedgeDecisionMid)
        slippage.record(value: Double(sign) * (price - decision) / decision * 1e4)
        recordFill(sign: sign, lots: lots, price: price, maker: false, t)
        responses.push(SoakMessage(kind: SoakMessage.hedgeFill, time: respond(t), quantity: hedgeQuantity))
        hedgeArrival = Int.max
    }

    /// Accounting of one fill at `price` (ticks); the markouts are resolved later.
    @inline(__always)
    mutating func recordFill(sign: Int, lots: Int, price: Double, maker: Bool, _ t: Int) {
        let m0 = Double(mid)
        let priceValue = price * profile.tickSize
        let fillNotional = Double(lots) * lotQuantity * priceValue
        let feeBps = maker ? preset.makerFeeBps : preset.takerFeeBps
        let capture = Double(sign) * (m0 - price) / m0 * 1e4
        inventory += sign * lots
        cash -= Double(sign * lots) * lotQuantity * priceValue
        fees += fillNotional * feeBps / 1e4
        notional += fillNotional
        netBpsNotional += fillNotional * (capture - feeBps)
        fills += 1
        if maker {
            makerFills += 1
            makerNotional += fillNotional
        } else {
            takerFills += 1
        }
        let markout = SoakMarkout(time: t, sign: sign, mid: mid, notional: fillNotional)
        markout100ms.push(markout)
        markout1s.push(markout)
        markout5s.push(markout)
    }

    /// adverse = s * (m0 - m_tau) / m0 in bps; the 1 s one also enters net_bps.
    @inline(__always)
    mutating func resolveMarkouts(_ t: Int) {
        while !markout100ms.isEmpty && markout100ms.first.time + 100 <= t {
            adverse100ms.record(value: adverse(markout100ms.first))
            markout100ms.removeFirst()
        }
        while !markout1s.isEmpty && markout1s.first.time + 1000 <= t {
            let value = adverse(markout1s.first)
            adverse1s.record(value: value)
            netBpsNotional -= markout1s.first.notional * value
            markout1s.removeFirst()
        }
        while !markout5s.isEmpty && markout5s.first.time + 5000 <= t {
            adverse5s.record(value: adverse(markout5s.first))
            markout5s.removeFirst()
        }
    }

    @inline(__always)
    func adverse(_ markout: SoakMarkout) -> Double {
        Double(markout.sign) * Double(markout.mid - mid) / Double(markout.mid) * 1e4
    }
}
