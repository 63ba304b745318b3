/// Decimal digits written straight into bytes, two at a time, by the writers of large tables
/// (timestamps, shortest float digits). Division by constants compiles to multiplications, and
/// splitting into 8-digit chunks keeps the dependency chains short.
public enum DigitPairs {
    /// The number of decimal digits of `value` (1 for 0).
    @inlinable
    public static func count(_ value: UInt64) -> Int {
        var count = 1, rest = value
        // Halving steps: at most four divisions by constants (multiplications).
        for (limit, digits) in [(10_000_000_000_000_000, 16), (100_000_000, 8), (10_000, 4), (100, 2)] as [(UInt64, Int)]
        where rest >= limit {
            count += digits
            rest /= limit
        }
        return rest >= 10 ? count + 1 : count
    }

    /// Writes the last `count` digits of `value` at `out`, zero-padded on the left.
    @inlinable
    public static func write(_ value: UInt64, count: Int, to out: UnsafeMutablePointer<UInt8>) {
        var position = count, rest = value
        while position > 8 {
            let chunk = UInt32(truncatingIfNeeded: rest % 100_000_000)
            rest /= 100_000_000
            writeEight(chunk, to: out + position - 8)
            position -= 8
        }
        var small = UInt32(truncatingIfNeeded: rest)
        while position >= 2 {
            writePair(small % 100, to: out + position - 2)
            small /= 100
            position -= 2
        }
        if position == 1 { out[0] = UInt8(ascii: "0") &+ UInt8(truncatingIfNeeded: small % 10) }
    }

    /// Exactly 8 digits of `value` (< 10^8).
    @inlinable
    public static func writeEight(_ value: UInt32, to out: UnsafeMutablePointer<UInt8>) {
        let high = value / 10_000, low = value % 10_000
        writePair(high / 100, to: out)
        writePair(high % 100, to: out + 2)
        writePair(low / 100, to: out + 4)
        writePair(low % 100, to: out + 6)
    }

    /// Exactly 2 digits of `value` (< 100): two bytes copied from a constant table.
    @inlinable
    public static func writePair(_ value: UInt32, to out: UnsafeMutablePointer<UInt8>) {
        let pair = UnsafeRawPointer(pairs.utf8Start + Int(value &* 2)).loadUnaligned(as: UInt16.self)
        UnsafeMutableRawPointer(out).storeBytes(of: pair, as: UInt16.self)
    }

    /// "00", "01", ... "99" back to back: a literal, so no lazily initialised global.
    @inlinable
    static var pairs: StaticString {
        """
        0001020304050607080910111213141516171819202122232425262728293031323334353637383940414243444546474849\
        5051525354555657585960616263646566676869707172737475767778798081828384858687888990919293949596979899
        """
    }
}
