import Foundation
import QSHArtifacts
import QSHCore

/// The result documents of a paper session (`metrics.json`, `report.json` with contract
/// `quantlab.paper.result`, `run_report.md`), written at its terminal transition; an aborted
/// session's cover the bars it processed and say `partial`.
struct PaperResults {
    let session: PaperSession
    let state: PaperSessionStatus.State

    var ledger: PaperLedger { session.ledger }
    var partial: Bool { state != .success }

    /// The contract's summary keys, on the paper account: total return and drawdown of its
    /// equity, `trades` = fills, `win_rate` = share of round trips that made money.
    var summary: JSONValue {
        .object([
            "total_return": .double(ledger.totalReturn),
            "sharpe_simple": .double(ledger.sharpeSimple),
            "max_drawdown": .double(ledger.maxDrawdown),
            "trades": .int(Int64(ledger.fills.count)),
            "win_rate": ledger.statistics.winRate.map { .double($0) } ?? .null,
            "days": .int(Int64(session.barsProcessed)),
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
            "bars_processed": .int(Int64(session.barsProcessed)),
            "bars_total": .int(Int64(session.status.barsTotal)),
            "partial": .bool(partial),
        ])
    }

    var metricsDocument: JSONValue {
        .object([
            "mode": .string("paper"),
            "command": .string(session.status.command),
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

    func report(createdAt: Date) -> JSONValue {
        let documents = session.documents
        let contract: JSONValue = .object([
            "schema_version": .string("1.0"),
            "contract_type": .string("quantlab.paper.result"),
            "command": .string(session.status.command),
            "status": .string(state.rawValue),
            "request_id": session.status.requestID.map { .string($0) } ?? .null,
            "run_id": .string(session.id),
            "session_id": .string(session.id),
            "mode": .string("paper"),
            "summary": summary,
            "artifacts": .array(Self.files.map { .string($0) }),
        ])
        return .object([
            "schema_version": .string("1.0"),
            "artifact_type": .string("paper_session_report"),
            "status": .string(state.rawValue),
            "partial": .bool(partial),
            "header": .object([
                "session_id": .string(session.id),
                "created_at": .string(ISOTime.string(from: createdAt)),
                "tool_version": .string(QSHVersion.number),
                "ticker": .string(documents.request.ticker),
                "strategy": .string(type(of: documents.validated.strategy).name),
                "interval": .string(documents.validated.interval.text),
                "frame_start": .string(documents.timestamp(row: documents.result.frameStart)),
                "frame_end": .string(documents.timestamp(row: documents.series.count - 1)),
                "data_source": .string(documents.dataSource),
            ]),
            "config_resolved": session.config,
            "results": .object(["metrics": metrics]),
            "artifacts": .object(Dictionary(uniqueKeysWithValues: Self.files.map { ($0, JSONValue.string($0)) })),
            "machine_contract": contract,
            "summary": summary,
        ])
    }

    func markdown(createdAt: Date) -> String {
        let documents = session.documents
        var lines = [
            "# Paper session \(session.id)", "",
            "\(documents.request.ticker) · \(type(of: documents.validated.strategy).name) · "
                + "\(documents.validated.interval.text) bars · created \(ISOTime.string(from: createdAt)) · status \(state.rawValue)"
                + (partial ? " (partial: \(session.barsProcessed) of \(session.status.barsTotal) bars)" : ""),
            "", "| metric | value |", "|---|---|",
        ]
        for (name, value) in (metrics.objectValue ?? [:]).sorted(by: { $0.key < $1.key }) {
            lines.append("| \(name) | \(value.compact()) |")
        }
        lines += ["", "Fills are in trades.csv; the session's status history ends in session_status.json.", ""]
        return lines.joined(separator: "\n")
    }
}
