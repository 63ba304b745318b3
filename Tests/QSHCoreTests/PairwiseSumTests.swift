import QSHCore
import Testing

/// `PairwiseSum` must reproduce numpy's `add.reduce` bit for bit (the reference metrics depend on
/// it). Inputs come from a deterministic generator mirrored in Python:
///
/// ```python
/// SCALES = [1e-8, 1e-4, 1e-2, 1.0, 3.0, 1e3, 1e5, 1e8]
/// def awkward(seed, n):
///     s = seed; out = []
///     for _ in range(n):
///         s = (s * 6364136223846793005 + 1442695040888963407) % 2**64
///         u = float(s >> 11) * 2.0**-53
///         s = (s * 6364136223846793005 + 1442695040888963407) % 2**64
///         out.append((u - 0.5) * SCALES[s >> 61])
///     return np.array(out)
/// ```
///
/// Mixed magnitudes make the result depend on the summation order: a plain left-to-right sum
/// differs from numpy on 261 of the 301 prefixes, so these comparisons have teeth.
extension PairwiseSumFixtures {
    static let scales: [Double] = [1e-8, 1e-4, 1e-2, 1.0, 3.0, 1e3, 1e5, 1e8]

    static func awkward(seed: UInt64, count: Int) -> [Double] {
        var state = seed
        func next() -> UInt64 {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return state
        }
        return (0..<count).map { _ in
            let u = Double(next() >> 11) * 0x1p-53
            return (u - 0.5) * scales[Int(next() >> 61)]
        }
    }
}

/// Bit-exact equality that also treats two NaNs as equal.
func sameBits(_ a: Double, _ b: Double) -> Bool {
    a.isNaN ? b.isNaN : a.bitPattern == b.bitPattern
}

@Suite struct PairwiseSumTests {
    static let prefixSource = PairwiseSumFixtures.awkward(seed: 42, count: 300)

    @Test func generatorMatchesPython() {
        // v[:5].tolist() printed by the Python generator above.
        let expected = [6.8230326643907605e-06, -87.16168117048817, 1.8014780724211566e-09,
                        -4.7823919668890704e-05, -2.603915419444369e-10]
        #expect(Array(Self.prefixSource.prefix(5)) == expected)
    }

    @Test func sumEqualsNumpyForEveryLengthUpTo300() {
        var mismatches: [Int] = []
        for n in 0...300 {
            let got = PairwiseSum.sum(Array(Self.prefixSource.prefix(n)))
            if got.bitPattern != PairwiseSumFixtures.prefixSums[n] { mismatches.append(n) }
        }
        #expect(mismatches.isEmpty, "lengths whose sum differs from numpy: \(mismatches)")
    }

    @Test func meanEqualsNumpyForEveryLengthUpTo300() {
        var mismatches: [Int] = []
        for n in 1...300 {
            let got = Self.prefixSource.withUnsafeBufferPointer { PairwiseSum.mean($0.baseAddress!, count: n) }
            if got.bitPattern != PairwiseSumFixtures.prefixMeans[n] { mismatches.append(n) }
        }
        #expect(mismatches.isEmpty, "lengths whose mean differs from numpy: \(mismatches)")
        #expect(Double(bitPattern: PairwiseSumFixtures.prefixMeans[0]).isNaN)
    }

    @Test func standardDeviationEqualsNumpyForEveryLengthUpTo300() {
        var mismatches: [Int] = []
        for n in 1...300 {
            let got = Self.prefixSource.withUnsafeBufferPointer { buffer in
                let mean = PairwiseSum.mean(buffer.baseAddress!, count: n)
                return PairwiseSum.standardDeviation(buffer.baseAddress!, count: n, mean: mean, ddof: 1)
            }
            if !sameBits(got, Double(bitPattern: PairwiseSumFixtures.prefixStandardDeviations[n])) {
                mismatches.append(n)
            }
        }
        #expect(mismatches.isEmpty, "lengths whose std(ddof=1) differs from numpy: \(mismatches)")
    }

    struct LongCase: Sendable, CustomTestStringConvertible {
        let seed: UInt64, count: Int
        let sum: Double, mean: Double, std1: Double, std0: Double
        var testDescription: String { "seed \(seed), \(count) values" }
    }

    /// `np.sum`, `np.mean`, `np.std(ddof=1)`, `np.std(ddof=0)` of `awkward(seed, count)`.
    static let longCases: [LongCase] = [
        LongCase(seed: 7, count: 10_000, sum: 28116943.411342904, mean: 2811.6943411342904,
                 std1: 10013750.92982094, std0: 10013250.229756635),
        LongCase(seed: 7, count: 10_007, sum: 28116942.667471394, mean: 2809.7274575268707,
                 std1: 10010247.606077023, std0: 10009747.431314372),
        LongCase(seed: 11, count: 8_192, sum: -743148908.5993718, mean: -90716.41950675925,
                 std1: 10138652.950535867, std0: 10138034.117383001),
        LongCase(seed: 11, count: 8_193, sum: -762910069.2559761, mean: -93117.3037051112,
                 std1: 10140363.02229684, std0: 10139744.160313275),
        LongCase(seed: 3, count: 129, sum: -17720995.62806131, mean: -137372.0591322582,
                 std1: 10802942.581584724, std0: 10760989.248022102),
        LongCase(seed: 3, count: 1_024, sum: -597443662.3695582, mean: -583441.0765327717,
                 std1: 10273404.639602302, std0: 10268387.103459496),
    ]

    @Test(arguments: longCases)
    func longInputsEqualNumpy(_ c: LongCase) {
        let values = PairwiseSumFixtures.awkward(seed: c.seed, count: c.count)
        #expect(PairwiseSum.sum(values) == c.sum)
        values.withUnsafeBufferPointer { buffer in
            let base = buffer.baseAddress!
            let mean = PairwiseSum.mean(base, count: c.count)
            #expect(mean == c.mean)
            #expect(PairwiseSum.standardDeviation(base, count: c.count, mean: mean, ddof: 1) == c.std1)
            #expect(PairwiseSum.standardDeviation(base, count: c.count, mean: mean, ddof: 0) == c.std0)
        }
    }

    @Test func plainSumDiffersSoTheOrderMatters() {
        let values = PairwiseSumFixtures.awkward(seed: 7, count: 10_000)
        let plain = values.reduce(0, +)
        #expect(plain == 28116943.411342517)
        #expect(plain != PairwiseSum.sum(values))
    }

    @Test func emptyAndDegenerateInputs() {
        #expect(PairwiseSum.sum([]) == 0)
        // numpy: np.sum([-0.0]) == 0.0 (positive zero: the identity is added first).
        #expect(PairwiseSum.sum([-0.0]).sign == .plus)
        #expect(PairwiseSum.sum([Double](repeating: -0.0, count: 9)).sign == .plus)
        #expect(PairwiseSum.sum([1e16, 1.0, -1e16]) == 0)
        let one = [3.5]
        one.withUnsafeBufferPointer { buffer in
            let base = buffer.baseAddress!
            #expect(PairwiseSum.mean(base, count: 1) == 3.5)
            #expect(PairwiseSum.standardDeviation(base, count: 1, mean: 3.5, ddof: 1).isNaN)
            #expect(PairwiseSum.standardDeviation(base, count: 1, mean: 3.5, ddof: 0) == 0)
        }
    }

    @Test func transformIsAppliedBeforeSumming() {
        let values: [Double] = (1...20).map(Double.init)
        let squares = values.withUnsafeBufferPointer { PairwiseSum.sum($0.baseAddress!, count: 20) { $0 * $0 } }
        #expect(squares == 2870)
    }
}
