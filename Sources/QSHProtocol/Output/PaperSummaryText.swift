import Foundation
import QSHArtifacts
import QSHServices

/// What people see when a paper session ends.
enum PaperSummaryText {
    static func table(_ outcome: PaperOutcome, workingDirectory: String) -> String {
        let summary = outcome.sessionSummary
        let path = Paths.display(outcome.folder, relativeTo: workingDirectory)
        return """
            paper session \(outcome.sessionID): \(outcome.barsProcessed) bars, \(outcome.fills) fills, \
            final equity \(Format.decimal(outcome.finalEquity)), total return \(Format.percent(summary["total_return"]?.doubleValue))
            session: \(path)/
            """
    }

    static func json(_ outcome: PaperOutcome) -> String {
        var fields = outcome.responseFields
        fields["final_equity"] = .double(outcome.finalEquity)
        fields["fills"] = .int(Int64(outcome.fills))
        return JSONValue.object(fields).compact()
    }
}
