import Synchronization

/// A 64-bit fingerprint of a series' bars (every time, price and volume, bit for bit), so
/// that a run's config says which data it ran on: the same file renamed gives the same value,
/// and a BTC file run under the ticker SPY a different one.
///
/// Hand-written rather than a library hash: it runs over up to millions of bars on every run,
/// and one multiply-xor per 8-byte word (a splitmix64 finaliser per column word, folded with a
/// rotate) costs a few milliseconds where SHA over the same bytes costs tens. It identifies
/// data; it is not a security boundary.
public enum BarFingerprint {
    /// Computed once per series (and its copies): a caller may start it on another thread
    /// early, and the one that needs it then finds it ready or waits for it.
    public static func of(_ series: BarSeries) -> UInt64 {
        series.fingerprintMemo.value { compute(series) }
    }

    private static func compute(_ series: BarSeries) -> UInt64 {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15 ^ UInt64(series.count)
        series.timestamps.withUnsafeBufferPointer { column in
            for value in column { mix(&state, UInt64(bitPattern: value)) }
        }
        for column in [series.open, series.high, series.low, series.close, series.volume] {
            column.withUnsafeBufferPointer { values in
                for value in values { mix(&state, value.bitPattern) }
            }
        }
        return finalize(state)
    }

    /// 16 lowercase hex digits.
    public static func hex(_ value: UInt64) -> String {
        let digits = String(value, radix: 16)
        return String(repeating: "0", count: 16 - digits.count) + digits
    }

    @inline(__always)
    static func mix(_ state: inout UInt64, _ word: UInt64) {
        state = ((state << 27) | (state >> 37)) &* 0x0000_0100_0000_01B3 ^ finalize(word)
    }

    @inline(__always)
    static func finalize(_ value: UInt64) -> UInt64 {
        var z = value &+ 0x9E37_79B9_7F4A_7C15
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// The fingerprint of one series, once known.
public final class FingerprintMemo: Sendable {
    private let memo = Mutex<UInt64?>(nil)

    public init() {}

    func value(_ compute: () -> UInt64) -> UInt64 {
        memo.withLock { known in
            if let known { return known }
            let value = compute()
            known = value
            return value
        }
    }
}
