import Testing
@testable import QSHArtifacts

/// Strict RFC 8259: everything Python's lenient `json.loads` would take but the contract does
/// not (NaN, Infinity, lone surrogates, raw control characters) and everything malformed is a
/// `JSONParseError` whose one-line description names the 1-based line and column.
@Suite struct JSONParseErrorTests {
    struct Case: Sendable, CustomTestStringConvertible {
        let text: String
        let message: String
        let line: Int
        let column: Int
        var testDescription: String { text.debugDescription }
        init(_ text: String, _ message: String, _ line: Int, _ column: Int) {
            self.text = text
            self.message = message
            self.line = line
            self.column = column
        }
    }

    static let cases: [Case] = [
        Case("", "unexpected end of input", 1, 1),
        Case("   ", "unexpected end of input", 1, 4),
        Case("\n\n", "unexpected end of input", 3, 1),
        Case("[1,]", "unexpected character ']'", 1, 4),
        Case("{\"a\":1,}", "expected a string key", 1, 8),
        Case("[,1]", "unexpected character ','", 1, 2),
        Case("{\n  \"a\": [1,\n    2,]\n}", "unexpected character ']'", 3, 7),
        Case("01", "leading zeros are not allowed", 1, 2),
        Case("-01", "leading zeros are not allowed", 1, 3),
        Case("[1, 00]", "leading zeros are not allowed", 1, 6),
        Case("NaN", "unexpected character 'N'", 1, 1),
        Case("[NaN]", "unexpected character 'N'", 1, 2),
        Case("{\"x\": NaN}", "unexpected character 'N'", 1, 7),
        Case("Infinity", "unexpected character 'I'", 1, 1),
        Case("-Infinity", "invalid number", 1, 2),
        Case("{'a': 1}", "expected a string key", 1, 2),
        Case("['a']", "unexpected character '\\''", 1, 2),
        Case("// comment\n1", "unexpected character '/'", 1, 1),
        Case("/* c */ 1", "unexpected character '/'", 1, 1),
        Case("[1] // c", "unexpected text after the JSON value", 1, 5),
        Case("{\"a\": 1 /* c */}", "expected ',' or '}'", 1, 9),
        Case("\"a\tb\"", "control character in string", 1, 3),
        Case("\"a\nb\"", "control character in string", 1, 3),
        Case("\"\u{0}\"", "control character in string", 1, 2),
        Case("{\n\"k\": \"\u{1F}\"}", "control character in string", 2, 7),
        Case("[1] x", "unexpected text after the JSON value", 1, 5),
        Case("{} {}", "unexpected text after the JSON value", 1, 4),
        Case("1 2", "unexpected text after the JSON value", 1, 3),
        Case("\"a\"\n\n  ,", "unexpected text after the JSON value", 3, 3),
        Case("{\n\"\u{E9}\": tru}", "invalid literal", 2, 6),
        Case("True", "unexpected character 'T'", 1, 1),
        Case("nul", "invalid literal", 1, 1),
        Case("\"\\q\"", "invalid escape '\\q'", 1, 4),
        Case("\"\\x41\"", "invalid escape '\\x'", 1, 4),
        Case("\"\\u12zz\"", "invalid \\u escape", 1, 6),
        Case("\"\\u12\"", "truncated \\u escape", 1, 4),
        Case("{\"a\" 1}", "expected ':' after key", 1, 6),
        Case("{1: 2}", "expected a string key", 1, 2),
        Case("[1 2]", "expected ',' or ']'", 1, 4),
        Case("[", "unexpected end of input", 1, 2),
        Case("{\"a\":", "unexpected end of input", 1, 6),
        Case("\"abc", "unterminated string", 1, 5),
        Case("\"abc\\", "unterminated escape", 1, 6),
        Case("1.", "expected digits after '.'", 1, 3),
        Case(".5", "unexpected character '.'", 1, 1),
        Case("+1", "unexpected character '+'", 1, 1),
        Case("1e", "expected digits in the exponent", 1, 3),
        Case("1e+", "expected digits in the exponent", 1, 4),
        Case("0x10", "unexpected text after the JSON value", 1, 2),
        Case("\u{A0}1", "unexpected character", 1, 1),
        Case("\u{E9}\u{E9} x", "unexpected character", 1, 1),
    ]

