/// The Eisel-Lemire algorithm (as in Go's `strconv` and `fast_float`): `mantissa * 10^exponent`
/// to the nearest `Double` with one or two 64x128-bit multiplications by a truncated power of
/// ten. It returns nil whenever it cannot prove the rounding (halfway patterns, subnormals,
/// overflow, exponents outside the table); callers then use `strtod`.
///
/// This is what keeps 17-digit values (the shortest round-trip form of most doubles) off the
/// slow path: Clinger's fast path only covers mantissas up to 2^53.
enum EiselLemire {
    static let minExponent = -342
    static let maxExponent = 308

    static func convert(mantissa: UInt64, exponent: Int) -> Double? {
        guard mantissa != 0, exponent >= minExponent, exponent <= maxExponent else { return nil }
        let leadingZeros = mantissa.leadingZeroBitCount
        let w = mantissa << UInt64(leadingZeros)
        // floor(exponent * log2(10)) == (217706 * exponent) >> 16 over the table's range.
        var exponent2 = UInt64(bitPattern: Int64(((217_706 * exponent) >> 16) + 64 + 1023 - leadingZeros))
        let entry = (exponent - minExponent) * 2
        let table = PowersOfTen.table
        var (hi, lo) = w.multipliedFullWidth(by: table[entry])
        if hi & 0x1FF == 0x1FF && lo &+ w < w {
            // The truncated first word may be too coarse: bring in the second word of 10^q.
            let (yHi, yLo) = w.multipliedFullWidth(by: table[entry + 1])
            let mergedLo = lo &+ yHi
            let mergedHi = mergedLo < lo ? hi &+ 1 : hi
            if mergedHi & 0x1FF == 0x1FF && mergedLo &+ 1 == 0 && yLo &+ w < w { return nil }
            hi = mergedHi
            lo = mergedLo
        }
        let top = hi >> 63
        var bits = hi >> (top + 9)  // 54 bits: the mantissa and one rounding bit
        exponent2 &-= 1 ^ top
        if lo == 0 && hi & 0x1FF == 0 && bits & 3 == 1 { return nil }  // possibly exactly halfway
        bits += bits & 1
        bits >>= 1
        if bits >> 53 > 0 {
            bits >>= 1
            exponent2 &+= 1
        }
        guard exponent2 &- 1 < 0x7FF - 1 else { return nil }  // subnormal or overflow
        return Double(bitPattern: exponent2 << 52 | bits & 0x000F_FFFF_FFFF_FFFF)
    }
}

/// 128-bit significands of 10^q for q in `EiselLemire.minExponent ... maxExponent`, truncated
/// (rounded down) and normalized so the top bit is set; stored as (high, low) word pairs.
///
/// Computed once, exactly, with a small big-integer: 10^q by repeated multiplication, and
/// floor(2^K / 10^n) by repeated division (nested floors of integer divisions are exact).
enum PowersOfTen {
    static let table: [UInt64] = {
        var table = [UInt64](repeating: 0, count: (EiselLemire.maxExponent - EiselLemire.minExponent + 1) * 2)
        func store(_ q: Int, _ words: [UInt64]) {
            let (hi, lo) = topBits(words)
            table[(q - EiselLemire.minExponent) * 2] = hi
            table[(q - EiselLemire.minExponent) * 2 + 1] = lo
        }
        var power: [UInt64] = [1]  // little-endian words
        for q in 0...EiselLemire.maxExponent {
            store(q, power)
            var carry: UInt64 = 0
            for i in power.indices {
                let (high, low) = power[i].multipliedFullWidth(by: 10)
                let (sum, overflow) = low.addingReportingOverflow(carry)
                power[i] = sum
                carry = high + (overflow ? 1 : 0)
            }
            if carry != 0 { power.append(carry) }
        }
        // 2^K with K large enough that floor(2^K / 10^342) still has more than 128 bits.
        var quotient = [UInt64](repeating: 0, count: 40)
        quotient[39] = 1 << 63
        for n in 1...(-EiselLemire.minExponent) {
            var remainder: UInt64 = 0
            for i in quotient.indices.reversed() {
                let (q, r) = UInt64(10).dividingFullWidth((remainder, quotient[i]))
                quotient[i] = q
                remainder = r
            }
            store(-n, quotient)
        }
        return table
    }()

    /// The top 128 bits of a nonzero big integer, left-aligned, truncated.
    private static func topBits(_ words: [UInt64]) -> (UInt64, UInt64) {
        var top = words.count - 1
        while words[top] == 0 { top -= 1 }
        let shift = UInt64(words[top].leadingZeroBitCount)
        func word(_ i: Int) -> UInt64 { i >= 0 ? words[i] : 0 }
        func aligned(_ i: Int) -> UInt64 {
            shift == 0 ? word(i) : (word(i) << shift) | (word(i - 1) >> (64 - shift))
        }
        return (aligned(top), aligned(top - 1))
    }
}
