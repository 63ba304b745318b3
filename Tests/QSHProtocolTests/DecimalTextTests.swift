import QSHProtocol
import Testing

/// What counts as a number on a command line.
struct DecimalTextTests {
    @Test(arguments: ["0", "-1", "+2.5", ".5", "5.", "1e3", "1E-3", "-0.0", "0012"])
    func decimals(_ text: String) {
        #expect(DecimalText.parse(text) == Double(text))
    }

    @Test(arguments: ["", "-", ".", "e3", "1e", "0x10", "inf", "nan", "1,5", " 1", "1 ", "1e400", "--1", "1.2.3"])
    func notDecimals(_ text: String) {
        #expect(DecimalText.parse(text) == nil)
    }

    @Test func negativeNumbersAreTold() {
        #expect(DecimalText.looksNegative("-0.1"))
        #expect(!DecimalText.looksNegative("--fee"))
        #expect(!DecimalText.looksNegative("-x"))
    }
}
