import QSHCore
import QSHData
import Testing

struct DataSourceTests {
    let daily = BarInterval.daily
    let jan3: Int64 = 1_641_168_000_000  // 2022-01-03
    let day: Int64 = 86_400_000

    func csv(_ closes: [Double], from start: Int64) -> String {
        var text = "date,close\n"
        for (i, c) in closes.enumerated() { text += "\(Timestamp.formatDate(start + Int64(i) * day)),\(c)\n" }
        return text
    }

    @Test func explicitFileWinsAndIsWindowed() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanup() }
        let file = try folder.write("mine.csv", csv([1, 2, 3, 4, 5], from: jan3))
        try folder.write("SYN-X_1d.csv", csv([9], from: jan3))
        let request = DataRequest(
            ticker: "SYN-X", interval: daily, startMillis: jan3 + day, endMillis: jan3 + 4 * day, dataFile: file,
            dataDir: folder.path)
        let loaded = try DataSource.load(request, environment: [:])
        #expect(loaded.sourceDescription == file)
        #expect(loaded.series.close == [2, 3, 4])  // start included, end excluded
        #expect(!loaded.adjusted)
    }

    @Test func missingExplicitFileIsADataErrorNamingIt() throws {
        let request = DataRequest(ticker: "SYN-X", interval: daily, dataFile: "/nonexistent/bars.csv")
        let error = #expect(throws: DataError.self) { try DataSource.load(request, environment: [:]) }
        #expect(error?.message == "data file '/nonexistent/bars.csv' does not exist")
    }

    @Test func dataFolderPrefersTheIntervalFile() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanup() }
        try folder.write("ABC_1d.csv", csv([1], from: jan3))
        try folder.write("ABC.csv", csv([2], from: jan3))
        let fromRequest = try DataSource.load(DataRequest(ticker: "ABC", interval: daily, dataDir: folder.path), environment: [:])
        #expect(fromRequest.series.close == [1])
        #expect(fromRequest.sourceDescription == folder.path + "/ABC_1d.csv")

        let hourly = try BarInterval(parsing: "1h")
        let fallback = try DataSource.load(DataRequest(ticker: "ABC", interval: hourly, dataDir: folder.path), environment: [:])
        #expect(fallback.series.close == [2])
        #expect(fallback.sourceDescription == folder.path + "/ABC.csv")
    }

    @Test func environmentFolderIsUsedWhenTheRequestHasNone() throws {
        let folder = try TemporaryFolder()
        let other = try TemporaryFolder()
        defer { folder.cleanup(); other.cleanup() }
        try folder.write("ABC.csv", csv([7], from: jan3))
        try other.write("ABC.csv", csv([8], from: jan3))
        let env = ["QSH_DATA_DIR": folder.path]
        #expect(try DataSource.load(DataRequest(ticker: "ABC", interval: daily), environment: env).series.close == [7])
        // The request's folder beats the environment's.
        let request = DataRequest(ticker: "ABC", interval: daily, dataDir: other.path)
        #expect(try DataSource.load(request, environment: env).series.close == [8])
    }

    @Test func filesInTheFolderBeatTheSyntheticSource() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanup() }
        try folder.write("SYN-ETH.csv", csv([3], from: jan3))
        let loaded = try DataSource.load(DataRequest(ticker: "SYN-ETH", interval: daily, dataDir: folder.path), environment: [:])
        #expect(loaded.series.close == [3])
    }

    @Test func syntheticTickers() throws {
        let loaded = try DataSource.load(DataRequest(ticker: "SYN-ETH", interval: daily), environment: [:])
        #expect(loaded.sourceDescription == "synthetic:SYN-ETH@1d")
        #expect(!loaded.adjusted)
        // Default window 2022-01-01 ..< 2024-01-01.
        #expect(loaded.series.count == 730)
        #expect(Timestamp.formatDate(loaded.series.timestamps.first!) == "2022-01-01")
        #expect(Timestamp.formatDate(loaded.series.timestamps.last!) == "2023-12-31")

        let windowed = try DataSource.load(
            DataRequest(ticker: "SYN-ETH", interval: daily, startMillis: jan3, endMillis: jan3 + 10 * day), environment: [:])
        #expect(windowed.series.count == 10)
        #expect(windowed.series.timestamps.first == jan3)
        #expect(windowed.series.close == Array(loaded.series.close[2..<12]))
    }

    @Test func syntheticPrefixIsCaseSensitive() {
        let error = #expect(throws: DataError.self) {
            try DataSource.load(DataRequest(ticker: "syn-eth", interval: daily), environment: [:])
        }
        #expect(error?.message.hasPrefix("no data for 'syn-eth' at 1d") == true)
    }

    @Test func notFoundSaysWhatWasTriedAndHowToProvideData() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanup() }
        let error = #expect(throws: DataError.self) {
            try DataSource.load(DataRequest(ticker: "ABC", interval: daily), environment: ["QSH_DATA_DIR": folder.path])
        }
        let message = try #require(error?.message)
        #expect(message.contains("tried \(folder.path)/ABC_1d.csv and \(folder.path)/ABC.csv"))
        for hint in ["--data FILE", "--data-dir DIR", "QSH_DATA_DIR", "SYN-"] {
            #expect(message.contains(hint), "\(message) lacks \(hint)")
        }
        #expect(!message.contains("\n"))

        let bare = #expect(throws: DataError.self) {
            try DataSource.load(DataRequest(ticker: "ABC", interval: daily), environment: [:])
        }
        #expect(bare?.message.contains("no --data file or data folder was given") == true)

        let gone = #expect(throws: DataError.self) {
            try DataSource.load(DataRequest(ticker: "ABC", interval: daily, dataDir: folder.path + "/missing"), environment: [:])
        }
        #expect(gone?.message.contains("does not exist") == true)
    }

    @Test func tickersCannotEscapeTheFolder() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanup() }
        try folder.write("ABC.csv", csv([1], from: jan3))
        #expect(throws: DataError.self) {
            try DataSource.load(DataRequest(ticker: "../ABC", interval: daily, dataDir: folder.path + "/sub"), environment: [:])
        }
    }

    @Test func malformedFileInTheFolderIsReportedNotSkipped() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanup() }
        try folder.write("SYN-ETH.csv", "date,close\n2022-01-03,x\n")
        let error = #expect(throws: DataError.self) {
            try DataSource.load(DataRequest(ticker: "SYN-ETH", interval: daily, dataDir: folder.path), environment: [:])
        }
        #expect(error?.message == "\(folder.path)/SYN-ETH.csv:2: column 'close': 'x' is not a number")
    }
}
