/// Merging a few new rows into the many rows an index keeps, both in index order: a binary
/// search per new row for its place, and the kept rows between copied as slices, so that a
/// handful of new rows costs O(k log n) comparisons instead of one per kept row (the runs
/// index's and the paper sessions index's updates).
enum SortedMerge {
    /// `kept` with each of `added` (converted by `element`) put before the first kept row it
    /// is not after. `isKeptBefore(i, new)` says whether `kept[i]` sorts before `new`.
    static func merge<Element, Added>(
        _ kept: [Element], _ added: [Added], isKeptBefore: (Int, Added) -> Bool, element: (Added) -> Element
    ) -> [Element] {
        guard !added.isEmpty else { return kept }
        var merged: [Element] = []
        merged.reserveCapacity(kept.count + added.count)
        var next = 0
        for row in added {
            var low = next, high = kept.count
            while low < high {
                let middle = (low + high) / 2
                if isKeptBefore(middle, row) { low = middle + 1 } else { high = middle }
            }
            merged.append(contentsOf: kept[next..<low])
            merged.append(element(row))
            next = low
        }
        merged.append(contentsOf: kept[next...])
        return merged
    }
}
