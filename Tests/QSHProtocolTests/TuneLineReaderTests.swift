import Foundation
import Testing

@testable import QSHServices

/// The plan reader of `tune run` reads a chunk at a time: its lines and their places are those
/// of the whole file split at `\n`, across chunk boundaries, with CRLF and without a last newline.
struct TuneLineReaderTests {
    @Test func linesAcrossChunksAreTheWholeFileSplit() throws {
        let path = FileManager.default.temporaryDirectory.appendingPathComponent("tlines-\(UUID().uuidString)").path
        defer { try? FileManager.default.removeItem(atPath: path) }
        // Lines of every length up to 3,000 bytes, about 4.5 chunks in all, some CRLF, some empty.
        var text = ""
        for index in 0..<3_000 {
            text += String(repeating: "x", count: (index * 7_919) % 3_001) + (index % 5 == 0 ? "\r\n" : "\n")
            if index % 97 == 0 { text += "\n" }
        }
        text += "last line without a newline"
        let bytes = Array(text.utf8)
        #expect(bytes.count > 4 * TuneLineReader.chunk)
        try Data(bytes).write(to: URL(fileURLWithPath: path))
        var read: [(String, Int, TuneJobsFile.Place)] = []
        #expect(try TuneLineReader.forEachLine(path: path) { raw, index, place in read.append((String(decoding: raw, as: UTF8.self), index, place)) })
        let expected = bytes.split(separator: 0x0A, omittingEmptySubsequences: false).map { String(decoding: $0, as: UTF8.self) }
        #expect(read.map(\.0) == expected)
        #expect(read.map(\.1) == Array(0..<expected.count))
        for (line, _, place) in read.prefix(500) {
            #expect(String(decoding: bytes[place.offset..<(place.offset + place.length)], as: UTF8.self) == line)
        }
        #expect(try !TuneLineReader.forEachLine(path: path + "-missing") { _, _, _ in })
    }
}
