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
                try trades.append(Array((PaperTrades.header.joined(separator: ",") + "\n").utf8), sync: true)
            }
            try status.write(in: folder)
            return
        }
        createdAt = context.clock()
        var config = documents.config.objectValue ?? [:]
        config["paper"] = .bool(true)
        let configJSON = JSONValue.object(config)
        self.config = configJSON
        let made = ArtifactID.make(kind: "paper", config: configJSON, now: createdAt)
        configHash = made.configHash
        let parent = PaperLayout.sessionsDirectory(root: context.artifactRoot)
        try Folders.create(parent)
        (id, folder) = try Self.createUnique(parent: parent, baseName: made.id)
        status = PaperSessionStatus(
            sessionID: id, command: context.command, requestID: context.requestID, startedAt: createdAt,
            updatedAt: createdAt, barsTotal: simulated.result.days, cash: request.initialCash, equity: request.initialCash)
        trades = try AppendOnlyFile(path: folder + "/trades.csv")
        try FileManager.default.createDirectory(atPath: folder + "/artifacts", withIntermediateDirectories: true)
        try AtomicFile.write(configJSON.formatted() + "\n", to: folder + "/config.json")
        try AtomicFile.write(metadata(context: context).formatted() + "\n", to: folder + "/session_metadata.json")
        try trades.append(Array((PaperTrades.header.joined(separator: ",") + "\n").utf8), sync: true)
        try status.write(in: folder)
    }

    /// An ISO time written by `ISOTime` back as a date.
    static func date(_ value: JSONValue?) -> Date? {
        guard let text = value?.stringValue, let millis = Timestamp.parseCalendar(text) else { return nil }
        return Date(timeIntervalSince1970: Double(millis) / 1000)
    }

    /// `<id>`, else `<id>_2`, `<id>_3`, ...: a session folder is made once and never reused.
    static func createUnique(parent: String, baseName: String) throws -> (String, String) {
        for attempt in 1...10_000 {
            let name = attempt == 1 ? baseName : "\(baseName)_\(attempt)"
            let path = (parent as NSString).appendingPathComponent(name)
            if mkdir(path, 0o755) == 0 { return (name, path) }
            guard errno == EEXIST else {
                throw InvalidInputError("cannot create session folder '\(path)': \(String(cString: strerror(errno)))")
            }
        }
        throw InvalidInputError("cannot create a session folder under '\(parent)': too many sessions with id \(baseName)")
    }

    func metadata(context: ServiceContext) -> JSONValue {
        .object([
            "session_id": .string(id),
            "mode": .string("paper"),
            "command": .string(context.command),
            "created_at": .string(ISOTime.string(from: createdAt)),
            "request_id": context.requestID.map { .string($0) } ?? .null,
            "config_hash": .string(configHash),
            "config_path": .string(folder + "/config.json"),
            "tool_version": .string(QSHVersion.number),
            "data_source": .string(documents.dataSource),
            "ticker": .string(documents.request.ticker),
            "strategy": .string(type(of: documents.validated.strategy).name),
            "pace_seconds": documents.request.paceSeconds.map { .double($0) } ?? .null,
        ])
    }

    /// Every frame bar in order, at the requested pace; the heartbeat and the fills reach the
    /// disk as the loop goes.
    mutating func trade(context: ServiceContext) async throws {
        let result = simulated.result
        let series = simulated.loaded.series
        let fee = documents.request.costs.fee
        let pace = documents.request.paceSeconds.map { Duration.milliseconds(Int64(($0 * 1000).rounded())) }
        let clock = ContinuousClock()
        var lastBeat = clock.now
        for k in processed..<result.days {
            let paced = pace != nil && k >= resumeFrom
            if paced || k & 0x3FF == 0 { try context.checkCancellation() }
            let row = result.frameStart + k
            if let fill = ledger.step(k: k, close: series.close[row], signal: result.signals[k], slippage: result.slippage[k], feeRate: fee),
               ledger.fills.count > existingFills {
                PaperTrades.append(fill, time: documents.timestamp(row: row), to: &pendingRows)
            }
            processed = k + 1
            if paced, let pace {
                try await PaperPace.sleep(pace, cancellation: context.cancellation)
            }
            // Unpaced, the clock is read every 1,024 bars: reading it per bar cost 4% of a replay.
            if paced || (k & 0x3FF == 0x3FF && clock.now - lastBeat >= Self.heartbeatInterval) {
                try heartbeat(context: context)
                lastBeat = clock.now
            }
        }
    }

    /// `--follow`: wait for complete lines appended to the data file and trade each new bar,
    /// with the heartbeat going while it waits. Ends when the file reaches `--end`; fails
    /// after `--idle-timeout` without a new bar, or when a new line is malformed.
    mutating func follow(_ plan: ValidatedRunRequest, context: ServiceContext) async throws {
        let path = simulated.loaded.sourceDescription
        let clock = ContinuousClock()
        var size = FileSize.of(path)
        var lastNewBar = clock.now
        var lastBeat = clock.now
        let idle = plan.request.idleTimeoutSeconds.map { Duration.milliseconds(Int64(($0 * 1000).rounded())) }
        while true {
            if let end = plan.endMillis, let last = simulated.loaded.sourceLastMillis, last >= end { return }
            if clock.now - lastBeat >= Self.heartbeatInterval || !status.waitingForData {
                status.waitingForData = true
                try heartbeat(context: context)
                lastBeat = clock.now
            }
            try await PaperPace.sleep(Self.pollInterval, cancellation: context.cancellation)
            let grown = FileSize.of(path)
            if grown != size {
                size = grown
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
        try AtomicFile.write(results.metricsDocument.formatted() + "\n", to: folder + "/metrics.json")
        try AtomicFile.write(results.report(createdAt: createdAt).formatted() + "\n", to: folder + "/report.json")
        try AtomicFile.write(results.markdown(createdAt: createdAt), to: folder + "/run_report.md")
        status.state = state
        status.finishedAt = context.clock()
        if let error {
            let classified = error as? any ClassifiedError
            status.errorType = classified?.errorType ?? (error is CancelledError ? "CancelledError" : "UnexpectedError")
            status.message = state == .aborted
                ? "operator abort (\(context.cancellation.reason.map { "\($0)" } ?? "interrupted"))"
                : Excerpt.of(classified?.message ?? "\(error)", limit: 500)
        }
        try status.write(in: folder)
        trades.close()
        // Every terminal transition refreshes paper_sessions_index.{csv,json}; a failure there
        // is worth a warning, not the session.
        do {
            try PaperSessionsIndex.upsert(session: folder, now: context.clock())
        } catch {
            context.emit(WarningEvent("the session ended but paper_sessions_index could not be refreshed: \(error)"))
        }
        return PaperOutcome(
            sessionID: id, folder: folder, reportPath: folder + "/report.json", summary: results.summary,
            finalEquity: ledger.lastEquity, fills: ledger.fills.count, barsProcessed: processed, barsTotal: status.barsTotal)
    }

    var barsProcessed: Int { processed }
}
