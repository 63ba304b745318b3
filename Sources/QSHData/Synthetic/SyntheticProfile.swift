import QSHCore

/// The fixed character of one synthetic instrument at one bar interval, derived from its name.
struct SyntheticProfile {
    static let millisPerHour: Int64 = 3_600_000
    static let millisPerYear = 365.0 * 86_400_000
    /// Anchor octaves have knots every 2^l hours, up to 2^15 h (about 3.7 years): beyond that
    /// horizon the level stays bounded around the base price instead of drifting off.
    static let coarsestOctave = 15
    /// Cap on the standard deviation of an anchor's log level around the base price.
    static let maxAnchorDeviation = 0.9

    let intervalMillis: Int64
    /// Bars per bridge block: 4,096, or fewer for long bars so a block spans at most ~128 days.
    let blockLength: Int64
    /// Seed of the bar-level path (name and interval).
    let pathSeed: UInt64
    /// Seed of the anchors and the volatility regime (name only: every interval of one ticker
    /// shares its long-run course and its calm and stormy spells).
    let nameSeed: UInt64
    /// log of the long-run central price (20 ... 4000).
    let logBasePrice: Double
    /// Annualised volatility (0.30 ... 0.90).
    let annualVolatility: Double
    /// Standard deviation of one bar's log return at regime factor 1.
    let barVolatility: Double
    /// Per-bar jump probability (about one every 40 days) and jump size scale (log units).
    let jumpProbability: Double
    let jumpScale: Double
    /// Typical volume per bar.
    let barVolume: Double
    /// Anchor noise: (octave, amplitude) for the octaves coarser than a block.
    let octaves: [(index: Int, amplitude: Double)]

    init(ticker: String, interval: BarInterval) {
        var traits = SplitMix64(seed: PortableRandom.hash(ticker))
        intervalMillis = interval.milliseconds
        nameSeed = traits.next()
        pathSeed = PortableRandom.mix(traits.next() ^ UInt64(bitPattern: intervalMillis))
        logBasePrice = 2.995732273553991 + traits.uniform() * 5.298317366548036  // ln 20 + u ln 200
        annualVolatility = 0.30 + 0.60 * traits.uniform()
        barVolatility = annualVolatility * (Double(intervalMillis) / Self.millisPerYear).squareRoot()
        jumpProbability = min(0.2, Double(intervalMillis) / (40.0 * 86_400_000))
        jumpScale = 2.5 * annualVolatility * (1.0 / 365).squareRoot()  // ~2.5 daily moves
        let dailyVolume = PortableRandom.exp(12.206072645530174 + traits.uniform() * 4.605170185988092)  // 2e5..2e7
        barVolume = dailyVolume * Double(intervalMillis) / 86_400_000
        blockLength = min(4_096, max(16, 128 * 86_400_000 / intervalMillis))

        // Octave l contributes amplitude^2 = c^2 2^l hours of variance; c^2 = sigma_hour^2 / 5
        // makes a one-block step about as wide as the bar-level walk over a block.
        let blockHours = Double(blockLength * intervalMillis) / Double(Self.millisPerHour)
        let hourVariance = annualVolatility * annualVolatility / (365 * 24)
        let included = (0...Self.coarsestOctave).filter { Double(Int64(1) << Int64($0)) >= blockHours }
        let levelWeight = included.reduce(0.0) { $0 + Double(Int64(1) << Int64($1)) * 2 / 3 }
        var c2 = hourVariance / 5
        if levelWeight > 0 { c2 = min(c2, Self.maxAnchorDeviation * Self.maxAnchorDeviation / levelWeight) }
        octaves = included.map { l in (l, (c2 * Double(Int64(1) << Int64(l))).squareRoot()) }
    }

    /// Log price at the start of block `block`: the base level plus interpolated value noise on
    /// calendar knots, a function of the block's start time alone (no walk from the epoch).
    func anchor(block: Int64) -> Double {
        let millis = block * blockLength * intervalMillis
        var level = logBasePrice
        for (octave, amplitude) in octaves {
            let spacing = Self.millisPerHour << Int64(octave)
            let knot = floorDivide(millis, spacing)
            let fraction = Double(millis - knot * spacing) / Double(spacing)
            let stream = 100 + UInt64(octave)
            let z0 = knotNormal(stream: stream, index: knot)
            let z1 = knotNormal(stream: stream, index: knot + 1)
            level += amplitude * (z0 + (z1 - z0) * fraction)
        }
        return level
    }

    private func knotNormal(stream: UInt64, index: Int64) -> Double {
        var rng = SplitMix64(seed: PortableRandom.seed(nameSeed, stream: stream, index: index))
        return rng.normal()
    }
}

/// The slowly varying volatility multiplier: two octaves of interpolated noise in calendar time
/// (30 and 150 day knots), exponentiated. Caches the current knots for sequential use.
struct VolatilityRegime {
    private struct Octave {
        let spacing: Int64
        let weight: Double
        let stream: UInt64
        var knot: Int64 = .min
        var z0 = 0.0, z1 = 0.0
    }

    private let seed: UInt64
    private var octaves = [
        Octave(spacing: 30 * 86_400_000, weight: 0.3, stream: 1),
        Octave(spacing: 150 * 86_400_000, weight: 0.4, stream: 2),
    ]

    init(seed: UInt64) { self.seed = seed }

    /// The multiplier at time `millis`: median about 0.9, mostly within 0.5 ... 1.8, and never
    /// outside 0.28 ... 3 (the noise is squashed so rare knots cannot make a blow-up).
    mutating func factor(at millis: Int64) -> Double {
        var g = 0.0
        for i in octaves.indices {
            let spacing = octaves[i].spacing
            let knot = floorDivide(millis, spacing)
            if knot != octaves[i].knot {
                octaves[i].knot = knot
                octaves[i].z0 = normal(stream: octaves[i].stream, index: knot)
                octaves[i].z1 = normal(stream: octaves[i].stream, index: knot + 1)
            }
            let fraction = Double(millis - knot * spacing) / Double(spacing)
            let z = octaves[i].z0 + (octaves[i].z1 - octaves[i].z0) * fraction
            g += octaves[i].weight * z
        }
        return PortableRandom.exp(1.2 * g / (1 + abs(g)) - 0.08)
    }

    private func normal(stream: UInt64, index: Int64) -> Double {
        var rng = SplitMix64(seed: PortableRandom.seed(seed, stream: stream, index: index))
        return rng.normal()
    }
}
