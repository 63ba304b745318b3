import Foundation
import QSHCore
import Testing

@testable import QSHData

/// The hand-written fast paths of reading a large file against the general code they stand
/// in for: the same bits, the same stops, the same refusals.
struct FastPathTests {
    typealias Lcg = DecimalParserTests.Lcg

    /// `parsePlain` 8 bytes at a time, one at a time, and the general parser all agree.
    @Test func plainNumbersAgreeWithTheGeneralParser() {
        var rng = Lcg(state: 11)
        let alphabet = Array("0123456789012345678901234567890123456789..-+e,x \r\"".utf8)
        var mismatches: [String] = []
        for _ in 0..<300_000 {
            let length = 1 + rng.below(12)
            var bytes = (0..<length).map { _ in alphabet[rng.below(alphabet.count)] }
            if rng.below(3) == 0 { bytes = Array("\(rng.below(100_000)).\(rng.below(100))".utf8) }
            let cellLength = 1 + rng.below(bytes.count)
            bytes += Array(repeating: UInt8(ascii: ","), count: 8)  // room to load past the cell
            bytes.withUnsafeBufferPointer { buffer in
                let start = buffer.baseAddress!
                let end = start + cellLength
                var byWord = start, byByte = start
                let word = DecimalParser.parsePlain(&byWord, end, readable: start + buffer.count)
                let byte = DecimalParser.parsePlain(&byByte, end)
                let text = String(decoding: UnsafeBufferPointer(start: start, count: cellLength), as: UTF8.self)
                if word?.bitPattern != byte?.bitPattern || (word != nil && byWord != byByte) {
                    mismatches.append("word/byte: '\(text)'")
                }
                // Stopped at the end, a plain number is the general parser's number.
                if let word, byWord == end, DecimalParser.parseGeneral(start, end)?.bitPattern != word.bitPattern {
                    mismatches.append("general: '\(text)'")
                }
                if DecimalParser.parse(start, end)?.bitPattern != DecimalParser.parseGeneral(start, end)?.bitPattern {
                    mismatches.append("parse: '\(text)'")
                }
            }
        }
        #expect(mismatches.isEmpty, "\(mismatches.prefix(10))")
    }

    @Test(arguments: ["0", "0.0", "5.", "1498.31", "1498.3", "619", "9999999", "000.001", "1.00000", "12.3456"])
    func shortPlainNumbersTakeTheWordPath(_ text: String) {
        let bytes = Array((text + ",,,,,,,,").utf8)
        bytes.withUnsafeBufferPointer { buffer in
            let parsed = PlainWord.parse(buffer.baseAddress!)
            #expect(parsed?.0.bitPattern == Double(text)!.bitPattern)
            #expect(parsed?.1 == text.utf8.count)
        }
    }

    @Test(arguments: ["12345678", "-1.5", "+1", ".5", "1.2.3", "1.234567", "é1"])
    func otherNumbersAreLeftToTheByteLoop(_ text: String) {
        let bytes = Array((text + ",,,,,,,,").utf8)
        bytes.withUnsafeBufferPointer { #expect(PlainWord.parse($0.baseAddress!) == nil) }
    }

    @Test func newlinesAreCounted() {
        var rng = Lcg(state: 3)
        for length in Array(0..<70) + [8_191, 8_192, 8_193, 100_000] {
            let bytes = (0..<length).map { _ in rng.below(4) == 0 ? UInt8(0x0A) : UInt8(0x41 + rng.below(3)) }
            let counted = bytes.withUnsafeBufferPointer { NewlineCount.of($0) }
            #expect(counted == bytes.filter { $0 == 0x0A }.count)
        }
        let many = [UInt8](repeating: 0x0A, count: 40_000)  // more than 255 per byte lane
        #expect(many.withUnsafeBufferPointer { NewlineCount.of($0) } == 40_000)
    }

    /// The fixed `YYYY-MM-DDTHH:MM:SSZ` path gives what the general grammar gives for the same
    /// instant written with a space, and refuses what it refuses.
    @Test func fixedTimestampsAgreeWithTheGeneralGrammar() {
        var rng = Lcg(state: 5)
        for _ in 0..<50_000 {
            func two(_ limit: Int) -> String { String(format: "%02d", rng.below(limit)) }
            let date = String(format: "%04d", 1900 + rng.below(300)) + "-" + two(14) + "-" + two(33)
            let time = two(26) + ":" + two(62) + ":" + two(62)
            let fixed = Timestamp.parse(date + "T" + time + "Z")
            #expect(fixed == Timestamp.parse(date + " " + time), "\(date)T\(time)Z")
        }
        #expect(Timestamp.parse("2022-01-01T00:00:00Z") == 1_640_995_200_000)
        #expect(Timestamp.parse("2024-02-29T23:59:59Z") == 1_709_251_199_000)
        #expect(Timestamp.parse("2023-02-29T00:00:00Z") == nil)
        #expect(Timestamp.parse("2022-01-01T00:00:0xZ") == nil)
    }

    /// The date remembered from the row before gives what parsing the whole text gives.
    @Test func rememberedDatesGiveTheSameInstants() {
        var rng = Lcg(state: 6)
        var day = FixedUTCDay()
        var date = "2022-01-01"
        for _ in 0..<20_000 {
            func two(_ limit: Int) -> String { String(format: "%02d", rng.below(limit)) }
            if rng.below(50) == 0 { date = String(format: "%04d", 1990 + rng.below(60)) + "-" + two(14) + "-" + two(33) }
            let text = date + "T" + two(25) + ":" + two(61) + ":" + two(61) + "Z"
            let parsed = Array(text.utf8).withUnsafeBufferPointer { Timestamp.parseFixedUTC($0.baseAddress!, day: &day) }
            #expect(parsed == Timestamp.parse(text), "\(text)")
        }
    }

    /// The majority shortcut of the median spacing against the quick-select it skips.
    @Test func medianSpacingWithAndWithoutAMajority() {
        var rng = Lcg(state: 9)
        for trial in 0..<400 {
            let count = 2 + rng.below(300)
            var time: Int64 = 0
            let regular = Int64(1 + rng.below(5)) * 60_000
            let share = rng.below(101)  // percent of gaps that are `regular`
            let timestamps = (0..<count).map { _ in
                time += rng.below(100) < share ? regular : Int64(1 + rng.below(600_000))
                return time
            }
            let gaps = zip(timestamps.dropFirst(), timestamps).map { $0 - $1 }.sorted()
            let median = timestamps.withUnsafeBufferPointer { BarInterval.medianSpacingMillis($0) }
            #expect(median == gaps[gaps.count / 2], "trial \(trial)")
        }
    }
}
