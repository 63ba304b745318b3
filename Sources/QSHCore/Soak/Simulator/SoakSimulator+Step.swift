extension SoakSimulator {
    /// One millisecond, in a fixed order: regimes, true price, client (market data, acks and
    /// fills, decisions), due order ops at the exchange, market orders and matching, feed
    /// publication, markouts. With `quoting` off only the market runs (markout tail).
    @inline(__always)
    mutating func step(quoting: Bool) {
        let t = now
        tradedThisStep = false
        var changed = false

        let regime = regimeRandom.next()
        let low = UInt32(truncatingIfNeeded: regime)
        let high = UInt32(truncatingIfNeeded: regime >> 32)
        if fast { if low < fastExit { fast = false } } else if low < fastEnter { fast = true }
        if spike { if high < spikeExit { spike = false } } else if high < spikeEnter { spike = true }

        let move = priceRandom.next()
        if move < (fast ? fastMove : calmMove) {
            mid += move & 1 == 0 ? stepTicks : -stepTicks
            changed = true
        }

        if quoting {
            backlogUs = max(0, backlogUs - 1000)
            deliver(t)
            processBacklog(t)
            tokens = min(tokenCapacity, tokens + tokenRefill)
            if wantsToAct(bid, t) { decide(side: 0, t) }
            if wantsToAct(ask, t) { decide(side: 1, t) }
            decideHedge(t)
            if bid.pendingArrival <= t { arrive(side: 0, t) }
            if ask.pendingArrival <= t { arrive(side: 1, t) }
            if hedgeArrival <= t { executeHedge(t) }
        }

        // One draw picks at most one event; its details come from the same stream, drawn
        // whether or not we quote, so the market is the same for every parameter set.
        let event = flowRandom.next()
        let thresholds = fast ? fastEvents : calmEvents
        if event < thresholds.jump {
            let detail = flowRandom.next()
            let reach = flowRandom.next()
            let size = 1 + Int(SoakMath.exponential[Int(detail >> 56)] * (event < thresholds.noiseSell ? preset.noiseMeanLots : preset.toxicMeanLots))
            if event < thresholds.noiseBuy {
                if quoting { marketOrder(buy: true, size: size, reach: reach, toxic: false, t) }
                tradedThisStep = true
            } else if event < thresholds.noiseSell {
                if quoting { marketOrder(buy: false, size: size, reach: reach, toxic: false, t) }
                tradedThisStep = true
            } else if event < thresholds.toxicSell {
                let buy = event < thresholds.toxicBuy
                if quoting { marketOrder(buy: buy, size: size, reach: reach, toxic: true, t) }
                let jump = max(1, Int(SoakMath.exponential[Int(reach >> 56)] * toxicJumpMeanTicks))
                mid += buy ? jump : -jump
                tradedThisStep = true
                changed = true
            } else {
                let jump = max(1, Int(SoakMath.exponential[Int(detail >> 56)] * jumpMeanTicks))
                mid += reach & 1 == 0 ? jump : -jump
                changed = true
            }
        }

        if changed || tradedThisStep {
            let latency = feedLatency()
            let arrival = max(lastFeedArrival, t + latency)
            lastFeedArrival = arrival
            if quoting {
                feed.push(SoakMessage(kind: SoakMessage.marketData, time: arrival, mid: mid, exchangeTime: t))
            }
        }

        resolveMarkouts(t)
        if quoting {
            if bid.queueAhead > 0 { bid.queueAhead -= (bid.queueAhead &* queueDecay) >> 32 }
            if ask.queueAhead > 0 { ask.queueAhead -= (ask.queueAhead &* queueDecay) >> 32 }
        }
        now = t + 1
    }

    /// Feed latency (ms): base + cubic jitter, plus the spike regime's extra delay.
    @inline(__always)
    mutating func feedLatency() -> Int {
        let x = preset.latencyClip + (1 - preset.latencyClip) * feedRandom.uniform()
        var ms = preset.feedBaseMs + preset.feedJitterMs * (1 / (x * x * x) - 1)
        if spike { ms += preset.feedSpikeExtraMs * (0.5 + feedRandom.uniform()) }
        return min(Self.maxLatencyMs, max(1, Int(ms.rounded(.up))))
    }

    /// Order entry or response latency (ms).
    @inline(__always)
    mutating func orderLatency() -> Int {
        let x = preset.latencyClip + (1 - preset.latencyClip) * orderRandom.uniform()
        let ms = preset.orderBaseMs + preset.orderJitterMs * (1 / (x * x * x) - 1)
        return min(Self.maxLatencyMs, max(1, Int(ms.rounded(.up))))
    }

    /// Network arrivals join the client backlog (Lindley: each adds its service time); a
    /// message is processed once the work ahead of it is done.
    @inline(__always)
    mutating func deliver(_ t: Int) {
        while !feed.isEmpty && feed.first.time <= t {
            var message = feed.first
            feed.removeFirst()
            enqueue(&message, serviceUs: preset.marketDataServiceUs, t)
        }
        while !responses.isEmpty && responses.first.time <= t {
            var message = responses.first
            responses.removeFirst()
            enqueue(&message, serviceUs: preset.responseServiceUs, t)
        }
    }

    @inline(__always)
    mutating func enqueue(_ message: inout SoakMessage, serviceUs: Int, _ t: Int) {
        backlogUs = min(Self.maxBacklogUs, backlogUs + serviceUs)
        message.arrival = t
        message.time = t * 1000 + backlogUs
        backlog.push(message)
    }

    @inline(__always)
    mutating func processBacklog(_ t: Int) {
        let done = t * 1000 + 999
        while !backlog.isEmpty && backlog.first.time <= done {
            let message = backlog.first
            backlog.removeFirst()
            switch message.kind {
            case SoakMessage.marketData:
                viewMid = message.mid
                let network = (message.arrival - message.exchangeTime) * 10
                let queue = (message.time - message.arrival * 1000) / 100
                wsLagNetwork.record(network)
                wsLagQueue.record(queue)
                wsLag.record(network + queue)
            case SoakMessage.ack:
                if message.side == 0 { bid.opInFlight = false } else { ask.opInFlight = false }
                orderAck.record(t - message.decisionTime)
            case SoakMessage.fill:
                clientInventory += message.quantity
                if message.side == 0 {
                    if message.id == bid.clientId && message.remaining == 0 {
                        bid.clientId = 0
                        bid.filledKnownAt = t
                    }
                } else if message.id == ask.clientId && message.remaining == 0 {
                    ask.clientId = 0
                    ask.filledKnownAt = t
                }
            default:
                clientInventory += message.quantity
                hedgePending -= message.quantity
            }
        }
    }
}
