import Testing
@testable import QSHArtifacts

/// The three layouts against CPython 3's `json.dumps(x, sort_keys=True)` (`compact`),
/// `json.dumps(x, sort_keys=True, indent=2)` (`formatted`) and
/// `json.dumps(x, sort_keys=True, separators=(",", ":"))` (`line`). Expected text pasted from Python.
@Suite struct JSONPrintingTests {
    static let document: JSONValue = [
        "schema_version": "1.0", "run_id": "20260101_000000_run_abcdef0", "Mode": "upper", "mode": "run",
        "summary": ["total_return": 0.1234, "sharpe_simple": -0.5, "max_drawdown": -0.0001, "trades": 12, "win_rate": 1e-05],
        "leaderboard": [["rank": 1, "params": ["slow": 50, "fast": 10]], ["rank": 2, "params": [:]], [], [[]], [[:]]],
        "flags": [true, false, nil], "empty_object": [:], "empty_array": [],
        "names": ["\u{E4}": "umlaut", "z": "last ascii", "Z": "upper", "\u{1F600}": "astral", "\u{9}": "tab key"],
        "numbers": [0, -1, 9223372036854775807, -9223372036854775808, 0.0, -0.0, 1e+16, 631.0, 2.5e-07],
        "deep": ["a": ["b": ["c": ["d": [1, ["e": "f\"g\\h"]]]]]],
    ]

    @Test func compactMatchesPython() {
        #expect(Self.document.compact() == #"""
            {"Mode": "upper", "deep": {"a": {"b": {"c": {"d": [1, {"e": "f\"g\\h"}]}}}}, "empty_array": [], "empty_object": {}, "flags": [true, false, null], "leaderboard": [{"params": {"fast": 10, "slow": 50}, "rank": 1}, {"params": {}, "rank": 2}, [], [[]], [{}]], "mode": "run", "names": {"\t": "tab key", "Z": "upper", "z": "last ascii", "\u00e4": "umlaut", "\ud83d\ude00": "astral"}, "numbers": [0, -1, 9223372036854775807, -9223372036854775808, 0.0, -0.0, 1e+16, 631.0, 2.5e-07], "run_id": "20260101_000000_run_abcdef0", "schema_version": "1.0", "summary": {"max_drawdown": -0.0001, "sharpe_simple": -0.5, "total_return": 0.1234, "trades": 12, "win_rate": 1e-05}}
            """#)
    }

    @Test func lineMatchesPythonWithoutSpaces() {
        #expect(Self.document.line() == #"""
            {"Mode":"upper","deep":{"a":{"b":{"c":{"d":[1,{"e":"f\"g\\h"}]}}}},"empty_array":[],"empty_object":{},"flags":[true,false,null],"leaderboard":[{"params":{"fast":10,"slow":50},"rank":1},{"params":{},"rank":2},[],[[]],[{}]],"mode":"run","names":{"\t":"tab key","Z":"upper","z":"last ascii","\u00e4":"umlaut","\ud83d\ude00":"astral"},"numbers":[0,-1,9223372036854775807,-9223372036854775808,0.0,-0.0,1e+16,631.0,2.5e-07],"run_id":"20260101_000000_run_abcdef0","schema_version":"1.0","summary":{"max_drawdown":-0.0001,"sharpe_simple":-0.5,"total_return":0.1234,"trades":12,"win_rate":1e-05}}
            """#)
    }

    @Test func formattedMatchesPythonIndent2() {
        #expect(Self.document.formatted() == #"""
            {
              "Mode": "upper",
              "deep": {
                "a": {
                  "b": {
                    "c": {
                      "d": [
                        1,
                        {
                          "e": "f\"g\\h"
                        }
                      ]
                    }
                  }
                }
              },
              "empty_array": [],
              "empty_object": {},
              "flags": [
                true,
                false,
                null
              ],
              "leaderboard": [
                {
                  "params": {
                    "fast": 10,
                    "slow": 50
                  },
                  "rank": 1
                },
                {
                  "params": {},
                  "rank": 2
                },
                [],
                [
                  []
                ],
                [
                  {}
                ]
              ],
              "mode": "run",
              "names": {
                "\t": "tab key",
                "Z": "upper",
                "z": "last ascii",
                "\u00e4": "umlaut",
                "\ud83d\ude00": "astral"
              },
              "numbers": [
                0,
                -1,
                9223372036854775807,
                -9223372036854775808,
                0.0,
                -0.0,
                1e+16,
                631.0,
                2.5e-07
              ],
              "run_id": "20260101_000000_run_abcdef0",
              "schema_version": "1.0",
              "summary": {
                "max_drawdown": -0.0001,
                "sharpe_simple": -0.5,
                "total_return": 0.1234,
                "trades": 12,
                "win_rate": 1e-05
              }
            }
            """#)
        #expect(!Self.document.formatted().hasSuffix("\n"), "the final newline is the writer's business")
    }

    @Test func emptyContainersAndScalars() {
        for value: JSONValue in [[:], []] {
            #expect(value.formatted() == value.compact())
            #expect(value.line() == value.compact())
        }
        #expect(JSONValue.object([:]).compact() == "{}")
        #expect(JSONValue.array([]).compact() == "[]")
        #expect(JSONValue.array([[], [:]]).formatted() == "[\n  [],\n  {}\n]")
        #expect(JSONValue.object(["a": [:], "b": []]).compact() == #"{"a": {}, "b": []}"#)
        #expect(JSONValue.null.formatted() == "null")
        #expect(JSONValue.bool(true).compact() == "true")
        #expect(JSONValue.bool(false).line() == "false")
        #expect(JSONValue.int(-42).compact() == "-42")
        #expect(JSONValue.int(.min).compact() == "-9223372036854775808")
        #expect(JSONValue.int(.max).line() == "9223372036854775807")
        #expect(JSONValue.string("").compact() == #""""#)
    }

