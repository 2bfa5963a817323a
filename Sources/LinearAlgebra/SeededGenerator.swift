import Foundation

/// A reproducible random number generator: xoshiro256** (Blackman & Vigna, "Scrambled linear
/// pseudorandom number generators", 2021, https://prng.di.unimi.it/xoshiro256starstar.c) for the stream,
/// its 256-bit state filled by four successive outputs of SplitMix64 (Steele, Lea & Flood 2014,
/// https://prng.di.unimi.it/splitmix64.c) started at `seed`, as Vigna recommends.
///
/// Every derived value is defined bit for bit so other languages can reproduce it;
/// `scripts/reference/splitmix_gaussian.py` is the Python twin, and tests check both against each other:
/// - `nextUniform()`: the top 53 bits of `next()` times 2⁻⁵³, in [0, 1).
/// - `nextNormal()`: Box–Muller with `u1, u2 = nextUniform(), nextUniform()`,
///   `sqrt(−2·log(1 − u1)) · cos(2π·u2)`; the sine partner is **not** cached, so every normal consumes
///   exactly two uniforms and a generator's state never hides a pending value. Bit-identical to the Python
///   twin where both use the same libm (glibc here); elsewhere within a few ulp.
/// - `nextIndex(below:)`: Lemire's unbiased multiply-shift ("Fast random integer generation in an
///   interval", 2019).
/// - `stream(for:)`: a generator seeded by `mix(seed &+ mix(index &+ γ))`, with `mix` the SplitMix64
///   finaliser and γ its golden-ratio increment, so block `i` of a parallel loop draws the same numbers
///   whatever the thread count. Streams are independent statistically (like numpy's `SeedSequence`), not
///   by a proven jump distance.
public struct SeededGenerator: RandomNumberGenerator, Sendable {
    /// The seed this generator (or stream) started from.
    public let seed: UInt64
    private var s0: UInt64, s1: UInt64, s2: UInt64, s3: UInt64

    public init(seed: UInt64) {
        self.seed = seed
        var splitMix = SplitMix64(state: seed)
        (s0, s1, s2, s3) = (splitMix.next(), splitMix.next(), splitMix.next(), splitMix.next())
    }

    /// A generator resumed at a saved `state` (see `state`), or at the states the published
    /// xoshiro256** test vectors start from. `seed` (and so `stream(for:)`) is taken as given.
    public init(state: (UInt64, UInt64, UInt64, UInt64), seed: UInt64 = 0) {
        self.seed = seed
        (s0, s1, s2, s3) = state
    }

    /// The xoshiro256** state words; right after `init(seed:)` they are the first four SplitMix64 outputs.
    public var state: (UInt64, UInt64, UInt64, UInt64) { (s0, s1, s2, s3) }

    /// The next 64 random bits (xoshiro256**).
    public mutating func next() -> UInt64 {
        let result = rotateLeft(s1 &* 5, by: 7) &* 9
        let t = s1 << 17
        s2 ^= s0
        s3 ^= s1
        s1 ^= s2
        s0 ^= s3
        s2 ^= t
        s3 = rotateLeft(s3, by: 45)
        return result
    }

    /// A uniform Double in [0, 1) with 53 random bits.
    public mutating func nextUniform() -> Double {
        Double(next() >> 11) * 0x1.0p-53
    }

    /// A uniform Float in [0, 1) with 24 random bits (the top 24 of `next()`).
    public mutating func nextUniformFloat() -> Float {
        Float(next() >> 40) * 0x1.0p-24
    }

    /// A standard normal Double by Box–Muller (two uniforms per value, see the type's documentation).
    public mutating func nextNormal() -> Double {
        let u1 = nextUniform()
        let u2 = nextUniform()
        // 1 − u1 lies in (0, 1], so the logarithm is finite.
        return (-2 * Foundation.log(1 - u1)).squareRoot() * Foundation.cos(2 * Double.pi * u2)
    }

