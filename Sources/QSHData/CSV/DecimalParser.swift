#if canImport(Glibc)
import Glibc
#elseif canImport(Musl)
import Musl
#elseif canImport(Darwin)
import Darwin
#endif

/// Decimal text to `Double`, correctly rounded (the same bits as Python's `float()`), without
/// allocating.
///
/// Grammar: `[+-] digits [. digits] [(e|E) [+-] digits]` with at least one mantissa digit (`.5`
/// and `5.` are fine). Values with at most 19 significant digits, a mantissa <= 2^53 and a
/// decimal exponent within ±22 take Clinger's fast path: both operands are exact doubles, so one
/// IEEE multiplication or division rounds correctly. Other values with at most 19 significant
/// digits go through `EiselLemire`, which either proves its rounding or declines. Everything
/// else goes to `strtod` in the C numeric locale. `inf`, `nan` and hex forms are rejected.
enum DecimalParser {
    /// 10^0 ... 10^22, every one exactly representable.
    private static let powersOfTen: [Double] = [
        1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6, 1e7, 1e8, 1e9, 1e10, 1e11,
        1e12, 1e13, 1e14, 1e15, 1e16, 1e17, 1e18, 1e19, 1e20, 1e21, 1e22,
    ]

    static func parse(_ text: UnsafeBufferPointer<UInt8>) -> Double? {
        guard let base = text.baseAddress, !text.isEmpty else { return nil }
        return parse(base, base + text.count)
    }

    @inline(__always)
    static func parse(_ start: UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>) -> Double? {
        var p = start
        if let value = parsePlain(&p, end), p == end { return value }
        return parseGeneral(start, end)
    }

    /// The common number (`1498.31`, `-0.5`, `619`) from `p` on: an optional sign, then 1 to 19
    /// digits with at most one point, stopping at the first other byte (a comma, for the row
    /// reader, which parses cells in place with this). One loop without the 19-digit
    /// bookkeeping of `parseGeneral` (measured: that loop was 17 % of reading a 1M-row file);
    /// the mantissa and exponent are the ones `parseGeneral` computes, so the bits are the
    /// same. Nil (then `p` is unspecified) when there are no digits, more than 19, or the value
    /// needs more than Clinger's fast path or Eisel-Lemire: `parseGeneral` decides those, and
    /// also what follows the stop (an exponent, a second point) is the caller's to refuse.
    /// `readable`: bytes up to here may be loaded (past `end` too, when `end` is a line's end
    /// inside a larger buffer), which lets `PlainWord` take short numbers 8 bytes at a time.
    @inline(__always)
    static func parsePlain(
        _ p: inout UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>, readable: UnsafePointer<UInt8>? = nil
    ) -> Double? {
        guard p < end else { return nil }
        if let readable, readable - p >= 8, let (value, length) = PlainWord.parse(p), length <= end - p {
            p += length
            return value
        }
        let negative = p.pointee == UInt8(ascii: "-")
        if negative || p.pointee == UInt8(ascii: "+") { p += 1 }
        let digitsStart = p
        var mantissa: UInt64 = 0
        var point: UnsafePointer<UInt8>? = nil
        while p < end {
            let d = p.pointee &- UInt8(ascii: "0")
            if d < 10 {
                mantissa = mantissa &* 10 &+ UInt64(d)
            } else if d == UInt8(ascii: ".") &- UInt8(ascii: "0"), point == nil {
                point = p
            } else {
                break
            }
            p += 1
        }
        let digits = (p - digitsStart) - (point == nil ? 0 : 1)
        guard digits > 0, digits <= 19 else { return nil }  // 19 digits: < 10^19, no wrap-around
        let exponent = point.map { -(p - $0 - 1) } ?? 0
        if mantissa == 0 { return negative ? -0.0 : 0.0 }
        let value: Double
        if mantissa <= 1 << 53 {
            value = exponent == 0 ? Double(mantissa) : Double(mantissa) / powersOfTen[-exponent]
        } else {
            guard let converted = EiselLemire.convert(mantissa: mantissa, exponent: exponent) else { return nil }
            value = converted
        }
        return negative ? -value : value
    }

