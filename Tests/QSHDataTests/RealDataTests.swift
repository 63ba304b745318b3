import Foundation
import QSHCore
import QSHData
import Testing

/// The real price files in `../shared/data/real/` (or `QSH_REAL_DATA_DIR`).
@Suite(.enabled(if: RealDataFolder.isAvailable, "real price files not found at \(RealDataFolder.path); set QSH_REAL_DATA_DIR"))
struct RealDataTests {
    @Test(arguments: [
        ("ETH-USD_1d.csv", 2_791, "2018-01-01", "2025-08-22"),
        ("BTC-USD_1d.csv", 2_791, "2018-01-01", "2025-08-22"),
        ("AAPL_1d.csv", 5_284, "2000-01-03", "2020-12-31"),
        ("SPY_1d.csv", 7_832, "1993-01-29", "2024-03-07"),
        ("FILUSDT-PERP_1m.csv", 131_040, "2023-04-01", "2023-06-30"),
    ] as [(String, Int, String, String)])
    func rowCountsAndSpan(_ name: String, _ rows: Int, _ first: String, _ last: String) throws {
        let file = try CSVBarReader.read(path: RealDataFolder.file(name))
        #expect(file.series.count == rows)
        #expect(file.hadAdjustedClose && file.adjusted)
        #expect(file.series.hasHighLow)
        #expect(Timestamp.formatDate(file.series.timestamps.first!) == first)
        #expect(Timestamp.formatDate(file.series.timestamps.last!) == last)
    }

    @Test func ethSpotValues() throws {
        let s = try CSVBarReader.read(path: RealDataFolder.file("ETH-USD_1d.csv")).series
        let row = s.firstIndex(atOrAfter: Timestamp.parse("2021-12-31")!)
        #expect(s.timestamps[row] == Timestamp.parse("2021-12-31"))
        #expect(s.close[row] == 3682.6328125)  // adj_close == close for ETH, so k == 1
        #expect(s.open[row] == 3713.43017578125)
        #expect(s.volume[row] == 14_157_285_268)
    }

    @Test func filIntradayMinutes() throws {
        let s = try CSVBarReader.read(path: RealDataFolder.file("FILUSDT-PERP_1m.csv")).series
        #expect(s.timestamps[1] - s.timestamps[0] == 60_000)
        #expect(Timestamp.formatISO(s.timestamps.last!) == "2023-06-30T23:59:00Z")
        #expect(s.close[0] == 5.692 && s.volume[0] == 28_753.6)
    }

    /// SPY's adjusted close differs from its close: the loaded close must equal the adj_close
    /// column exactly and open/high/low must be scaled by k = adj_close / close.
    @Test func spyAdjustedWindowMatchesTheFileColumns() throws {
        let path = RealDataFolder.file("SPY_1d.csv")
        let request = DataRequest(
            ticker: "SPY", interval: .daily, startMillis: Timestamp.parse("2010-01-01"), endMillis: Timestamp.parse("2020-01-01"),
            dataFile: path)
        let loaded = try DataSource.load(request, environment: [:])
        #expect(loaded.adjusted)
        #expect(loaded.sourceDescription == path)
        let s = loaded.series
        #expect(s.count == 2_516)
        #expect(Timestamp.formatDate(s.timestamps.first!) == "2010-01-04")
        #expect(Timestamp.formatDate(s.timestamps.last!) == "2019-12-31")

        // An independent, slow reading of the same rows with Foundation.
        let rows = try String(contentsOfFile: path, encoding: .utf8).split(separator: "\n").dropFirst()
            .map { $0.split(separator: ",").map(String.init) }
            .filter { $0[0] >= "2010-01-01" && $0[0] < "2020-01-01" }
        #expect(rows.count == s.count)
        var mismatches = 0
        for (i, f) in rows.enumerated() {
            let close = Double(f[4])!, adj = Double(f[5])!
            let k = adj / close
            if s.close[i] != adj || s.open[i] != Double(f[1])! * k || s.high[i] != Double(f[2])! * k
                || s.low[i] != Double(f[3])! * k || s.volume[i] != Double(f[6])!
            {
                mismatches += 1
            }
        }
        #expect(mismatches == 0)
        #expect(s.close.first != Double(rows[0][4]))  // really adjusted

        let raw = try DataSource.load(
            DataRequest(ticker: "SPY", interval: .daily, startMillis: request.startMillis, endMillis: request.endMillis,
                        dataFile: path, adjust: false), environment: [:])
        #expect(!raw.adjusted)
        #expect(raw.series.close == rows.map { Double($0[4])! })
    }

    @Test func dataFolderLookupFindsTheIntervalFiles() throws {
        let loaded = try DataSource.load(
            DataRequest(ticker: "ETH-USD", interval: .daily, startMillis: Timestamp.parse("2022-01-01"),
                        endMillis: Timestamp.parse("2024-01-01")),
            environment: ["QSH_DATA_DIR": RealDataFolder.path])
        #expect(loaded.series.count == 730)
        #expect(loaded.sourceDescription.hasSuffix("/ETH-USD_1d.csv"))
    }
}