    /// `Float(nextNormal())`: the same stream as the Double variant, rounded.
    public mutating func nextNormalFloat() -> Float {
        Float(nextNormal())
    }

    /// A uniform integer in `0..<bound`, unbiased (Lemire 2019); `bound` must be positive.
    public mutating func nextIndex(below bound: Int) -> Int {
        precondition(bound > 0, "nextIndex(below:) needs a positive bound, got \(bound)")
        let range = UInt64(bound)
        var product = next().multipliedFullWidth(by: range)
        if product.low < range {
            let threshold = (0 &- range) % range
            while product.low < threshold { product = next().multipliedFullWidth(by: range) }
        }
        return Int(product.high)
    }

    /// Shuffles `elements` in place by Fisher–Yates from the last position down, drawing
    /// `nextIndex(below: i + 1)` for position `i` (unlike `Array.shuffle(using:)`, whose algorithm
    /// the standard library does not promise).
    public mutating func shuffle<Element>(_ elements: inout [Element]) {
        guard elements.count > 1 else { return }
        for position in stride(from: elements.count - 1, to: 0, by: -1) {
            elements.swapAt(position, nextIndex(below: position + 1))
        }
    }

    /// `count` distinct indices drawn uniformly from `0..<population`, in draw order.
    ///
    /// A partial Fisher–Yates over a virtual `0..<population` (position `i` swaps with
    /// `i + nextIndex(below: population − i)`), storing only displaced entries.
    /// - Complexity: O(count) time and memory, independent of `population`.
    /// - Throws: `LinearAlgebraError.invalidArgument` unless `0 ≤ count ≤ population`.
    public mutating func sample(_ count: Int, from population: Int) throws(LinearAlgebraError) -> [Int] {
        guard count >= 0, count <= population else {
            throw .invalidArgument(
                operation: "sampling without replacement", name: "count", value: "\(count)",
                requirement: "between 0 and the population size \(max(population, 0))")
        }
        var displaced: [Int: Int] = [:]
        var chosen: [Int] = []
        chosen.reserveCapacity(count)
        for position in 0..<count {
            let other = position + nextIndex(below: population - position)
            let picked = displaced[other] ?? other
            displaced[other] = displaced[position] ?? position
            chosen.append(picked)
        }
        return chosen
    }

    /// An independent generator for sub-task `index` (a block of a parallel loop, a restart, …);
    /// a pure function of `seed` and `index`, unaffected by how much of this stream was consumed.
    public func stream(for index: UInt64) -> SeededGenerator {
        SeededGenerator(seed: SplitMix64.mix(seed &+ SplitMix64.mix(index &+ SplitMix64.increment)))
    }

    private func rotateLeft(_ value: UInt64, by shift: UInt64) -> UInt64 {
        (value << shift) | (value >> (64 - shift))
    }
}

extension Matrix where Scalar == Float {
    /// A `rows × columns` matrix of standard normals, filled row by row with `generator.nextNormalFloat()`
    /// (the order the Python twin `normal_matrix` uses, so both languages build identical test data).
    public static func standardNormal(rows: Int, columns: Int, using generator: inout SeededGenerator) -> Matrix {
        var values = [Float]()
        values.reserveCapacity(rows * columns)
        for _ in 0..<(rows * columns) { values.append(generator.nextNormalFloat()) }
        return Matrix(rows: rows, columns: columns, values: values)
    }
}

/// SplitMix64 (Steele, Lea & Flood 2014), used to expand seeds.
struct SplitMix64 {
    /// The golden-ratio increment 2⁶⁴/φ.
    static let increment: UInt64 = 0x9E37_79B9_7F4A_7C15
    var state: UInt64

    mutating func next() -> UInt64 {
        state &+= SplitMix64.increment
        return SplitMix64.mix(state)
    }

    /// The SplitMix64 output finaliser (a bijection of UInt64).
    static func mix(_ value: UInt64) -> UInt64 {
        var z = value
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