    static func parseGeneral(_ start: UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>) -> Double? {
        var p = start
        var negative = false
        if p < end, p.pointee == UInt8(ascii: "-") || p.pointee == UInt8(ascii: "+") {
            negative = p.pointee == UInt8(ascii: "-")
            p += 1
        }
        var mantissa: UInt64 = 0
        var significant = 0
        var exponent = 0
        var sawDigit = false
        var inexact = false  // a nonzero digit did not fit in the 19-digit mantissa

        while p < end, case let d = p.pointee &- UInt8(ascii: "0"), d < 10 {
            sawDigit = true
            if significant < 19 {
                mantissa = mantissa &* 10 &+ UInt64(d)
                if mantissa != 0 { significant += 1 }
            } else {
                exponent += 1
                if d != 0 { inexact = true }
            }
            p += 1
        }
        if p < end, p.pointee == UInt8(ascii: ".") {
            p += 1
            while p < end, case let d = p.pointee &- UInt8(ascii: "0"), d < 10 {
                sawDigit = true
                if significant < 19 {
                    mantissa = mantissa &* 10 &+ UInt64(d)
                    if mantissa != 0 { significant += 1 }
                    exponent -= 1
                } else if d != 0 {
                    inexact = true
                }
                p += 1
            }
        }
        guard sawDigit else { return nil }
        if p < end, p.pointee | 0x20 == UInt8(ascii: "e") {
            p += 1
            var exponentNegative = false
            if p < end, p.pointee == UInt8(ascii: "-") || p.pointee == UInt8(ascii: "+") {
                exponentNegative = p.pointee == UInt8(ascii: "-")
                p += 1
            }
            var explicit = 0
            var exponentDigits = 0
            while p < end, case let d = p.pointee &- UInt8(ascii: "0"), d < 10 {
                if explicit < 100_000 { explicit = explicit * 10 + Int(d) }
                exponentDigits += 1
                p += 1
            }
            guard exponentDigits > 0 else { return nil }
            exponent += exponentNegative ? -explicit : explicit
        }
        guard p == end else { return nil }

        if mantissa == 0 && !inexact { return negative ? -0.0 : 0.0 }
        if !inexact, mantissa <= 1 << 53, exponent >= -22, exponent <= 22 {
            let value = Double(mantissa)
            let scaled = exponent < 0 ? value / powersOfTen[-exponent] : value * powersOfTen[exponent]
            return negative ? -scaled : scaled
        }
        if !inexact, let value = EiselLemire.convert(mantissa: mantissa, exponent: exponent) {
            return negative ? -value : value
        }
        return slowPath(start, end)
    }

    /// `strtod_l` in the C locale on a NUL-terminated copy (the text is already validated).
    private static func slowPath(_ start: UnsafePointer<UInt8>, _ end: UnsafePointer<UInt8>) -> Double? {
        let count = end - start
        return withUnsafeTemporaryAllocation(of: CChar.self, capacity: count + 1) { buffer -> Double? in
            let copy = buffer.baseAddress!
            UnsafeMutableRawPointer(copy).copyMemory(from: start, byteCount: count)
            copy[count] = 0
            var stop: UnsafeMutablePointer<CChar>?
            let value = CLocale.strtod(copy, &stop)
            guard stop == copy + count else { return nil }
            return value
        }
    }
}

/// `strtod` that ignores the process locale (a shell may set LC_NUMERIC to one using `,`).
private enum CLocale {
    #if canImport(Darwin)
    static func strtod(_ text: UnsafePointer<CChar>, _ stop: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> Double {
        strtod_l(text, stop, nil)  // a nil locale_t is the C locale on Darwin
    }
    #elseif canImport(Glibc)
    /// Glibc's Swift module hides `strtod_l`; switch this thread to a C numeric locale instead.
    nonisolated(unsafe) static let handle = newlocale(Int32(1 << LC_NUMERIC), "C", nil)

    static func strtod(_ text: UnsafePointer<CChar>, _ stop: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> Double {
        let previous = uselocale(handle)
        defer { uselocale(previous) }
        return Glibc.strtod(text, stop)
    }
    #else
    static func strtod(_ text: UnsafePointer<CChar>, _ stop: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>) -> Double {
        Musl.strtod(text, stop)  // musl's strtod always uses '.'
    }
    #endif
}
