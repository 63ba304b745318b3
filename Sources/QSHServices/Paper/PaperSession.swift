import Foundation
import QSHArtifacts
import QSHCore

/// One paper session on disk while it trades: its folder, status, ledger and `trades.csv`.
struct PaperSession {
    let id: String
    let folder: String
    private(set) var simulated: Simulation
    private(set) var documents: RunDocuments
    let createdAt: Date
    let configHash: String
    /// The session's resolved config, as in its `config.json`.
    let config: JSONValue
    var status: PaperSessionStatus
    var ledger: PaperLedger
    private let trades: AppendOnlyFile
    private var pendingRows: [UInt8] = []
    private var processed = 0
    /// Resuming: fills `trades.csv` already holds, and the bars the earlier process traded
    /// (replayed without pace; their fills are not written again).
    private var existingFills = 0
    private var resumeFrom = 0
    /// Live operation (a followed feed's new bars): every fill reaches the disk, with the
    /// status, before the next bar. A replay batches them into its heartbeats instead (see
    /// `trade`).
    private var persistEveryFill = false

    /// Fill rows held before they are written (they are synced with the next heartbeat).
    static let pendingLimit = 1 << 20

    /// The heartbeat is written at most this often by the loop (and at the end).
    static let heartbeatInterval: Duration = .seconds(1)

    init(_ simulated: Simulation, context: ServiceContext) throws {
        self.simulated = simulated
        documents = simulated.documents(context: context)
        let request = simulated.validated.request
        ledger = PaperLedger(initialCash: request.initialCash)
        if let resumed = request.resumeFolder {
            folder = resumed
            id = (resumed as NSString).lastPathComponent
            let metadata = try PaperResume.document(resumed, "session_metadata.json")
            let previous = try PaperResume.document(resumed, "session_status.json")
            createdAt = Self.date(metadata["created_at"]) ?? context.clock()
            configHash = metadata["config_hash"]?.stringValue ?? ""
            config = try PaperResume.document(resumed, "config.json")
            existingFills = try PaperResume.completeFills(in: resumed + "/trades.csv")
            resumeFrom = Int(previous["bars_processed"]?.intValue ?? 0)
            let now = context.clock()
            status = PaperSessionStatus(
                sessionID: id, command: context.command, requestID: previous["request_id"]?.stringValue,
                startedAt: Self.date(previous["started_at"]) ?? createdAt, updatedAt: now, barsTotal: simulated.result.days,
                cash: request.initialCash, equity: request.initialCash)
            status.resumedAt = now
            trades = try AppendOnlyFile(path: resumed + "/trades.csv")
            if existingFills == 0 && FileSize.of(resumed + "/trades.csv") == 0 {
                try trades.append(Array(PaperTrades.headerLine.utf8), sync: true)
            }
            try status.write(in: folder)
            return
        }
        var config = documents.config.objectValue ?? [:]
        config["paper"] = .bool(true)
        self.config = .object(config)
        let made = try PaperSessionFolder.create(
            config: self.config, validated: documents.validated, dataSource: .string(documents.dataSource), context: context)
        (id, folder, configHash, createdAt, trades) = (made.id, made.path, made.configHash, made.createdAt, made.trades)
        status = PaperSessionStatus(
            sessionID: id, command: context.command, requestID: context.requestID, startedAt: createdAt,
            updatedAt: createdAt, barsTotal: simulated.result.days, cash: request.initialCash, equity: request.initialCash)
        try status.write(in: folder)
    }

    /// An ISO time written by `ISOTime` back as a date.
    static func date(_ value: JSONValue?) -> Date? {
        guard let text = value?.stringValue, let millis = Timestamp.parseCalendar(text) else { return nil }
        return Date(timeIntervalSince1970: Double(millis) / 1000)
    }

    /// Every frame bar in order, at the requested pace; the heartbeat and the fills reach the
    /// disk as the loop goes. Paced and followed bars are live: each fill is synced to
    /// `trades.csv` and the status rewritten before the next bar. An unpaced replay (a
    /// million-bar window makes a hundred thousand fills) syncs them with its heartbeat, at
    /// most once a second: what a killed replay had not synced, its resume replays again from
    /// the same data, since the status never counts a bar whose fills are not on disk.
    mutating func trade(context: ServiceContext) async throws {
        let result = simulated.result
        let series = simulated.loaded.series
        let fee = documents.request.costs.fee
        let pace = documents.request.paceSeconds.map { Duration.milliseconds(Int64(($0 * 1000).rounded())) }
        let clock = ContinuousClock()
        let intraday = simulated.timeStyle.withTime
        var lastBeat = clock.now
        for k in processed..<result.days {
            let paced = pace != nil && k >= resumeFrom
            if paced || k & 0x3FF == 0 { try context.checkCancellation() }
            let row = result.frameStart + k
            var filled = false
            if let fill = ledger.step(k: k, close: series.close[row], signal: result.signals[k], slippage: result.slippage[k], feeRate: fee),
               ledger.fills.count > existingFills {
                PaperTrades.append(
                    fill, id: ledger.fills.count, millis: series.timestamps[row], intraday: intraday, to: &pendingRows)
                filled = true
                // Written (not synced) in slices: the rows of a long replay need not sit in memory.
                if pendingRows.count >= Self.pendingLimit {
                    try trades.append(pendingRows, sync: false)
                    pendingRows.removeAll(keepingCapacity: true)
                }
            }
            processed = k + 1
            // Unpaced, the clock is read every 1,024 bars: reading it per bar cost 4% of a replay.
            if paced || (filled && persistEveryFill) || (k & 0x3FF == 0x3FF && clock.now - lastBeat >= Self.heartbeatInterval) {
                try heartbeat(context: context)
                lastBeat = clock.now
            }
            if paced, let pace {
                try await PaperPace.sleep(pace, cancellation: context.cancellation)
            }
        }
    }

