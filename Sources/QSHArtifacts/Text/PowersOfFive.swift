/// The 128-bit multipliers of `ShortestDigits` (Ryu, Ulf Adams 2018), computed once on first use
/// with a few words of exact integer arithmetic instead of being pasted as 1,236 magic numbers:
///
/// - `scaled[i]` = 5^i truncated (or padded) to exactly 125 bits, `i` in 0 ..< 326;
/// - `inverse[q]` = ⌊2^(bitLength(5^q) - 1 + 125) / 5^q⌋ + 1, `q` in 0 ..< 292.
///
/// Each entry is two words, low first. Building both takes microseconds: 5^i by repeated
/// multiplication by 5, and ⌊2^K / 5^q⌋ by repeated exact division of one big number by 5
/// (⌊⌊x / a⌋ / b⌋ = ⌊x / ab⌋), shifted down to the wanted power of two (exact again).
enum PowersOfFive {
    static let bitCount = 125
    static let scaledCount = 326
    static let inverseCount = 292

    static let scaled: [UInt64] = {
        var table: [UInt64] = []
        table.reserveCapacity(2 * scaledCount)
        var power: [UInt64] = [1]
        for _ in 0..<scaledCount {
            let (low, high) = window(power, shift: bitLength(power) - bitCount)
            table += [low, high]
            multiply(&power, by: 5)
        }
        return table
    }()

    static let inverse: [UInt64] = {
        var table: [UInt64] = []
        table.reserveCapacity(2 * inverseCount)
        // 2^K with K above every exponent needed (bitLength(5^291) - 1 + 125 = 800).
        let exponent = 13 * 64
        var quotient = [UInt64](repeating: 0, count: 13) + [1]
        var power: [UInt64] = [1]
        for _ in 0..<inverseCount {
            let target = bitLength(power) - 1 + bitCount
            var (low, high) = window(quotient, shift: exponent - target)
            low &+= 1
            if low == 0 { high += 1 }
            table += [low, high]
            divide(&quotient, by: 5)
            multiply(&power, by: 5)
        }
        return table
    }()

    /// Bits `shift ..< shift + 128` of `words` (little-endian); a negative shift moves left.
    static func window(_ words: [UInt64], shift: Int) -> (UInt64, UInt64) {
        func word(_ index: Int) -> UInt64 { index >= 0 && index < words.count ? words[index] : 0 }
        guard shift >= 0 else {
            // Only small numbers (5^i < 2^125) are moved left: two words suffice.
            let left = -shift
            let low = word(0), high = word(1)
            if left >= 64 { return (0, low << UInt64(left - 64)) }
            return (low << UInt64(left), left == 0 ? high : high << UInt64(left) | low >> UInt64(64 - left))
        }
        let index = shift / 64, offset = UInt64(shift % 64)
        func part(_ at: Int) -> UInt64 {
            offset == 0 ? word(at) : word(at) >> offset | word(at + 1) << (64 - offset)
        }
        return (part(index), part(index + 1))
    }

    static func bitLength(_ words: [UInt64]) -> Int {
        guard let top = words.lastIndex(where: { $0 != 0 }) else { return 0 }
        return top * 64 + (64 - words[top].leadingZeroBitCount)
    }

    static func multiply(_ words: inout [UInt64], by factor: UInt64) {
        var carry: UInt64 = 0
        for index in words.indices {
            let (high, low) = words[index].multipliedFullWidth(by: factor)
            let (sum, overflow) = low.addingReportingOverflow(carry)
            words[index] = sum
            carry = high + (overflow ? 1 : 0)
        }
        if carry != 0 { words.append(carry) }
    }

    static func divide(_ words: inout [UInt64], by divisor: UInt64) {
        var remainder: UInt64 = 0
        for index in words.indices.reversed() {
            (words[index], remainder) = divisor.dividingFullWidth((remainder, words[index]))
        }
        while words.count > 1 && words.last == 0 { words.removeLast() }
    }
}
