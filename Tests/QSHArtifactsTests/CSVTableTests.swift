import Testing
@testable import QSHArtifacts

/// `CSVTable` against CPython's `csv.writer(f, lineterminator="\n")` (QUOTE_MINIMAL), with
/// floats written as `repr(x)` and NaN as an empty field; expected text pasted from Python.
@Suite struct CSVTableTests {
    @Test func matchesPythonsCSVWriter() {
        var table = CSVTable(header: ["name", "value", "note"])
        table.append([.text("plain"), .number(0.1), .text("a,b")])
        table.append([.text("say \"hi\""), .number(631), .text("line\nbreak")])
        table.append([.text("crlf\r\nend"), .number(.nan), .empty])
        table.append([.text(""), .integer(-3), .text("\u{E9} \u{1F600}")])
        table.append(["literal", .number(1e-5), .number(1.5e16)])
        table.append(texts: [" lead", "trail ", "tab\there"])
        table.append(texts: ["'single'", "semi;colon", "#hash"])
        #expect(table.rowCount == 7)
        let python = "name,value,note\nplain,0.1,\"a,b\"\n\"say \"\"hi\"\"\",631.0,\"line\nbreak\"\n\"crlf\r\nend\",,\n"
            + ",-3,\u{E9} \u{1F600}\nliteral,1e-05,1.5e+16\n lead,trail ,tab\there\n'single',semi;colon,#hash\n"
        #expect(table.text == python)
    }

    @Test func headerLineComesFirstAndIsQuotedLikeAnyField() {
        #expect(CSVTable(header: ["run_id", "mode"]).text == "run_id,mode\n")
        #expect(CSVTable(header: ["a,b", "c\"d", "e"]).text == "\"a,b\",\"c\"\"d\",e\n")
        #expect(CSVTable(header: ["a"]).rowCount == 0, "the header is not a row")
    }

    static let fields: [(CSVTable.Field, String)] = [
        (.text("plain"), "plain"), (.text(""), ""), (.text(","), "\",\""), (.text("\""), "\"\"\"\""),
        (.text("\r"), "\"\r\""), (.text("\n"), "\"\n\""), (.text(" "), " "), (.text("\t"), "\t"), (.text(";"), ";"),
        (.text("\u{E9}"), "\u{E9}"), (.text("a\"b,c"), "\"a\"\"b,c\""),
        (.number(0.1), "0.1"), (.number(1.0 / 3.0), "0.3333333333333333"), (.number(631), "631.0"),
        (.number(1e-5), "1e-05"), (.number(1e16), "1e+16"), (.number(1e15), "1000000000000000.0"),
        (.number(-0.0), "-0.0"), (.number(0), "0.0"), (.number(-2.5e-07), "-2.5e-07"),
        (.number(.leastNonzeroMagnitude), "5e-324"), (.number(123456789012345680.0), "1.2345678901234568e+17"),
        (.number(.nan), ""), (.number(.infinity), ""), (.number(-.infinity), ""),
        (.integer(0), "0"), (.integer(-3), "-3"), (.integer(Int.max), "9223372036854775807"),
        (.integer(Int.min), "-9223372036854775808"), (.empty, ""),
    ]

    @Test(arguments: fields) func eachFieldKind(_ field: CSVTable.Field, _ expected: String) {
        #expect(CSVTable.cell(field) == expected)
        var table = CSVTable(header: ["x", "y"])
        table.append([field, .text("end")])
        #expect(table.text == "x,y\n\(expected),end\n")
    }

    @Test func rowsAreCountedAndLinesEndWithLF() {
        var table = CSVTable(header: ["a", "b"])
        for index in 0..<5 { table.append([.integer(index), .number(Double(index) / 2)]) }
        #expect(table.rowCount == 5)
        #expect(table.text == "a,b\n0,0.0\n1,0.5\n2,1.0\n3,1.5\n4,2.0\n")
        #expect(!table.text.contains("\r"))
    }

    /// Python's csv writer prints a row holding one empty field as `""`; a bare empty line
    /// is what readers (csv.reader, pandas) treat as no row at all, so the row is lost.
    @Test(.disabled("bug: a row with a single empty field is written as an empty line (Python writes \"\")"))
    func aSingleEmptyFieldStaysARow() {
        var table = CSVTable(header: ["note"])
        table.append([.text("")])
        table.append([.empty])
        #expect(table.text == "note\n\"\"\n\"\"\n")
    }
}
