import QSHCore
import QSHData
import Testing

/// Every defect is a DataError (exit 3) whose one-line message names the file, the line, the
/// column where there is one, and the problem.
struct CSVValidationTests {
    static let header = "date,open,high,low,close,adj_close,volume"
    static let good = "2022-01-03,10,12,9,11,11,1000"

    struct Case: Sendable, CustomTestStringConvertible {
        let name: String
        let rows: [String]
        /// Pieces the message must contain (besides the file name).
        let expected: [String]
        var testDescription: String { name }
    }

    static let cases: [Case] = [
        Case(name: "unparsable number", rows: [good, "2022-01-04,10,12,9,abc,11,1000"],
             expected: ["data/x.csv:3:", "column 'close'", "'abc' is not a number"]),
        Case(name: "dangling exponent", rows: ["2022-01-04,10,12,9,11,11,1e"],
             expected: ["data/x.csv:2:", "column 'volume'", "'1e' is not a number"]),
        Case(name: "infinite number", rows: ["2022-01-04,10,12,9,1e999,11,1000"],
             expected: ["data/x.csv:2:", "column 'close'", "not a finite number"]),
        Case(name: "nan", rows: ["2022-01-04,nan,12,9,11,11,1000"],
             expected: ["data/x.csv:2:", "column 'open'", "'nan' is not a number"]),
        Case(name: "unparsable date", rows: [good, "2022-02-30,10,12,9,11,11,1000"],
             expected: ["data/x.csv:3:", "column 'date'", "'2022-02-30' is not a date"]),
        Case(name: "empty date", rows: [",10,12,9,11,11,1000"],
             expected: ["data/x.csv:2:", "column 'date'", "empty cell"]),
        Case(name: "empty price", rows: [good, "2022-01-04,10,,9,11,11,1000"],
             expected: ["data/x.csv:3:", "column 'high'", "empty cell"]),
        Case(name: "too few fields", rows: [good, "2022-01-04,10,12,9,11,1000"],
             expected: ["data/x.csv:3:", "expected 7 fields", "found 6"]),
        Case(name: "too many fields", rows: ["2022-01-04,10,12,9,11,11,1000,5"],
             expected: ["data/x.csv:2:", "expected 7 fields", "found 8"]),
        Case(name: "zero price", rows: ["2022-01-04,0,12,9,11,11,1000"],
             expected: ["data/x.csv:2:", "column 'open'", "'0' is not a positive price"]),
        Case(name: "negative low", rows: ["2022-01-04,10,12,-9,11,11,1000"],
             expected: ["data/x.csv:2:", "column 'low'", "'-9' is not a positive price"]),
        Case(name: "non-positive adjusted close", rows: ["2022-01-04,10,12,9,11,-0.0,1000"],
             expected: ["data/x.csv:2:", "column 'adj_close'", "not a positive price"]),
        Case(name: "negative volume", rows: [good, "2022-01-04,10,12,9,11,11,0", "2022-01-05,10,12,9,11,11,-1"],
             expected: ["data/x.csv:4:", "column 'volume'", "'-1' is negative"]),
        Case(name: "high below low", rows: ["2022-01-04,10,9,12,11,11,1000"],
             expected: ["data/x.csv:2:", "high 9 is below low 12"]),
        Case(name: "duplicate timestamp", rows: [good, good],
             expected: ["data/x.csv:3:", "column 'date'", "duplicate timestamp '2022-01-03'", "also on line 2"]),
        Case(name: "out of order", rows: ["2022-01-05,10,12,9,11,11,1000", good],
             expected: ["data/x.csv:3:", "'2022-01-03' is earlier than 2022-01-05", "line 2", "increasing"]),
    ]

    @Test(arguments: cases)
    func rejectsDefect(_ c: Case) {
        let text = ([Self.header] + c.rows).joined(separator: "\n") + "\n"
        let error = #expect(throws: DataError.self) { try parseCSV(text) }
        guard let message = error?.message else { return }
        for piece in c.expected {
            #expect(message.contains(piece), "\(message) lacks \(piece)")
        }
        #expect(!message.contains("\n"))
        #expect(DataError.exitCode == 3)
    }

    @Test func lineNumbersCountBlankLinesAndTheHeader() {
        let text = "\n\(Self.header)\n\n\(Self.good)\n2022-01-04,x,12,9,11,11,1000\n"
        #expect(csvError(text)?.hasPrefix("data/x.csv:5: column 'open': 'x'") == true)
    }

    @Test func missingRequiredColumnsNameTheHeaderLine() {
        let noTime = csvError("open,close\n1,2\n")
        #expect(noTime?.hasPrefix("data/x.csv:1: header 'open,close' has no time column") == true)
        let noClose = csvError("\n\ndate,open,high\n2022-01-03,1,2\n")
        #expect(noClose?.hasPrefix("data/x.csv:3: header 'date,open,high' has no 'close' column") == true)
        #expect(csvError("2022-01-03,10\n")?.contains("has no time column") == true)
    }

    @Test func noDataRows() {
        #expect(csvError("date,close\n") == "data/x.csv: no data rows after the header on line 1")
        #expect(csvError("date,close\n\n  \n") == "data/x.csv: no data rows after the header on line 1")
        #expect(csvError("")?.hasPrefix("data/x.csv: file is empty") == true)
        #expect(csvError("\u{FEFF}\r\n")?.hasPrefix("data/x.csv: file is empty") == true)
    }

    @Test func unreadableFiles() throws {
        let missing = #expect(throws: DataError.self) { try CSVBarReader.read(path: "/nonexistent/qsh/bars.csv") }
        #expect(missing?.message == "/nonexistent/qsh/bars.csv: no such file")

        let folder = try TemporaryFolder()
        defer { folder.cleanup() }
        let directory = #expect(throws: DataError.self) { try CSVBarReader.read(path: folder.path) }
        #expect(directory?.message.contains("is a folder, not a CSV file") == true)
        let device = #expect(throws: DataError.self) { try CSVBarReader.read(path: "/dev/zero") }
        #expect(device?.message == "/dev/zero: is a character device, not a regular file")
    }

    @Test func extraColumnsAreNotValidated() throws {
        let s = try parseCSV("date,close,junk\n2022-01-03,11,not a number\n2022-01-04,12,\n").series
        #expect(s.close == [11, 12])
    }
}
