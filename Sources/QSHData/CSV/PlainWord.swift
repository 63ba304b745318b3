/// A short plain number read 8 bytes at a time: 1 to 7 digits with at most one point, the
/// first byte a digit, ended within the word by a byte that is neither (a comma, a line end).
/// Why: the byte loop's branches on where the point and the end fall mispredict on every
/// cell of a price file (`1498.31`, `1498.3`, `619`); this has none that depend on the digits.
/// The mantissa and exponent are the byte loop's, and the value (mantissa < 10^7, Clinger's
/// exact division) the same bits.
enum PlainWord {
    private static let lanes: UInt64 = 0x8080_8080_8080_8080
    private static let ones: UInt64 = 0x0101_0101_0101_0101

    /// The value and the bytes it took, or nil: the caller then reads the bytes one by one.
    @inline(__always)
    static func parse(_ p: UnsafePointer<UInt8>) -> (Double, Int)? {
        let word = UInt64(littleEndian: UnsafeRawPointer(p).loadUnaligned(as: UInt64.self))
        guard word & lanes == 0, p.pointee &- UInt8(ascii: "0") < 10 else { return nil }  // ASCII, a digit first
        // High bit per byte: at least ':' (0x3A), or below '0' (no carries: all bytes < 0x80).
        let nonDigits = ((word &+ 0x46 &* ones) | ~((word | lanes) &- 0x30 &* ones)) & lanes
        let x = word ^ (0x2E &* ones)
        let points = ~(((x & ~lanes) &+ ~lanes) | x) & lanes  // exactly the '.' bytes
        let stops = nonDigits & ~points
        guard stops != 0 else { return nil }  // 8 or more bytes long
        let length = stops.trailingZeroBitCount >> 3
        let pointsInside = points & ((1 << UInt64(length * 8)) - 1)
        guard pointsInside & (pointsInside &- 1) == 0 else { return nil }  // two points
        var digits = word
        var count = length
        var fractionDigits = 0
        if pointsInside != 0 {
            let pointAt = pointsInside.trailingZeroBitCount >> 3  // >= 1: a digit comes first
            let before: UInt64 = (1 << UInt64(pointAt * 8)) - 1
            digits = (word & before) | ((word >> 8) & ~before)
            count -= 1
            fractionDigits = length - pointAt - 1
        }
        guard count > 0 else { return nil }
        // The digits in the high bytes, zeros (leading) below: an 8-digit number.
        digits = ((digits & ((1 << UInt64(count * 8)) - 1)) & (0x0F &* ones)) << UInt64((8 - count) * 8)
        let mantissa = eightDigits(digits)
        let value = Double(mantissa)  // exact: below 10^7
        return (fractionDigits == 0 ? value : value / powersOfTen[fractionDigits], length)
    }

    /// Eight digit values (0-9, most significant in the lowest byte) as a number.
    @inline(__always)
    private static func eightDigits(_ word: UInt64) -> UInt64 {
        var v = (word &* 2_561) >> 8
        v = ((v & 0x00FF_00FF_00FF_00FF) &* 6_553_601) >> 16
        return ((v & 0x0000_FFFF_0000_FFFF) &* 42_949_672_960_001) >> 32
    }

    /// 10^0 ... 10^6, exact.
    private static let powersOfTen: [Double] = [1e0, 1e1, 1e2, 1e3, 1e4, 1e5, 1e6]
}