    /// Python: `json.dumps({k: None for k in keys}, sort_keys=True, separators=(",", ":"))`.
    /// Sorting is by code point: upper case before lower case, Latin-1 after ASCII, U+FFFF
    /// before astral characters (which UTF-16 order would get wrong).
    @Test func keysSortByCodePointLikePython() {
        let keys = ["b", "B", "a", "A", "_", "\u{E9}", "E", "z", "Z", "\u{1F600}", "\u{FFFD}", "\u{FFFF}", "aa", "a0", "",
                    "\u{E4}", "\u{DF}", "\u{3A9}", " "]
        let object = JSONValue.object(Dictionary(uniqueKeysWithValues: keys.map { ($0, JSONValue.null) }))
        #expect(object.line() == #"{"":null," ":null,"A":null,"B":null,"E":null,"Z":null,"_":null,"a":null,"a0":null,"aa":null,"b":null,"z":null,"\u00df":null,"\u00e4":null,"\u00e9":null,"\u03a9":null,"\ufffd":null,"\uffff":null,"\ud83d\ude00":null}"#)
    }

    @Test func keysDifferingOnlyInCaseStaySeparate() {
        let object: JSONValue = ["key": 1, "Key": 2, "KEY": 3, "kEy": 4]
        #expect(object.compact() == #"{"KEY": 3, "Key": 2, "kEy": 4, "key": 1}"#)
        #expect(object.formatted() == "{\n  \"KEY\": 3,\n  \"Key\": 2,\n  \"kEy\": 4,\n  \"key\": 1\n}")
    }

    /// Python: `json.dumps(s)` (ensure_ascii): `\"`, `\\`, the five short escapes, `\u00XX`
    /// for other control characters and DEL, `\uXXXX` for all non-ASCII, surrogate pairs above
    /// U+FFFF; `/` is not escaped. Characters are never normalised.
    static let strings: [(String, String)] = [
        ("", #""""#), ("plain", #""plain""#), ("a\"b", #""a\"b""#), ("back\\slash", #""back\\slash""#),
        ("/slash", #""/slash""#), ("new\u{A}line", #""new\nline""#), ("cr\u{D}lf\u{A}", #""cr\rlf\n""#),
        ("tab\u{9}", #""tab\t""#), ("\u{8}\u{C}", #""\b\f""#), ("\u{0}", #""\u0000""#),
        ("\u{1}\u{1F}", #""\u0001\u001f""#), ("\u{7F}", #""\u007f""#), ("\u{80}\u{9F}\u{A0}", #""\u0080\u009f\u00a0""#),
        ("\u{E9}", #""\u00e9""#), ("e\u{301}", #""e\u0301""#), ("\u{FC}\u{20AC}", #""\u00fc\u20ac""#),
        ("\u{4E2D}\u{6587}", #""\u4e2d\u6587""#), ("\u{2028}\u{2029}", #""\u2028\u2029""#), ("\u{FEFF}", #""\ufeff""#),
        ("\u{FFFD}\u{FFFF}", #""\ufffd\uffff""#), ("\u{1F600}", #""\ud83d\ude00""#), ("\u{1D11E}", #""\ud834\udd1e""#),
        ("\u{10FFFF}", #""\udbff\udfff""#), ("\u{10000}", #""\ud800\udc00""#),
        ("mix \"\u{E9}\" \\ \u{1F600}\u{A}", #""mix \"\u00e9\" \\ \ud83d\ude00\n""#),
        ("\r\n", #""\r\n""#),
    ]

    @Test(arguments: strings) func stringsEscapeLikeEnsureASCII(_ value: String, _ expected: String) throws {
        let string = JSONValue.string(value)
        #expect(string.compact() == expected)
        #expect(string.formatted() == expected)
        #expect(string.line() == expected)
        #expect(string.compact().unicodeScalars.allSatisfy { $0.isASCII && $0.value >= 0x20 }, "output is printable ASCII")
        #expect(JSONValue.object([value: string]).line() == "{\(expected):\(expected)}", "keys are escaped the same way")
        #expect(try JSONValue.parse(expected) == string, "and read back unchanged")
    }

    @Test func dictionaryLiteralsKeepTheLastDuplicate() {
        let value: JSONValue = ["k": 1, "k": 2]
        #expect(value.compact() == #"{"k": 2}"#)
    }

    @Test func accessorsAndTypeNames() {
        let value: JSONValue = ["n": 3, "x": 2.5, "w": 4.0, "s": "t", "b": true, "a": [1, 2], "o": ["k": nil]]
        #expect(value["n"]?.intValue == 3)
        #expect(value["n"]?.doubleValue == 3.0)
        #expect(value["x"]?.doubleValue == 2.5)
        #expect(value["x"]?.intValue == nil)
        #expect(value["w"]?.intValue == 4, "a whole double reads as an integer")
        #expect(JSONValue.double(1e19).intValue == nil, "too big for Int64")
        #expect(value["s"]?.stringValue == "t")
        #expect(value["b"]?.boolValue == true)
        #expect(value["b"]?.doubleValue == nil && value["b"]?.intValue == nil, "booleans are not numbers")
        #expect(value["a"]?.arrayValue?.count == 2)
        #expect(value["o"]?["k"]?.isNull == true)
        #expect(value["missing"] == nil)
        #expect(JSONValue.string("x")["k"] == nil)
        #expect(JSONValue.int(1) != JSONValue.double(1), "integers and other numbers stay apart")
        let names = ([nil, true, 1, 1.5, "s", [], [:]] as [JSONValue]).map(\.typeName)
        #expect(names == ["null", "boolean", "integer", "number", "string", "array", "object"])
    }
}
