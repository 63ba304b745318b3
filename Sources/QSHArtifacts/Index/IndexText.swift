import Foundation

/// Byte-level writers for the index's cells, each producing exactly what the general printers
/// produce (`JSONValue.writeString`, `CSVTable.quoted`, `PythonFloat.repr`, `%.Nf`); tests
/// compare them over many values. A dedicated path, measured necessary: at 5,000 runs the
/// general printers took 130 ms to render the three files (`PythonFloat.repr` alone 1.4 µs a
/// number, `String(format:)` 1.6 µs), several times a whole `qsh run`. Floats go through
/// `ReprBytes`, shared with the per-bar tables.
enum IndexText {
    /// The UTF-8 of a string, copied in one piece (appending a `String.UTF8View` goes byte by byte).
    static func append(_ text: String, to out: inout [UInt8]) {
        var text = text
        text.withUTF8 { out.append(contentsOf: $0) }
    }

    /// A JSON string literal, escaped as `JSONValue.writeString` escapes it.
    static func appendJSONString(_ value: String, to out: inout [UInt8]) {
        var value = value
        let plain = value.withUTF8 { bytes -> Bool in
            guard bytes.allSatisfy({ $0 >= 0x20 && $0 < 0x7F && $0 != 0x22 && $0 != 0x5C }) else { return false }
            out.append(0x22)
            out.append(contentsOf: bytes)
            out.append(0x22)
            return true
        }
        guard !plain else { return }
        var text = ""
        JSONValue.writeString(value, to: &text)
        append(text, to: &out)
    }

    /// A CSV field, quoted only where `CSVTable` quotes.
    static func appendCSVText(_ value: String, to out: inout [UInt8]) {
        var value = value
        let plain = value.withUTF8 { bytes -> Bool in
            guard !bytes.contains(where: { $0 == 0x2C || $0 == 0x22 || $0 == 0x0A || $0 == 0x0D }) else { return false }
            out.append(contentsOf: bytes)
            return true
        }
        if !plain { append(CSVTable.quoted(value), to: &out) }
    }

    /// Markdown table text: `|` escaped, line breaks as spaces.
    static func appendMarkdownText(_ value: String, to out: inout [UInt8]) {
        var value = value
        value.withUTF8 { bytes in
            guard bytes.contains(where: { $0 == 0x7C || $0 == 0x0A || $0 == 0x0D }) else { return out.append(contentsOf: bytes) }
            for byte in bytes {
                switch byte {
                case 0x7C: out.append(contentsOf: [0x5C, 0x7C])
                case 0x0A, 0x0D: out.append(0x20)
                default: out.append(byte)
                }
            }
        }
    }

    static func appendInteger(_ value: Int64, to out: inout [UInt8]) {
        if value < 0 { out.append(UInt8(ascii: "-")) }
        appendDigits(value.magnitude, minimumCount: 1, to: &out)
    }

    /// Decimal digits, zero-padded on the left to `minimumCount`.
    static func appendDigits(_ value: UInt64, minimumCount: Int, to out: inout [UInt8]) {
        withUnsafeTemporaryAllocation(of: UInt8.self, capacity: 24) { buffer in
            var rest = value, start = buffer.count
            repeat {
                start -= 1
                buffer[start] = UInt8(ascii: "0") + UInt8(rest % 10)
                rest /= 10
            } while rest > 0 || buffer.count - start < minimumCount
            out.append(contentsOf: UnsafeMutableBufferPointer(rebasing: buffer[start...]))
        }
    }

    /// `PythonFloat.repr(value)` for a finite value (`ReprBytes`).
    static func appendRepr(_ value: Double, to out: inout [UInt8]) {
        ReprBytes.append(value, to: &out)
    }

    /// `String(format: "%.<digits>f", value)` (digits 0...3), except that a value which rounds
    /// to zero prints without a sign ("-0.00" reads as a sign error), and non-finite prints nothing.
    /// Exact: the binary value is scaled by 10^digits in integers and rounded half to even, as
    /// printf rounds; magnitudes of 2^52 and more go to printf itself.
    static func appendFixed(_ value: Double, digits: Int, to out: inout [UInt8]) {
        guard value.isFinite else { return }
        precondition((0...3).contains(digits), "at most 3 digits: the scaled significand must fit 64 bits")
        let scale = [1, 10, 100, 1_000][digits]
        let significand = value.exponentBitPattern == 0
            ? value.significandBitPattern : value.significandBitPattern | (1 << 52)
        let shift = value.exponentBitPattern == 0 ? 1074 : 1075 - Int(value.exponentBitPattern)
        guard shift > 0 else { return appendPrintfFixed(value, digits: digits, to: &out) }
        // significand < 2^53 and scale <= 1000 < 2^10, so the product fits 63 bits.
        let scaled = significand * UInt64(scale)
        var rounded: UInt64 = 0
        if shift < 64 {
            rounded = scaled >> UInt64(shift)
            let remainder = scaled & ((1 << UInt64(shift)) - 1), half: UInt64 = 1 << UInt64(shift - 1)
            if remainder > half || (remainder == half && rounded & 1 == 1) { rounded += 1 }
        }  // else scaled < 2^63 <= half a unit: rounds to zero.
        if value < 0 && rounded != 0 { out.append(UInt8(ascii: "-")) }
        appendDigits(rounded / UInt64(scale), minimumCount: 1, to: &out)
        guard digits > 0 else { return }
        out.append(UInt8(ascii: "."))
        appendDigits(rounded % UInt64(scale), minimumCount: digits, to: &out)
    }

    private static func appendPrintfFixed(_ value: Double, digits: Int, to out: inout [UInt8]) {
        let text = String(format: "%.\(digits)f", value)
        let isZero = text.dropFirst().allSatisfy { $0 == "0" || $0 == "." }
        append(text.hasPrefix("-") && isZero ? String(text.dropFirst()) : text, to: &out)
    }
}
