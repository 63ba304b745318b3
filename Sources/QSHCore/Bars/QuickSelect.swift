/// The k-th smallest element moved into place (Hoare's selection, median-of-three pivots):
/// linear time on average, where sorting a million bar gaps to find their median would take
/// most of a large run's load time.
enum QuickSelect {
    static func select(_ k: Int, in values: UnsafeMutableBufferPointer<Int64>) {
        var low = 0
        var high = values.count - 1
        while low < high {
            let middle = low + (high - low) / 2
            // Median of three as the pivot keeps sorted and reversed input linear.
            if values[middle] < values[low] { values.swapAt(middle, low) }
            if values[high] < values[low] { values.swapAt(high, low) }
            if values[high] < values[middle] { values.swapAt(high, middle) }
            let pivot = values[middle]
            var i = low
            var j = high
            while i <= j {
                while values[i] < pivot { i += 1 }
                while values[j] > pivot { j -= 1 }
                if i <= j {
                    values.swapAt(i, j)
                    i += 1
                    j -= 1
                }
            }
            if k <= j {
                high = j
            } else if k >= i {
                low = i
            } else {
                return
            }
        }
    }
}
