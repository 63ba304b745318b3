import Foundation
import QSHCore

/// Finds a ticker's file in a data folder: `<TICKER>_<interval>.csv`, then `<TICKER>.csv`.
/// With no interval asked for, the 1d file comes first, and a folder holding exactly one
/// `<TICKER>_<interval>.csv` uses it (its bar spacing then sets the interval). When nothing
/// matches, `explanation` says what was tried and which files come close (another interval,
/// another letter case), so a user is not left guessing.
struct DataFolderLookup {
    let folder: String
    private(set) var match: String?
    private(set) var explanation = ""

    init(folder: String, ticker: String, interval: BarInterval?) {
        self.folder = folder
        guard FileBytes.isDirectory(folder) else {
            explanation = FileBytes.exists(folder)
                ? "the data folder \(folder) is not a folder (--data FILE reads one file)"
                : "the folder \(folder) does not exist"
            return
        }
        guard !ticker.isEmpty, !ticker.contains("/"), !ticker.contains("\\"), !ticker.hasPrefix(".") else {
            explanation = "the ticker cannot name a file in \(folder)"
            return
        }
        let base = folder.hasSuffix("/") ? folder : folder + "/"
        let tried = ["\(ticker)_\((interval ?? .daily).text).csv", "\(ticker).csv"]
        if let name = tried.first(where: { FileBytes.exists(base + $0) }) {
            match = base + name
            return
        }
        let entries = ((try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []).sorted()
        let otherIntervals = entries.filter { Self.intervalSuffix(of: $0, ticker: ticker) != nil }
        if interval == nil, otherIntervals.count == 1 {
            match = base + otherIntervals[0]
            return
        }
        explanation = "tried " + tried.map { base + $0 }.joined(separator: " and ")
        if !otherIntervals.isEmpty {
            let flags = otherIntervals.compactMap { Self.intervalSuffix(of: $0, ticker: ticker) }.map { "--interval \($0)" }
            explanation += " (the folder has \(otherIntervals.joined(separator: ", ")): pass \(flags.joined(separator: " or ")))"
        } else {
            let lower = ticker.lowercased()
            let otherCase = entries.filter { name in
                let stem = name.lowercased()
                return stem == lower + ".csv" || (stem.hasPrefix(lower + "_") && stem.hasSuffix(".csv"))
            }
            if let first = otherCase.first {
                explanation += " (names are case-sensitive: the folder has \(first))"
            }
        }
    }

    /// `1m` for `SPY_1m.csv` and ticker `SPY`; nil when the name is not that ticker's.
    static func intervalSuffix(of name: String, ticker: String) -> String? {
        let prefix = ticker + "_"
        guard name.hasPrefix(prefix), name.hasSuffix(".csv") else { return nil }
        let suffix = String(name.dropFirst(prefix.count).dropLast(4))
        return (try? BarInterval(parsing: suffix)).map(\.text)
    }
}
