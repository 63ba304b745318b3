/// Randomness and math that give the same bits on every machine: integer hashing, IEEE
/// `+ - * /` and `sqrt` only (all correctly rounded), never libm's transcendental functions,
/// whose last bits differ between platforms.
///
/// The synthetic price source is built on these, and so is anything else that must replay the
/// same numbers from a seed (a market simulator, randomised tests): a seed names a stream for
/// good, whatever the machine, the compiler version or the order in which items are asked for.
public enum PortableRandom {
    /// FNV-1a over the UTF-8 bytes of `text`, then `mix`: a seed from a name.
    @inlinable
    public static func hash(_ text: String) -> UInt64 {
        var h: UInt64 = 0xCBF2_9CE4_8422_2325
        for byte in text.utf8 {
            h = (h ^ UInt64(byte)) &* 0x0000_0100_0000_01B3
        }
        return mix(h)
    }

    /// The splitmix64 finalizer: a bijective avalanche of 64 bits.
    @inlinable @inline(__always)
    public static func mix(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }

    /// A seed for item `index` of stream `stream` under `seed`, independent across all three:
    /// item n can be drawn without drawing items 0 ..< n first.
    @inlinable @inline(__always)
    public static func seed(_ seed: UInt64, stream: UInt64, index: Int64) -> UInt64 {
        mix(seed ^ mix(UInt64(bitPattern: index) &+ stream &* 0x9E37_79B9_7F4A_7C15))
    }

    /// e^x for |x| <= 700 (clamped beyond): x = k ln2 + r with |r| <= ln2 / 2, a degree-13
    /// Taylor polynomial for e^r (truncation error < 1e-17) evaluated in Estrin's scheme (short
    /// dependency chains, same fixed operation order everywhere), then 2^k set in the exponent
    /// bits. exp(0) == 1 exactly, and the result is >= 1 for x >= 0 and <= 1 for x <= 0.
    @inlinable
    public static func exp(_ x: Double) -> Double {
        let x = min(max(x, -700), 700)
        let scaled = x * 1.4426950408889634
        let k = Double(Int64(scaled + (scaled < 0 ? -0.5 : 0.5)))  // round half away from zero
        let r = (x - k * 0.6931471803691238) - k * 1.9082149292705877e-10  // ln 2 split hi + lo
        let r2 = r * r
        let r4 = r2 * r2
        let r8 = r4 * r4
        // Coefficients 1/n!.
        let a0 = 1.0 + r
        let a1 = 0.5 + 0.16666666666666666 * r
        let a2 = 0.041666666666666664 + 0.008333333333333333 * r
        let a3 = 0.001388888888888889 + 0.0001984126984126984 * r
        let a4 = 2.48015873015873e-05 + 2.7557319223985893e-06 * r
        let a5 = 2.755731922398589e-07 + 2.505210838544172e-08 * r
        let a6 = 2.08767569878681e-09 + 1.6059043836821613e-10 * r
        let b0 = a0 + a1 * r2
        let b1 = a2 + a3 * r2
        let b2 = a4 + a5 * r2
        let d0 = b0 + b1 * r4
        let d1 = b2 + a6 * r4
        let p = d0 + d1 * r8
        return p * Double(bitPattern: UInt64(Int64(k) + 1023) << 52)
    }
}