    /// `--follow`: wait for complete lines appended to the data file and trade each new bar,
    /// with the heartbeat going while it waits. Ends when the file reaches `--end`; fails
    /// after `--idle-timeout` without a new bar, or when a new line is malformed.
    mutating func follow(_ plan: ValidatedRunRequest, context: ServiceContext) async throws {
        let path = simulated.loaded.sourceDescription
        let clock = ContinuousClock()
        var file = FollowedFile(path: path)
        var lastNewBar = clock.now
        var lastBeat = clock.now
        let idle = plan.request.idleTimeoutSeconds.map { Duration.milliseconds(Int64(($0 * 1000).rounded())) }
        persistEveryFill = true
        while true {
            if let end = plan.endMillis, let last = simulated.loaded.sourceLastMillis, last >= end { return }
            if clock.now - lastBeat >= Self.heartbeatInterval || !status.waitingForData {
                status.waitingForData = true
                try heartbeat(context: context)
                lastBeat = clock.now
            }
            try await PaperPace.sleep(Self.pollInterval, cancellation: context.cancellation)
            if file.hasNewLines() {
                let reloaded = try RunService.simulate(plan, context: context, announce: false)
                guard reloaded.result.days >= processed else {
                    throw DataError("\(path): the file now holds fewer bars than the session has traded; it was replaced or truncated")
                }
                status.barsTotal = reloaded.result.days
                if reloaded.result.days > processed {
                    simulated = reloaded
                    documents = reloaded.documents(context: context)
                    status.waitingForData = false
                    try await trade(context: context)
                    lastNewBar = clock.now
                } else {
                    simulated = reloaded
                }
            }
            if let idle, clock.now - lastNewBar > idle {
                throw DataError(
                    "\(path): no new bar for \(plan.request.idleTimeoutSeconds!) s (--idle-timeout); the last was \(status.lastBarAt ?? "none")")
            }
        }
    }

    /// How often a followed session looks at its file.
    static let pollInterval: Duration = .milliseconds(100)

    /// Fills so far to `trades.csv` (synced), then the status with the loop's progress.
    mutating func heartbeat(context: ServiceContext) throws {
        if !pendingRows.isEmpty {
            try trades.append(pendingRows, sync: true)
            pendingRows.removeAll(keepingCapacity: true)
        }
        status.updatedAt = context.clock()
        status.barsProcessed = processed
        let series = simulated.loaded.series
        let lastRow = simulated.result.frameStart + max(processed - 1, 0)
        status.lastBarAt = processed > 0 ? documents.timestamp(row: lastRow) : nil
        status.lastBarMillis = processed > 0 ? series.timestamps[lastRow] : nil
        status.position = ledger.book.quantity
        status.cash = ledger.book.cash
        status.equity = ledger.book.equity(atClose: processed > 0 ? series.close[lastRow] : 0)
        if processed == 0 { status.equity = ledger.initialCash }
        status.fills = ledger.fills.count
        try status.write(in: folder)
    }

    /// The terminal transition: results (partial unless `success`), then the final status.
    mutating func finish(_ state: PaperSessionStatus.State, error: (any Error)? = nil, context: ServiceContext) throws -> PaperOutcome {
        try heartbeat(context: context)
        let results = PaperResults(session: self, state: state)
        try results.write(in: folder)
        status.end(state, at: context.clock(), error: error, cancellation: context.cancellation)
        try status.write(in: folder)
        trades.close()
        PaperSessionsIndex.refreshAfterTerminal(folder, context: context)
        return PaperOutcome(
            sessionID: id, folder: folder, reportPath: folder + "/report.json", summary: results.summary,
            finalEquity: ledger.lastEquity, fills: ledger.fills.count, barsProcessed: processed, barsTotal: status.barsTotal)
    }

    var barsProcessed: Int { processed }
}
