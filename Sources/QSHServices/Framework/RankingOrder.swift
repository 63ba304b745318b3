/// The leaderboard order of `tune aggregate` and `sweep`: best first by each key descending,
/// a missing (or non-finite) value after every number, then by position ascending (the job's
/// ordinal, the experiment's grid index). The order is therefore total and the same on every
/// run and every machine.
enum RankingOrder {
    /// Whether the item with key values `left` and position `leftPosition` ranks before the
    /// other; nil when they tie on every key and position. The values are read by key index,
    /// so a sort of many items makes no array per comparison.
    static func precedes(
        keys count: Int, _ left: (Int) -> Double?, _ right: (Int) -> Double?, positions: (left: Int, right: Int)
    ) -> Bool? {
        for key in 0..<count {
            switch (left(key).flatMap(finite), right(key).flatMap(finite)) {
            case (nil, nil): continue
            case (nil, _): return false
            case (_, nil): return true
            case (let a?, let b?):
                if a != b { return a > b }
            }
        }
        if positions.left != positions.right { return positions.left < positions.right }
        return nil
    }

    private static func finite(_ value: Double) -> Double? { value.isFinite ? value : nil }

    /// `items` ranked by `keys` (computed once per item), ties by `position`.
    static func ranked<Item>(_ items: [Item], keys: (Item) -> [Double?], position: (Item) -> Int) -> [Item] {
        let keyed = items.map { (item: $0, keys: keys($0), position: position($0)) }
        let count = keyed.first?.keys.count ?? 0
        return keyed.sorted { a, b in
            precedes(keys: count, { a.keys[$0] }, { b.keys[$0] }, positions: (a.position, b.position)) ?? false
        }.map(\.item)
    }
}
