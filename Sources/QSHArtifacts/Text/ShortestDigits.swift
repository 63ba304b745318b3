/// The shortest decimal digits that read back as a given double (round to nearest, ties to
/// even): Ulf Adams' Ryu ("Ryū: fast float-to-string conversion", PLDI 2018), in Swift.
///
/// Why hand-written rather than `description`: it yields the same digits, but as a String (a
/// heap allocation for most numbers of 16 or more characters) that then has to be read back
/// into digits and an exponent. Writing a 1,000,000-bar run's tables prints about 4.7 million
/// numbers; measured in that loop (`qsh-bench --only format`, prices and bar returns), the
/// `description`-based `PythonFloat.repr` takes 1.8-3.1 µs a number, this 42-65 ns.
/// `PythonFloat.repr` stays the reference the tests compare against, bit for bit.
enum ShortestDigits {
    /// `magnitude` = digits × 10^exponent, with as few digits as round-trip. Finite, nonzero
    /// values only (the sign is ignored).
    @inline(__always)
    static func of(_ magnitude: Double) -> (digits: UInt64, exponent: Int) {
        let bits = magnitude.bitPattern
        let fraction = bits & ((1 << 52) - 1)
        let biased = Int((bits >> 52) & 0x7FF)
        // Two extra bits so that the bounds are integers too.
        let e2 = (biased == 0 ? 1 : biased) - 1023 - 52 - 2
        let m2 = biased == 0 ? fraction : fraction | (1 << 52)
        let acceptBounds = m2 & 1 == 0
        let mv = 4 * m2
        // The lower bound is closer when the significand is a power of two (except the smallest).
        let mmShift: UInt64 = fraction != 0 || biased <= 1 ? 1 : 0

        var vr: UInt64, vp: UInt64, vm: UInt64
        let e10: Int
        var vmIsTrailingZeros = false, vrIsTrailingZeros = false
        if e2 >= 0 {
            let q = log10Pow2(e2) - (e2 > 3 ? 1 : 0)
            e10 = q
            let shift = -e2 + q + PowersOfFive.bitCount + pow5Bits(q) - 1
            (vr, vp, vm) = PowersOfFive.inverse.withUnsafeBufferPointer {
                multiplyAll(m2, $0[2 * q], $0[2 * q + 1], shift: shift, mmShift: mmShift)
            }
            if q <= 21 {
                // At most one of mp, mv and mm is a multiple of 5.
                if mv % 5 == 0 {
                    vrIsTrailingZeros = isMultipleOfPowerOf5(mv, q)
                } else if acceptBounds {
                    vmIsTrailingZeros = isMultipleOfPowerOf5(mv - 1 - mmShift, q)
                } else if isMultipleOfPowerOf5(mv + 2, q) {
                    vp -= 1
                }
            }
        } else {
            let q = log10Pow5(-e2) - (-e2 > 1 ? 1 : 0)
            e10 = q + e2
            let i = -e2 - q
            let shift = q - (pow5Bits(i) - PowersOfFive.bitCount)
            (vr, vp, vm) = PowersOfFive.scaled.withUnsafeBufferPointer {
                multiplyAll(m2, $0[2 * i], $0[2 * i + 1], shift: shift, mmShift: mmShift)
            }
            if q <= 1 {
                // mv = 4 m2 has at least two trailing zero bits; mm has one iff mmShift is 1.
                vrIsTrailingZeros = true
                if acceptBounds { vmIsTrailingZeros = mmShift == 1 } else { vp -= 1 }
            } else if q < 63 {
                vrIsTrailingZeros = mv & ((1 << UInt64(q)) - 1) == 0
            }
        }

        var removed = 0
        if vmIsTrailingZeros || vrIsTrailingZeros {
            // The rare general case (about 0.7 %): exact ties and bounds that are themselves short.
            var lastRemoved: UInt64 = 0
            while vp / 10 > vm / 10 {
                vmIsTrailingZeros = vmIsTrailingZeros && vm % 10 == 0
                vrIsTrailingZeros = vrIsTrailingZeros && lastRemoved == 0
                lastRemoved = vr % 10
                vr /= 10; vp /= 10; vm /= 10
                removed += 1
            }
            if vmIsTrailingZeros {
                while vm % 10 == 0 {
                    vrIsTrailingZeros = vrIsTrailingZeros && lastRemoved == 0
                    lastRemoved = vr % 10
                    vr /= 10; vp /= 10; vm /= 10
                    removed += 1
                }
            }
            // Round half to even when the exact value ends in 5 followed by zeros.
            if vrIsTrailingZeros && lastRemoved == 5 && vr % 2 == 0 { lastRemoved = 4 }
            let up = (vr == vm && (!acceptBounds || !vmIsTrailingZeros)) || lastRemoved >= 5
            return (vr + (up ? 1 : 0), e10 + removed)
        }
        // The common case: no ties to care about; two digits at a time first.
        var roundUp = false
        if vp / 100 > vm / 100 {
            roundUp = vr % 100 >= 50
            vr /= 100; vp /= 100; vm /= 100
            removed = 2
        }
        while vp / 10 > vm / 10 {
            roundUp = vr % 10 >= 5
            vr /= 10; vp /= 10; vm /= 10
            removed += 1
        }
        return (vr + (vr == vm || roundUp ? 1 : 0), e10 + removed)
    }

    /// The scaled value and its bounds: (4m, 4m + 2, 4m - 1 - mmShift) × multiplier >> shift.
    @inline(__always)
    private static func multiplyAll(
        _ m2: UInt64, _ low: UInt64, _ high: UInt64, shift: Int, mmShift: UInt64
    ) -> (UInt64, UInt64, UInt64) {
        (multiplyShift(4 * m2, low, high, shift), multiplyShift(4 * m2 + 2, low, high, shift),
         multiplyShift(4 * m2 - 1 - mmShift, low, high, shift))
    }

    /// ⌊m × (high·2^64 + low) / 2^shift⌋ for 64 < shift < 128 (the result fits 64 bits).
    @inline(__always)
    private static func multiplyShift(_ m: UInt64, _ low: UInt64, _ high: UInt64, _ shift: Int) -> UInt64 {
        let lowProduct = m.multipliedFullWidth(by: low).high
        let (highHigh, highLow) = m.multipliedFullWidth(by: high)
        let (sumLow, carry) = highLow.addingReportingOverflow(lowProduct)
        let sumHigh = highHigh &+ (carry ? 1 : 0)
        let s = UInt64(shift - 64)
        return sumLow >> s | sumHigh << (64 - s)
    }

    /// ⌊e · log10(2)⌋ for 0 <= e <= 1650.
    @inline(__always) static func log10Pow2(_ e: Int) -> Int { (e * 78_913) >> 18 }
    /// ⌊e · log10(5)⌋ for 0 <= e <= 2620.
    @inline(__always) static func log10Pow5(_ e: Int) -> Int { (e * 732_923) >> 20 }
    /// The bit length of 5^e (1 for e = 0), for 0 <= e <= 3528.
    @inline(__always) static func pow5Bits(_ e: Int) -> Int { ((e * 1_217_359) >> 19) + 1 }

    private static func isMultipleOfPowerOf5(_ value: UInt64, _ power: Int) -> Bool {
        var value = value, count = 0
        while value % 5 == 0 && value != 0 {
            value /= 5
            count += 1
            if count >= power { return true }
        }
        return count >= power
    }
}
