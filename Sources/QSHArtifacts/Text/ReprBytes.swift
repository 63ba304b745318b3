import QSHCore

/// `PythonFloat.repr` written straight into bytes, for the writers that print millions of
/// numbers (the per-bar tables, the runs index): the digits come from `ShortestDigits` and are
/// laid out as Python does, positional for decimal exponents -4 ..< 16 (`0.0001`, `631.0`,
/// `1234567890123456.0`), else `d.ddde±XX` (`1e-05`, `1.5e+16`). Byte-identical to
/// `PythonFloat.repr` for every finite double (tested over millions of values).
public enum ReprBytes {
    /// The longest output: sign, 17 digits, point, `e-308`.
    public static let maximumLength = 24

    /// Writes the repr of a finite `value` at `out` (room for `maximumLength` bytes) and
    /// returns the number of bytes written.
    @inline(__always)
    public static func write(_ value: Double, to out: UnsafeMutablePointer<UInt8>) -> Int {
        var start = out
        if value.sign == .minus {
            out[0] = UInt8(ascii: "-")
            start += 1
        }
        guard value != 0 else {
            start[0] = UInt8(ascii: "0"); start[1] = UInt8(ascii: "."); start[2] = UInt8(ascii: "0")
            return start + 3 - out
        }
        let (digits, exponent) = ShortestDigits.of(value)
        let count = DigitPairs.count(digits)
        // value = 0.d1d2... × 10^point
        let point = count + exponent
        if point > -4 && point <= 16 {
            if point <= 0 {
                start[0] = UInt8(ascii: "0"); start[1] = UInt8(ascii: ".")
                for index in 0..<(-point) { start[2 + index] = UInt8(ascii: "0") }
                let first = start + 2 - point
                DigitPairs.write(digits, count: count, to: first)
                return first + count - out
            }
            if point >= count {
                DigitPairs.write(digits, count: count, to: start)
                for index in count..<point { start[index] = UInt8(ascii: "0") }
                start[point] = UInt8(ascii: "."); start[point + 1] = UInt8(ascii: "0")
                return start + point + 2 - out
            }
            // Digits on both sides: write them one place right, move the integer part back.
            DigitPairs.write(digits, count: count, to: start + 1)
            for index in 0..<point { start[index] = start[index + 1] }
            start[point] = UInt8(ascii: ".")
            return start + count + 1 - out
        }
        DigitPairs.write(digits, count: count, to: start + 1)
        start[0] = start[1]
        var end = start + 1
        if count > 1 {
            start[1] = UInt8(ascii: ".")
            end = start + count + 1
        }
        let decimalExponent = point - 1
        end[0] = UInt8(ascii: "e")
        end[1] = decimalExponent < 0 ? UInt8(ascii: "-") : UInt8(ascii: "+")
        let magnitude = UInt64(decimalExponent.magnitude)
        let exponentDigits = magnitude >= 100 ? 3 : 2
        DigitPairs.write(magnitude, count: exponentDigits, to: end + 2)
        return end + 2 + exponentDigits - out
    }

    /// The same appended to a byte array.
    public static func append(_ value: Double, to out: inout [UInt8]) {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: maximumLength) { buffer in
            let count = write(value, to: buffer.baseAddress!)
            out.append(contentsOf: UnsafeMutableBufferPointer(rebasing: buffer[..<count]))
        }
    }

    /// The repr as a String (tests and occasional callers).
    public static func string(_ value: Double) -> String {
        var bytes: [UInt8] = []
        append(value, to: &bytes)
        return String(decoding: bytes, as: UTF8.self)
    }
}
