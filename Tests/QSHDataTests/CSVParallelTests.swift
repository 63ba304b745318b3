import Foundation
import QSHCore
import Testing

@testable import QSHData

/// Large files are read in two halves on two threads, and rows in the usual form take a
/// one-pass path (`PlainRow`): neither may change a value or a message. Every case here is
/// parsed both ways (two halves forced, and one thread throughout) and must agree exactly.
struct CSVParallelTests {
    static let header = "timestamp,open,high,low,close,adj_close,volume"

    /// `count` minute rows in assorted number forms (plain, long, exponents, padded, quoted).
    static func rows(_ count: Int, seed: UInt64 = 1) -> [String] {
        var rng = DecimalParserTests.Lcg(state: seed)
        let start: Int64 = 1_640_995_200_000  // 2022-01-01
        return (0..<count).map { index in
            let time = Timestamp.formatISO(start + Int64(index) * 60_000)
            let low = 100 + Double(rng.below(100_000)) / 100
            let high = low + Double(rng.below(500)) / 100
            let close = (low + high) / 2
            let forms = [
                "\(low)", "\(high)", String(format: "%.2f", close), "\(close)", "\(Double(rng.below(1_000)))",
            ]
            switch rng.below(12) {
            case 0: return "\(time),\(forms[2]),\(forms[1]),\(forms[0]),\(forms[2]),\(forms[2]),1e3"
            case 1: return "\(time), \(forms[2]) ,\(forms[1]),\(forms[0]),\"\(forms[2])\",\(forms[2]),\(rng.below(99))"
            case 2: return "\(time),\(forms[3]),\(high * 1_000_000),\(forms[0]),\(forms[3]),\(forms[3]),-0"
            case 3: return "\(time),+\(forms[2]),\(forms[1]),\(forms[0]),\(forms[2]),\(forms[2]),.5"
            default: return "\(time),\(forms[2]),\(forms[1]),\(forms[0]),\(forms[2]),\(forms[3]),\(forms[4])"
            }
        }
    }

    /// The file parsed with two halves forced, and on one thread.
    static func both(_ text: String) -> (parallel: String, sequential: String) {
        func describe(_ parallelBytes: Int) -> String {
            let bytes = Array(text.utf8)
            let result: Result<CSVBarFile, DataError> = bytes.withUnsafeBytes { raw in
                Result { () throws(DataError) in
                    try CSVBarReader.parse(bytes: raw, sourceName: "data/x.csv", adjust: nil, parallelBytes: parallelBytes)
                }
            }
            switch result {
            case .success(let file):
                let s = file.series
                let bits = (0..<s.count).map { i in
                    "\(s.timestamps[i]) \(s.open[i].bitPattern) \(s.high[i].bitPattern) \(s.low[i].bitPattern) "
                        + "\(s.close[i].bitPattern) \(s.volume[i].bitPattern)"
                }
                return "\(s.count) rows \(file.adjusted) \(s.hasHighLow)\n" + bits.joined(separator: "\n")
            case .failure(let error):
                return "error: \(error.message)"
            }
        }
        return (describe(1), describe(Int.max))
    }

    func expectSame(_ lines: [String], _ comment: Comment? = nil, sourceLocation: SourceLocation = #_sourceLocation) {
        let (parallel, sequential) = Self.both(lines.joined(separator: "\n") + "\n")
        if parallel != sequential {
            Issue.record(
                "\(comment?.rawValue ?? ""): two halves gave \(parallel.prefix(300)), one thread \(sequential.prefix(300))",
                sourceLocation: sourceLocation)
        }
    }

    @Test func cleanFilesGiveTheSameBars() {
        let rows = Self.rows(2_000)
        expectSame([Self.header] + rows)
        expectSame(["timestamp,close"] + rows.map { String($0.split(separator: ",")[0]) + "," + $0.split(separator: ",")[4] })
        expectSame(["volume,close,junk,time"] + rows.map {
            let cells = $0.split(separator: ",", omittingEmptySubsequences: false)
            return "\(cells[6]),\(cells[4]),x,\(cells[0])"
        })
        let (parallel, _) = Self.both(([Self.header] + rows).joined(separator: "\n") + "\n")
        #expect(parallel.hasPrefix("2000 rows true true"))
    }

    @Test func lineEndsAndBlankLines() {
        let rows = Self.rows(1_000)
        expectSame([Self.header] + rows.map { $0 + "\r" }, "CRLF")
        var blanks = [Self.header] + rows
        for index in [3, 400, 499, 500, 501, 502, 700] { blanks.insert(index % 2 == 0 ? "" : "  \t", at: index) }
        expectSame(blanks, "blank lines")
        let unterminated = ([Self.header] + rows).joined(separator: "\n")
        let (parallel, sequential) = Self.both(unterminated)
        #expect(parallel == sequential)
    }

    /// A defect on each line around the middle (where the halves meet) and far from it.
    @Test func everyDefectNamesTheSameLine() {
        let rows = Self.rows(600)
        let defects: [(String) -> String] = [
            { $0.replacingOccurrences(of: ",", with: ",x", options: [], range: $0.range(of: ",")) },  // bad open
            { $0 + ",9" },  // too many fields
            { String($0.prefix(10)) + "T99" + $0.dropFirst(13) },  // bad time
            { _ in rows[0] },  // out of order
            { _ in "" },  // blank: fine
        ]
        for (kind, defect) in defects.enumerated() {
            for row in Array(280..<320) + [0, 1, 598, 599] {
                var lines = [Self.header] + rows
                lines[row + 1] = defect(lines[row + 1])
                expectSame(lines, "defect \(kind) on row \(row)")
            }
        }
    }

    @Test func theFirstOfSeveralDefectsIsReported() {
        var lines = [Self.header] + Self.rows(600)
        lines[50] += ",x"
        lines[450] = "garbage"
        let (parallel, sequential) = Self.both(lines.joined(separator: "\n"))
        #expect(parallel == sequential)
        #expect(parallel.hasPrefix("error: data/x.csv:51:"))
        lines[50] = Self.rows(600)[48]
        let (laterParallel, laterSequential) = Self.both(lines.joined(separator: "\n"))
        #expect(laterParallel == laterSequential)
        #expect(laterParallel.hasPrefix("error: data/x.csv:51:"))  // duplicate timestamp
    }

    @Test func duplicatesWhereTheHalvesMeet() {
        let rows = Self.rows(600)
        for row in 280..<320 {
            var lines = [Self.header] + rows
            lines[row + 1] = rows[row - 1]
            expectSame(lines, "duplicate on row \(row)")
        }
    }

    /// Files of 8 MB and more are also read by two threads; a partial last line is ignored
    /// when asked (`--follow`).
    @Test func largeFilesReadFromDisk() throws {
        let folder = try TemporaryFolder()
        defer { folder.cleanup() }
        let rows = Self.rows(130_000, seed: 5)
        let text = ([Self.header] + rows).joined(separator: "\n") + "\n"
        #expect(text.utf8.count > FileBytes.parallelReadBytes)
        let path = try folder.write("big.csv", text + "2030-01-01T00:00:00Z,1,2")
        let read = try CSVBarReader.read(path: path, completeLinesOnly: true)
        #expect(read == (try parseCSV(text, name: path)))
        #expect(throws: DataError.self) { try CSVBarReader.read(path: path) }
        let full = try folder.write("full.csv", text)
        #expect(try CSVBarReader.read(path: full) == (try parseCSV(text, name: full)))
    }
}
