import Foundation
import QSHCore
import Testing

/// The seeded random source and its portable math: fixed bits (pinned against the values the
/// synthetic source has always produced) and sound statistics.
@Suite struct PortableRandomTests {
    @Test func bitsAreFixed() {
        // Values printed by the implementation that generated every synthetic series so far.
        #expect(PortableRandom.hash("SYN-ETH") == 15_051_878_983_980_822_876)
        #expect(PortableRandom.mix(42) == 12_058_926_934_050_108_962)
        #expect(PortableRandom.seed(7, stream: 2, index: -3) == 2_086_402_944_126_531_650)
        var rng = SplitMix64(seed: 2026)
        #expect(rng.next() == 15_824_617_304_438_902_051)
        #expect(rng.next() == 8_699_989_649_721_214_301)
        #expect(rng.uniform().bitPattern == 4_604_186_128_528_555_095)
        #expect(rng.normal().bitPattern == 4_601_066_110_492_606_464)
        #expect(PortableRandom.exp(1).bitPattern == 4_613_303_445_314_885_481)
        #expect(PortableRandom.exp(-2.5).bitPattern == 4_590_579_268_170_609_701)
        #expect(PortableRandom.exp(10.25).bitPattern == 4_673_503_459_881_951_473)
    }

    @Test func copiesForkTheStream() {
        var a = SplitMix64(seed: 9)
        _ = a.next()
        var b = a
        #expect(a.next() == b.next())
        #expect(a.uniform() == b.uniform())
    }

    @Test func uniformsStayInTheUnitInterval() {
        var rng = SplitMix64(seed: 3)
        var sum = 0.0
        for _ in 0..<100_000 {
            let u = rng.uniform()
            #expect(u >= 0 && u < 1)
            sum += u
        }
        #expect(abs(sum / 100_000 - 0.5) < 0.01)
    }

    @Test func portableExpIsAccurateAndExactAtZero() {
        #expect(PortableRandom.exp(0) == 1)
        var worst = 0.0
        var x = -40.0
        while x < 40 {
            worst = max(worst, abs(PortableRandom.exp(x) / Foundation.exp(x) - 1))
            x += 0.000_733
        }
        #expect(worst < 1e-15)
        #expect(PortableRandom.exp(1e-300) >= 1 && PortableRandom.exp(-1e-300) <= 1)
        #expect(PortableRandom.exp(-1e6) > 0 && PortableRandom.exp(1e6).isFinite)
    }

    @Test func normalsHaveUnitVariance() {
        var rng = SplitMix64(seed: 1)
        var sum = 0.0, squares = 0.0
        let n = 200_000
        for _ in 0..<n {
            let z = rng.normal()
            sum += z
            squares += z * z
        }
        #expect(abs(sum / Double(n)) < 0.01)
        #expect(abs(squares / Double(n) - 1) < 0.02)
    }
}
