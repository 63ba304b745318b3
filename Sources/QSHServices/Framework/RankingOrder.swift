/// The leaderboard order of `tune aggregate` and `sweep`: best first by each key descending,
/// a missing (or non-finite) value after every number, then by position ascending (the job's
/// ordinal, the experiment's grid index). The order is therefore total and the same on every
/// run and every machine.
enum RankingOrder {
    /// Whether `left` (its key values and position) ranks before `right`.
    static func precedes(_ left: (keys: [Double?], position: Int), _ right: (keys: [Double?], position: Int)) -> Bool? {
        for (a, b) in zip(left.keys, right.keys) {
            switch (a, b) {
            case (nil, nil): continue
            case (nil, _): return false
            case (_, nil): return true
            case (let a?, let b?):
                if a != b { return a > b }
            }
        }
        if left.position != right.position { return left.position < right.position }
        return nil
    }

    /// `items` ranked by `keys` (computed once per item), ties by `position`.
    static func ranked<Item>(_ items: [Item], keys: (Item) -> [Double?], position: (Item) -> Int) -> [Item] {
        items.map { (item: $0, keys: keys($0).map { $0?.isFinite == true ? $0 : nil }, position: position($0)) }
            .sorted { precedes(($0.keys, $0.position), ($1.keys, $1.position)) ?? false }
            .map(\.item)
    }
}
