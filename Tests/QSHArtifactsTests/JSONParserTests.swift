import Testing
@testable import QSHArtifacts

/// What `JSONValue.parse` accepts: kinds kept apart, round trips of the printers' output,
/// duplicate keys. (Rejections are in JSONParseErrorTests, random input in JSONFuzzTests.)
@Suite struct JSONParserTests {
    static let scalars: [(String, JSONValue)] = [
        ("true", .bool(true)), ("false", .bool(false)), ("null", .null),
        ("0", .int(0)), ("-0", .int(0)), ("1", .int(1)), ("42", .int(42)), ("-17", .int(-17)),
        ("9223372036854775807", .int(.max)), ("-9223372036854775808", .int(.min)),
        ("1.0", .double(1.0)), ("1e2", .double(100)), ("1E2", .double(100)), ("1e+2", .double(100)),
        ("1e-2", .double(0.01)), ("-2.5e-3", .double(-0.0025)), ("-0.0", .double(-0.0)), ("0.0", .double(0)),
        ("0e0", .double(0)), ("1.5E+16", .double(1.5e16)), ("631.0", .double(631)),
        ("1e-400", .double(0)), ("5e-324", .double(.leastNonzeroMagnitude)),
        ("1.7976931348623157e308", .double(.greatestFiniteMagnitude)),
        // Past Int64: the nearest double, as Python's float(int) would give.
        ("9223372036854775808", .double(9223372036854775808.0)),
        ("-9223372036854775809", .double(-9223372036854775808.0)),
        ("123456789012345678901234567890", .double(1.2345678901234568e+29)),
        (#""""#, .string("")), (#""x""#, .string("x")),
        (#""h\u00e9llo \ud83d\ude00 \/ \b\f\n\r\t \" \\""#, .string("h\u{E9}llo \u{1F600} / \u{8}\u{C}\n\r\t \" \\")),
        (#""\u0000\u001F\u00E9\uD834\uDD1E""#, .string("\u{0}\u{1F}\u{E9}\u{1D11E}")),
        ("\"\u{E9}\u{1F600} raw\"", .string("\u{E9}\u{1F600} raw")), ("\"\u{7F}\"", .string("\u{7F}")),
        (" \t\r\n 7 \t\r\n ", .int(7)),
    ]

    @Test(arguments: scalars) func scalarsKeepTheirKinds(_ text: String, _ expected: JSONValue) throws {
        let value = try JSONValue.parse(text)
        #expect(value == expected)
        #expect(value.typeName == expected.typeName)
        if case .double(let number) = expected {
            #expect(value.doubleValue?.bitPattern == number.bitPattern, "the sign of zero survives")
        }
        #expect(try JSONValue.parse(bytes: Array(text.utf8)) == expected)
    }

    @Test func integersDoublesAndBooleansStayApart() throws {
        let value = try JSONValue.parse(#"[1, 1.0, 1e0, true, "1"]"#)
        #expect(value == [.int(1), .double(1), .double(1), .bool(true), .string("1")])
        #expect(value.arrayValue?.map(\.typeName) == ["integer", "number", "number", "boolean", "string"])
        #expect(try JSONValue.parse("1") != JSONValue.parse("1.0"))
        #expect(try JSONValue.parse("1") != JSONValue.parse("true"))
    }

    @Test func containersAndWhitespace() throws {
        let value = try JSONValue.parse(" \t\r\n{ \"a\" : [ 1 , 2.5 , \"x\" , { } , [ ] ] , \"b\" : {\"c\": null} }\n ")
        #expect(value == ["a": [1, 2.5, "x", [:], []], "b": ["c": nil]])
        #expect(try JSONValue.parse("[]") == [])
        #expect(try JSONValue.parse("{}") == [:])
        #expect(try JSONValue.parse("[[[]]]") == [[[]]])
        #expect(try JSONValue.parse(#"{"":""}"#) == ["": ""])
    }

    @Test func duplicateKeysAreRejectedWhereTheSecondStarts() throws {
        let error = #expect(throws: JSONParseError.self) { try JSONValue.parse(#"{"k": 1, "k": 2}"#) }
        #expect(error?.description == "duplicate key 'k' at line 1, column 10")
        #expect(throws: JSONParseError.self) { try JSONValue.parse(#"{"a": {"k": 1, "k": 2}}"#) }
        #expect(try JSONValue.parse(#"{"k": {"k": 1}, "j": {"k": 2}}"#).objectValue?.count == 2, "nested objects are separate")
        #expect(try JSONValue.parse(#"{"k": 1, "K": 2}"#) == ["k": 1, "K": 2], "case matters")
        #expect(try JSONValue.parse(#"{"\u00e9": 1, "\u00c9": 2}"#).objectValue?.count == 2)
    }

    /// Documented: keys are Swift strings, so canonically equivalent spellings are one key,
    /// and giving it twice is a duplicate.
    @Test func canonicallyEquivalentKeysAreOneKey() throws {
        #expect(throws: JSONParseError.self) { try JSONValue.parse(#"{"\u00e9": 1, "e\u0301": 2}"#) }
    }

    static let documents: [JSONValue] = [
        [
            "s": "quote \" backslash \\ tab \t nul \u{0} \u{E9} \u{1F600} \u{2028}", "i": -17, "d": 0.1, "big": 1.5e16,
            "neg0": -0.0, "tiny": .double(.leastNonzeroMagnitude), "max": .int(.max), "min": .int(.min),
            "list": [true, false, nil, [[]], [:]], "nested": ["deeper": ["x": [1, [2, [3]]]]], "": "empty key",
        ],
        [], [:], "only a string", 0, -0.0, nil, [[[[[[["deep"]]]]]]],
        ["schema_version": "1.0", "request_id": "r-1", "command": "run", "params": ["ticker": "ETH-USD", "fee": 0.001]],
    ]

    @Test(arguments: documents) func printedDocumentsReadBackUnchanged(_ value: JSONValue) throws {
        for text in [value.formatted(), value.compact(), value.line(), value.formatted() + "\n"] {
            #expect(try JSONValue.parse(text) == value)
            #expect(try JSONValue.parse(bytes: Array(text.utf8)) == value)
            #expect(try JSONValue.parse(text).formatted() == value.formatted(), "printing is stable")
        }
    }

    /// Text written by Python's `json.dumps(obj, sort_keys=True, indent=2)` (pasted) reads back
    /// and prints identically.
    @Test func pythonOutputReadsBackAndPrintsIdentically() throws {
        let python = #"""
            {
              "config": {
                "fee": 0.001,
                "params": {
                  "fast": 10,
                  "slow": 50
                },
                "ticker": "\u00c9TH-\u20ac"
              },
              "created_at": "2026-01-01T00:00:00+00:00",
              "summary": {
                "max_drawdown": -0.2500000000000001,
                "sharpe_simple": null,
                "total_return": 1e-05,
                "trades": 0
              },
              "tags": [
                "\ud83d\ude00",
                true
              ]
            }
            """#
        let value = try JSONValue.parse(python)
        #expect(value.formatted() == python)
        #expect(value["config"]?["ticker"] == "\u{C9}TH-\u{20AC}")
        #expect(value["summary"]?["trades"] == .int(0))
        #expect(value["summary"]?["max_drawdown"] == .double(-0.2500000000000001))
    }

    @Test func depthUpToTheLimitIsAccepted() throws {
        #expect(JSONValue.maximumDepth == 512)
        let arrays = String(repeating: "[", count: 512) + String(repeating: "]", count: 512)
        #expect(throws: Never.self) { try JSONValue.parse(arrays) }
        let objects = String(repeating: "{\"a\":", count: 512) + "1" + String(repeating: "}", count: 512)
        #expect(throws: Never.self) { try JSONValue.parse(objects) }
        // Depth counts open containers, not siblings.
        let wide = "[" + Array(repeating: String(repeating: "[", count: 511) + String(repeating: "]", count: 511), count: 3)
            .joined(separator: ",") + "]"
        #expect(throws: Never.self) { try JSONValue.parse(wide) }
    }
}
