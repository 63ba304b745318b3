/// Numbers as people type them on a command line: optional sign, digits with an optional
/// fraction, optional exponent. Hexadecimal, `inf`, `nan` and surrounding spaces are not
/// numbers here (Swift's `Double(String)` would accept them), so `0x10` is never read as 16.
public enum DecimalText {
    public static func parse(_ text: String) -> Double? {
        guard isDecimal(text), let value = Double(text), value.isFinite else { return nil }
        return value
    }

    /// Whether `text` could be a negative number (so `--fee -0.1` reads -0.1 as the value).
    public static func looksNegative(_ text: String) -> Bool {
        text.hasPrefix("-") && isDecimal(text)
    }

    static func isDecimal(_ text: String) -> Bool {
        var bytes = Array(text.utf8)[...]
        if let first = bytes.first, first == UInt8(ascii: "+") || first == UInt8(ascii: "-") { bytes = bytes.dropFirst() }
        let whole = bytes.prefix { isDigit($0) }.count
        bytes = bytes.dropFirst(whole)
        var fraction = 0
        if bytes.first == UInt8(ascii: ".") {
            bytes = bytes.dropFirst()
            fraction = bytes.prefix { isDigit($0) }.count
            bytes = bytes.dropFirst(fraction)
        }
        guard whole + fraction > 0 else { return false }
        if let e = bytes.first, e == UInt8(ascii: "e") || e == UInt8(ascii: "E") {
            bytes = bytes.dropFirst()
            if let sign = bytes.first, sign == UInt8(ascii: "+") || sign == UInt8(ascii: "-") { bytes = bytes.dropFirst() }
            let digits = bytes.prefix { isDigit($0) }.count
            guard digits > 0 else { return false }
            bytes = bytes.dropFirst(digits)
        }
        return bytes.isEmpty
    }

    private static func isDigit(_ byte: UInt8) -> Bool { byte >= UInt8(ascii: "0") && byte <= UInt8(ascii: "9") }
}
