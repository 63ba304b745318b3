import Foundation
import QSHArtifacts
import QSHCore

/// The result documents of a paper session (`metrics.json`, `report.json` with contract
/// `quantlab.paper.result`, `run_report.md`), written at its terminal transition; an aborted
/// session's cover the bars it processed and say `partial`.
struct PaperResults {
    let sessionID: String
    let command: String
    let requestID: String?
    let state: PaperSessionStatus.State
    let ledger: PaperLedger
    let barsProcessed: Int
    let barsTotal: Int
    let config: JSONValue
    /// `report.json`'s header beyond the id, creation time and version: ticker, strategy,
    /// interval, frame and data source (null where a session failed before its data was read).
    let header: [String: JSONValue]
    let createdAt: Date

    var partial: Bool { state != .success }

    init(session: PaperSession, state: PaperSessionStatus.State) {
        let documents = session.documents
        self.init(
            sessionID: session.id, command: session.status.command, requestID: session.status.requestID, state: state,
            ledger: session.ledger, barsProcessed: session.barsProcessed, barsTotal: session.status.barsTotal,
            config: session.config, createdAt: session.createdAt,
            header: [
                "ticker": .string(documents.request.ticker),
                "strategy": .string(type(of: documents.validated.strategy).name),
                "interval": .string(documents.validated.interval.text),
                "frame_start": .string(documents.timestamp(row: documents.result.frameStart)),
                "frame_end": .string(documents.timestamp(row: documents.series.count - 1)),
                "data_source": .string(documents.dataSource),
            ])
    }

    init(
        sessionID: String, command: String, requestID: String?, state: PaperSessionStatus.State, ledger: PaperLedger,
        barsProcessed: Int, barsTotal: Int, config: JSONValue, createdAt: Date, header: [String: JSONValue]
    ) {
        self.sessionID = sessionID
        self.command = command
        self.requestID = requestID
        self.state = state
        self.ledger = ledger
        self.barsProcessed = barsProcessed
        self.barsTotal = barsTotal
        self.config = config
        self.createdAt = createdAt
        self.header = header
    }

    /// The contract's summary keys, on the paper account: total return and drawdown of its
    /// equity, `trades` = fills, `win_rate` = share of round trips that made money.
    var summary: JSONValue {
        .object([
            "total_return": .double(ledger.totalReturn),
            "sharpe_simple": .double(ledger.sharpeSimple),
            "max_drawdown": .double(ledger.maxDrawdown),
            "trades": .int(Int64(ledger.fills.count)),
            "win_rate": ledger.statistics.winRate.map { .double($0) } ?? .null,
            "days": .int(Int64(barsProcessed)),
        ])
    }

    var metrics: JSONValue {
        let stats = ledger.statistics
        func number(_ value: Double?) -> JSONValue { value.map { .double($0) } ?? .null }
        return .object([
            "total_return": .double(ledger.totalReturn),
            "sharpe_simple": .double(ledger.sharpeSimple),
            "max_drawdown": .double(ledger.maxDrawdown),
            "final_equity": .double(ledger.lastEquity),
            "final_cash": .double(ledger.book.cash),
            "final_qty": .double(ledger.book.quantity),
            "fills": .int(Int64(ledger.fills.count)),
            "round_trips": .int(Int64(stats.count)),
            "win_rate_trades": number(stats.winRate),
            "profit_factor": number(stats.profitFactor),
            "expectancy_net": number(stats.expectancy),
            "bars_processed": .int(Int64(barsProcessed)),
            "bars_total": .int(Int64(barsTotal)),
            "partial": .bool(partial),
        ])
    }

    var metricsDocument: JSONValue {
        .object([
            "mode": .string("paper"),
            "command": .string(command),
            "status": .string(state.rawValue),
            "summary": summary,
            "best_result": metrics,
            "leaderboard_size": .int(1),
            "metrics": metrics,
        ])
    }

    static let files = [
        "session_metadata.json", "session_status.json", "config.json", "metrics.json", "report.json", "trades.csv",
        "run_report.md", "artifacts/",
    ]

    /// `metrics.json`, `report.json` and `run_report.md`, each atomically.
    func write(in folder: String) throws {
        try AtomicFile.write(metricsDocument.formatted() + "\n", to: folder + "/metrics.json")
        try AtomicFile.write(report.formatted() + "\n", to: folder + "/report.json")
        try AtomicFile.write(markdown, to: folder + "/run_report.md")
    }

    var report: JSONValue {
        var report = ContractReport(
            contractType: "quantlab.paper.result", artifactType: "paper_session_report", command: command,
            status: state.rawValue, requestID: requestID, runID: sessionID, mode: "paper", summary: summary, files: Self.files)
        report.contractExtras = ["session_id": .string(sessionID)]
        report.extras = ["partial": .bool(partial)]
        return report.document(
            header: header.merging([
                "session_id": .string(sessionID),
                "created_at": .string(ISOTime.string(from: createdAt)),
                "tool_version": .string(QSHVersion.number),
            ]) { $1 },
            configResolved: config, results: .object(["metrics": metrics]))
    }

    var markdown: String {
        func text(_ key: String) -> String { header[key]?.stringValue ?? "?" }
        var lines = [
            "# Paper session \(sessionID)", "",
            "\(text("ticker")) · \(text("strategy")) · \(text("interval")) bars · created \(ISOTime.string(from: createdAt)) · "
                + "status \(state.rawValue)" + (partial ? " (partial: \(barsProcessed) of \(barsTotal) bars)" : ""),
            "", "| metric | value |", "|---|---|",
        ]
        for (name, value) in (metrics.objectValue ?? [:]).sorted(by: { $0.key < $1.key }) {
            lines.append("| \(name) | \(value.compact()) |")
        }
        lines += ["", "Fills are in trades.csv; the session's status history ends in session_status.json.", ""]
        return lines.joined(separator: "\n")
    }
}
