import Foundation
import QSHCore
import Testing
@testable import QSHArtifacts

/// `CSVWriter` in chunks of any size gives the bytes `CSVTable` gives, and a staged file
/// written through it (on the writer thread past the first chunk) holds exactly those bytes.
@Suite struct CSVWriterTests {
    struct Stop: Error {}

    /// A table exercising every field kind, long quoted text and repeated numbers.
    static func rows(_ writer: inout CSVWriter, count: Int) throws {
        try writer.header(["t", "x", "note", "n", "e"])
        var last = RepeatedNumber()
        for row in 0..<count {
            try writer.timestamp(1_700_000_000_000 + Int64(row) * 60_000, intraday: true)
            try writer.number(Double(row) / 7)
            try writer.text(row % 97 == 0 ? String(repeating: "say \"hi\", ", count: 40) : "r\(row)")
            try writer.integer(row % 3 - 1)
            try writer.number(row % 50 < 30 ? 1.25 : Double(row) * 1e-9, unlessRepeated: &last)
            try writer.endRow()
        }
    }

    static func expected(count: Int) -> String {
        var table = CSVTable(header: ["t", "x", "note", "n", "e"])
        for row in 0..<count {
            table.append([
                .text(Timestamp.formatISO(1_700_000_000_000 + Int64(row) * 60_000)), .number(Double(row) / 7),
                .text(row % 97 == 0 ? String(repeating: "say \"hi\", ", count: 40) : "r\(row)"), .integer(row % 3 - 1),
                .number(row % 50 < 30 ? 1.25 : Double(row) * 1e-9),
            ])
        }
        return table.text
    }

    @Test(arguments: [64, 100, 1_000, 1 << 20])
    func chunkSizeDoesNotChangeTheBytes(_ capacity: Int) throws {
        final class Chunks { var bytes: [UInt8] = []; var count = 0 }
        let chunks = Chunks()
        var writer = CSVWriter(capacity: capacity) { chunk in
            chunks.bytes.append(contentsOf: chunk)
            chunks.count += 1
        }
        try Self.rows(&writer, count: 40)
        try writer.finish()
        #expect(writer.rowCount == 40)
        #expect(writer.flushedBytes == chunks.bytes.count)
        #expect(String(decoding: chunks.bytes, as: UTF8.self) == Self.expected(count: 40))
        if capacity < 1_000 { #expect(chunks.count > 10) }
    }

    @Test func aThrowingSinkStopsTheWriter() throws {
        var calls = 0
        var writer = CSVWriter(capacity: 64) { _ in
            calls += 1
            if calls == 3 { throw Stop() }
        }
        #expect(throws: Stop.self) { try Self.rows(&writer, count: 100) }
        #expect(calls == 3)
    }

    /// 30,000 rows (about 1.9 MB): the first chunk written in place, the rest by the thread.
    @Test func stagedFilesWrittenInChunksHoldEveryByte() throws {
        let folder = try TemporaryFolder()
        let directory = try StagedDirectory(parent: folder.path, finalName: "run")
        try directory.writeCSV(file: "big.csv") { try Self.rows(&$0, count: 30_000) }
        try directory.writeCSV(file: "small.csv") { try Self.rows(&$0, count: 3) }
        let committed = try directory.commit()
        let big = try String(contentsOfFile: committed.path + "/big.csv", encoding: .utf8)
        #expect(big.utf8.count > 1 << 20)
        #expect(big == Self.expected(count: 30_000))
        #expect(try String(contentsOfFile: committed.path + "/small.csv", encoding: .utf8) == Self.expected(count: 3))
    }

    @Test func anErrorWhileFillingIsRethrownAndTheFolderDiscarded() throws {
        let folder = try TemporaryFolder()
        #expect(throws: Stop.self) {
            _ = try StagedDirectory.commitUnique(parent: folder.path, baseName: "run") { _, directory in
                try directory.writeCSV(file: "big.csv") { writer in
                    try Self.rows(&writer, count: 30_000)
                    throw Stop()
                }
            }
        }
        #expect(folder.list() == [])
    }
}
