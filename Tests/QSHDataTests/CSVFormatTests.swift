import QSHCore
import QSHData
import Testing

/// Header variants and layout tolerance of the CSV reader.
struct CSVFormatTests {
    let jan3: Int64 = 1_641_168_000_000  // 2022-01-03
    let day: Int64 = 86_400_000

    @Test func readsAFullFile() throws {
        let file = try parseCSV(
            """
            date,open,high,low,close,volume
            2022-01-03,10,12,9,11,1000
            2022-01-04,11,13.5,10.5,13,2000.5
            """)
        let s = file.series
        #expect(s.timestamps == [jan3, jan3 + day])
        #expect(s.open == [10, 11])
        #expect(s.high == [12, 13.5])
        #expect(s.low == [9, 10.5])
        #expect(s.close == [11, 13])
        #expect(s.volume == [1000, 2000.5])
        #expect(s.hasHighLow)
        #expect(!file.hadAdjustedClose && !file.adjusted)
    }

    @Test(arguments: [
        "date,open,high,low,close,volume",
        "Date,Open,High,Low,Close,Volume",
        "DATE , OPEN , HIGH , LOW , CLOSE , VOLUME",
        "\"date\",\"open\",\"high\",\"low\",\"close\",\"volume\"",
        "timestamp,open,high,low,close,volume",
        "Time,open,high,low,close,volume",
        "datetime,open,high,low,close,volume",
    ])
    func headerSpellings(_ header: String) throws {
        let s = try parseCSV(header + "\n2022-01-03,10,12,9,11,1000\n").series
        #expect(s.timestamps == [jan3] && s.close == [11] && s.volume == [1000])
    }

    @Test func columnOrderIsFreeAndExtraColumnsAreIgnored() throws {
        let s = try parseCSV(
            """
            symbol,volume,close,notes,low,date,high,open
            ETH,5,11,,9,2022-01-03,12,10
            ETH,6,12,anything at all,10,2022-01-04,13,11
            """
        ).series
        #expect(s.timestamps == [jan3, jan3 + day])
        #expect(s.open == [10, 11] && s.high == [12, 13] && s.low == [9, 10] && s.close == [11, 12])
        #expect(s.volume == [5, 6])
    }

    @Test func byteOrderMarkCRLFAndBlankLines() throws {
        let text = "\u{FEFF}date,close\r\n\r\n2022-01-03,11\r\n   \r\n2022-01-04,12\r\n\r\n"
        let s = try parseCSV(text).series
        #expect(s.timestamps == [jan3, jan3 + day])
        #expect(s.close == [11, 12])
    }

    @Test func noFinalNewline() throws {
        #expect(try parseCSV("date,close\n2022-01-03,11").series.close == [11])
    }

    @Test func missingOptionalColumns() throws {
        let s = try parseCSV("date,close\n2022-01-03,11\n2022-01-04,12.5\n").series
        #expect(s.open == s.close)
        #expect(s.high == s.close && s.low == s.close)
        #expect(s.volume == [0, 0])
        #expect(!s.hasHighLow)

        // A lone high (or low) column is not a usable range: both fall back to close.
        let lone = try parseCSV("date,high,close\n2022-01-03,99,11\n").series
        #expect(lone.high == [11] && lone.low == [11] && !lone.hasHighLow)

        let noOpen = try parseCSV("date,high,low,close\n2022-01-03,12,9,11\n").series
        #expect(noOpen.open == [11] && noOpen.high == [12] && noOpen.low == [9] && noOpen.hasHighLow)
    }

    @Test func timestampFormsInCells() throws {
        let s = try parseCSV(
            """
            timestamp,close
            1641168000,1
            1641168060000,2
            2022-01-03T00:02:00Z,3
            2022-01-03 00:03:00+00:00,4
            2022-01-03T01:04:00+01:00,5
            """
        ).series
        #expect(s.timestamps == [0, 60_000, 120_000, 180_000, 240_000].map { jan3 + $0 })
    }

    @Test func spacesAroundCellsAreTrimmed() throws {
        let s = try parseCSV("date, close ,volume\n 2022-01-03 , 11.5 ,\t7\n").series
        #expect(s.close == [11.5] && s.volume == [7])
    }

    @Test func adjustmentScalesOpenHighLowByTheCloseRatio() throws {
        let text = """
            date,open,high,low,close,Adj Close,volume
            2022-01-03,10,12,9,11,5.5,100
            2022-01-04,11.3,13.7,10.1,13.3,6.7,200
            """
        let file = try parseCSV(text)
        #expect(file.hadAdjustedClose && file.adjusted)
        let s = file.series
        // k = adj / close first, then each price * k (the reference's order of operations).
        for (row, raw) in [(10.0, 12.0, 9.0, 11.0, 5.5), (11.3, 13.7, 10.1, 13.3, 6.7)].enumerated() {
            let k = raw.4 / raw.3
            #expect(s.open[row] == raw.0 * k)
            #expect(s.high[row] == raw.1 * k)
            #expect(s.low[row] == raw.2 * k)
            #expect(s.close[row] == raw.4)
        }
        #expect(s.volume == [100, 200])

        let defaulted = try parseCSV(text, adjust: true)
        #expect(defaulted == file)

        let raw = try parseCSV(text, adjust: false)
        #expect(raw.hadAdjustedClose && !raw.adjusted)
        #expect(raw.series.close == [11, 13.3] && raw.series.open == [10, 11.3] && raw.series.high == [12, 13.7])
    }

    @Test(arguments: ["adj_close", "adj close", "AdjClose", "ADJ_CLOSE"])
    func adjustedCloseSpellings(_ name: String) throws {
        let file = try parseCSV("date,close,\(name)\n2022-01-03,10,5\n")
        #expect(file.adjusted && file.series.close == [5])
    }

    @Test func adjustmentWithoutOpenHighLowKeepsThemEqualToClose() throws {
        let s = try parseCSV("date,close,adj_close\n2022-01-03,3,1\n").series
        #expect(s.close == [1] && s.open == [1] && s.high == [1] && s.low == [1])
    }

    @Test func readsFromDisk() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanup() }
        let path = try folder.write("bars.csv", "date,close\n2022-01-03,11\n2022-01-04,12\n")
        let file = try CSVBarReader.read(path: path)
        #expect(file.series.close == [11, 12])
        let empty = try folder.write("empty.csv", "")
        #expect(throws: DataError.self) { try CSVBarReader.read(path: empty) }
    }
}
