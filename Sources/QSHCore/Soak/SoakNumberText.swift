/// Number text for the soak markers, without Foundation: fixed digits, rounded half away from
/// zero, so the same value always prints the same way on every platform.
public enum SoakNumberText {
    /// `value` with exactly `digits` digits after the point (`fixed(2.625, 2)` is "2.63"; no
    /// point when `digits` is 0). Non-finite values print as "nan", "inf" and "-inf".
    public static func fixed(_ value: Double, digits: Int) -> String {
        guard value.isFinite else { return value.isNaN ? "nan" : (value < 0 ? "-inf" : "inf") }
        let scale = powerOfTen(digits)
        let scaled = (abs(value) * scale).rounded(.toNearestOrAwayFromZero)
        // Far beyond any metric; Int64 would overflow, so let Swift print it.
        guard scaled < 9e15 else { return "\(value)" }
        let units = Int64(scaled)
        let divisor = Int64(scale)
        let sign = value < 0 && units != 0 ? "-" : ""
        guard digits > 0 else { return sign + String(units) }
        let fraction = String(units % divisor)
        return sign + String(units / divisor) + "." + String(repeating: "0", count: digits - fraction.count) + fraction
    }

    /// A runtime parameter: whole numbers for fields with no decimals ("60"), otherwise up to
    /// `decimals` digits with trailing zeros dropped but one kept ("0.35", "0.1", "0.0").
    public static func parameter(_ value: Double, decimals: Int) -> String {
        var text = fixed(value, digits: decimals)
        guard decimals > 0, value.isFinite, text.contains(".") else { return text }
        while text.hasSuffix("0") && !text.hasSuffix(".0") { text.removeLast() }
        return text
    }

    /// 10^digits for the small digit counts used here.
    static func powerOfTen(_ digits: Int) -> Double {
        var result = 1.0
        for _ in 0..<max(digits, 0) { result *= 10 }
        return result
    }
}