    @Test(arguments: cases) func rejectsWithPosition(_ item: Case) {
        do {
            let value = try JSONValue.parse(item.text)
            Issue.record("parsed as \(value)")
        } catch {
            #expect(error.message == item.message || error.message.hasPrefix(item.message), "\(error)")
            #expect(error.line == item.line, "\(error)")
            #expect(error.column == item.column, "\(error)")
            #expect(error.description == "\(error.message) at line \(item.line), column \(item.column)")
            #expect(!error.description.contains("\n"), "one line")
        }
    }

    /// Rejected, position not pinned (the column points after the offending token).
    static let alsoRejected: [String] = [
        "\"\\ud800\"", "\"\\udc00\"", "\"\\ud800\\u0041\"", "\"\\ud83d\\ud83d\"", "\"\\ud800x\"", "\"\\ude00\\ud83d\"",
        "1e999", "-1e999", "1e400",
    ]

    @Test(arguments: alsoRejected) func rejectsLoneSurrogatesAndOverflow(_ text: String) {
        do {
            _ = try JSONValue.parse(text)
            Issue.record("parsed")
        } catch {
            #expect(error.message == "lone surrogate in \\u escape" || error.message == "number out of range", "\(error)")
            #expect(error.line == 1 && error.column > 1 && error.column <= text.count + 1, "\(error)")
        }
    }

    @Test func controlCharactersAreNotEchoedInMessages() {
        for text in ["\"a\u{1}\"", "\u{1}", "[\u{7}]"] {
            #expect {
                try JSONValue.parse(text)
            } throws: { error in
                let description = String(describing: error)
                return !description.unicodeScalars.contains { $0.value < 0x20 }
            }
        }
    }

    @Test func nestingDeeperThan512IsRejected() {
        let cases: [(String, Int, Int)] = [
            (String(repeating: "[", count: 513) + String(repeating: "]", count: 513), 1, 513),
            (String(repeating: "{\"a\":", count: 513) + "1" + String(repeating: "}", count: 513), 1, 2_561),
            ("{\"k\":\n" + String(repeating: "[", count: 600), 2, 512),
            // Far deeper than the stack could take were the limit missing.
            (String(repeating: "[", count: 200_000), 1, 513),
        ]
        for (text, line, column) in cases {
            do {
                _ = try JSONValue.parse(text)
                Issue.record("parsed \(text.prefix(20))")
            } catch {
                #expect(error.message == "nesting deeper than 512")
                #expect(error.line == line && error.column == column, "\(error)")
            }
        }
    }

    static let invalidUTF8: [([UInt8], Int)] = [
        ([0x22, 0xFF, 0x22], 2), ([0x22, 0xC3, 0x22], 2), ([0x22, 0xED, 0xA0, 0x80, 0x22], 2),
        ([0x22, 0xC0, 0xAF, 0x22], 2), ([0x22, 0xF4, 0x90, 0x80, 0x80, 0x22], 2), ([0x5B, 0x31, 0x2C, 0x80, 0x5D], 4),
        ([0x22, 0xC3, 0xA9, 0xFE, 0x22], 3),
    ]

    @Test(arguments: invalidUTF8) func invalidUTF8PointsAtTheFirstBadByte(_ bytes: [UInt8], _ column: Int) {
        do {
            _ = try JSONValue.parse(bytes: bytes)
            Issue.record("parsed")
        } catch {
            #expect(error.message == "invalid UTF-8")
            #expect(error.line == 1 && error.column == column, "\(error)")
        }
    }

    @Test func byteOrderMarkIsSkippedAndValidUTF8Accepted() throws {
        #expect(try JSONValue.parse(bytes: [0xEF, 0xBB, 0xBF, 0x31]) == 1)
        #expect(try JSONValue.parse("\u{FEFF}[2]") == [2])
        #expect(throws: JSONParseError.self) { try JSONValue.parse(bytes: [0x31, 0xEF, 0xBB, 0xBF]) }
        #expect(try JSONValue.parse(bytes: [0x22, 0xC3, 0xA9, 0x22]) == "\u{E9}")
        #expect(try JSONValue.parse(bytes: [0x22, 0xF0, 0x9F, 0x98, 0x80, 0x22]) == "\u{1F600}")
    }
}
