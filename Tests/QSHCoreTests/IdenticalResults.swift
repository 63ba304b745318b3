import QSHCore
import Testing

/// Bit-for-bit comparison of two backtests: every stored field of the metrics and totals
/// (found by reflection, so a metric added later is compared too), every per-bar value, the
/// round trips and the slippage charged on every frame bar.
enum IdenticalResults {
    /// `label: bits` for every leaf field of `value`; doubles by bit pattern, optionals unwrapped.
    static func fields(_ value: Any, prefix: String = "") -> [String: String] {
        if let double = value as? Double { return [prefix: "0x" + String(double.bitPattern, radix: 16)] }
        let mirror = Mirror(reflecting: value)
        if mirror.displayStyle == .optional {
            guard let wrapped = mirror.children.first else { return [prefix: "nil"] }
            return fields(wrapped.value, prefix: prefix)
        }
        guard !mirror.children.isEmpty else { return [prefix: "\(value)"] }
        var result: [String: String] = [:]
        for (index, child) in mirror.children.enumerated() {
            let name = prefix + "." + (child.label ?? "\(index)")
            result.merge(fields(child.value, prefix: name)) { a, _ in a }
        }
        return result
    }

    static func bits(_ values: [Double]) -> [UInt64] { values.map(\.bitPattern) }

    /// "" when equal, else the length or the first differing index (short failure messages).
    static func difference<T: Equatable>(_ a: [T], _ b: [T]) -> String {
        guard a.count == b.count else { return "\(a.count) vs \(b.count) values" }
        return a.indices.first { a[$0] != b[$0] }.map { "first difference at \($0): \(a[$0]) vs \(b[$0])" } ?? ""
    }

    /// Records an issue naming `label` for every difference.
    static func expect(
        _ shared: BacktestResult, _ independent: BacktestResult, _ label: String,
        sourceLocation: SourceLocation = #_sourceLocation
    ) {
        #expect(shared.frameStart == independent.frameStart, "\(label): frameStart", sourceLocation: sourceLocation)
        let a = fields(shared.reference).merging(fields(shared.extended, prefix: "x")) { a, _ in a }
            .merging(fields(shared.totals, prefix: "t")) { a, _ in a }
        let b = fields(independent.reference).merging(fields(independent.extended, prefix: "x")) { a, _ in a }
            .merging(fields(independent.totals, prefix: "t")) { a, _ in a }
        #expect(a.count > 30, "\(label): reflection found only \(a.count) fields", sourceLocation: sourceLocation)
        for key in Set(a.keys).union(b.keys).sorted() where a[key] != b[key] {
            Issue.record("\(label): \(key) \(a[key] ?? "-") != \(b[key] ?? "-")", sourceLocation: sourceLocation)
        }
        #expect(difference(shared.signals, independent.signals) == "", "\(label): signals", sourceLocation: sourceLocation)
        #expect(difference(bits(shared.net), bits(independent.net)) == "", "\(label): net", sourceLocation: sourceLocation)
        #expect(difference(bits(shared.equity), bits(independent.equity)) == "", "\(label): equity", sourceLocation: sourceLocation)
        #expect(shared.roundTrips.map(\.entryIndex) == independent.roundTrips.map(\.entryIndex), "\(label): entries",
                sourceLocation: sourceLocation)
        #expect(shared.roundTrips.map(\.exitIndex) == independent.roundTrips.map(\.exitIndex), "\(label): exits",
                sourceLocation: sourceLocation)
        #expect(bits(shared.roundTrips.map(\.netReturn)) == bits(independent.roundTrips.map(\.netReturn)),
                "\(label): round trip returns", sourceLocation: sourceLocation)
        let slippage = (0..<shared.days).map { shared.slippage[$0] }
        let expected = (0..<independent.days).map { independent.slippage[$0] }
        #expect(difference(bits(slippage), bits(expected)) == "", "\(label): slippage", sourceLocation: sourceLocation)
    }
}

/// A reproducible random walk with high/low (`SplitMix64`), for parity on many trades.
func randomWalkBars(count: Int, seed: UInt64, hasHighLow: Bool = true) -> BarSeries {
    var rng = SplitMix64(seed: seed)
    var close = [Double](), high = [Double](), low = [Double]()
    var price = 100.0
    for _ in 0..<count {
        price *= PortableRandom.exp(0.01 * rng.normal())
        close.append(price)
        high.append(price * (1 + 0.004 * rng.uniform()))
        low.append(price * (1 - 0.004 * rng.uniform()))
    }
    return BarSeries(
        timestamps: (0..<Int64(count)).map { $0 * 60_000 }, open: close, high: high, low: low, close: close,
        volume: [Double](repeating: 1, count: count), hasHighLow: hasHighLow)
}
