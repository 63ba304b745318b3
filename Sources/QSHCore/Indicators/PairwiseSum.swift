/// Summation exactly as numpy's `add.reduce` does it for a contiguous float64 array:
/// plain accumulation below 8 elements, eight partial sums for blocks up to 128, and recursive
/// halving (rounded down to a multiple of 8) above. Reproducing it bit for bit lets the mean and
/// standard deviation in the metrics agree with the reference to the last digit.
public enum PairwiseSum {
    @usableFromInline static let blockSize = 128

    /// numpy's sum of `transform(values[i])` for `i` in `0..<count`. The transform is applied
    /// element-wise first (as numpy materialises `x*x` before summing), so it does not change
    /// the summation order.
    @inlinable
    public static func sum(
        _ base: UnsafePointer<Double>, count: Int, transform: (Double) -> Double = { $0 }
    ) -> Double {
        if count < 8 {
            var result = 0.0
            for i in 0..<count { result += transform(base[i]) }
            return result
        }
        if count <= blockSize {
            var r0 = transform(base[0]), r1 = transform(base[1]), r2 = transform(base[2])
            var r3 = transform(base[3]), r4 = transform(base[4]), r5 = transform(base[5])
            var r6 = transform(base[6]), r7 = transform(base[7])
            var i = 8
            let unrolledEnd = count - count % 8
            while i < unrolledEnd {
                r0 += transform(base[i]); r1 += transform(base[i + 1])
                r2 += transform(base[i + 2]); r3 += transform(base[i + 3])
                r4 += transform(base[i + 4]); r5 += transform(base[i + 5])
                r6 += transform(base[i + 6]); r7 += transform(base[i + 7])
                i += 8
            }
            var result = ((r0 + r1) + (r2 + r3)) + ((r4 + r5) + (r6 + r7))
            while i < count {
                result += transform(base[i])
                i += 1
            }
            return result
        }
        var half = count / 2
        half -= half % 8
        return sum(base, count: half, transform: transform)
            + sum(base + half, count: count - half, transform: transform)
    }

    /// numpy's `add.reduce` (identity 0.0 plus the pairwise sum).
    @inlinable
    public static func sum(_ values: [Double]) -> Double {
        values.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return 0 }
            return 0.0 + sum(base, count: buffer.count)
        }
    }

    /// numpy's `mean` over the buffer.
    @inlinable
    public static func mean(_ base: UnsafePointer<Double>, count: Int) -> Double {
        (0.0 + sum(base, count: count)) / Double(count)
    }

    /// numpy's `std(ddof:)`: mean, squared deviations, pairwise sum, divide, square root.
    @inlinable
    public static func standardDeviation(
        _ base: UnsafePointer<Double>, count: Int, mean: Double, ddof: Int
    ) -> Double {
        let divisor = count - ddof
        guard divisor > 0 else { return .nan }
        let squares = 0.0 + sum(base, count: count) { value in
            let deviation = value - mean
            return deviation * deviation
        }
        return (squares / Double(divisor)).squareRoot()
    }
}
