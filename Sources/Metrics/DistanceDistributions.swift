public import LinearAlgebra
import Neighbors

/// The distance distributions behind a collapse diagnosis: each fake's k-th nearest real row (fake→real),
/// each real row's and each fake's k-th nearest OTHER row of its own set (real→real, fake→fake; the row
/// itself excluded by index, duplicates kept), and all pairwise distances within a seeded subsample of
/// each set. A collapsed generator shows fake pairwise distances far below real ones (fewer modes spanned)
/// and, when fakes crowd onto few points, fake→fake distances far below real→real.
///
/// - Accuracy: neighbour distances are `ExactNeighbors`' (exact Float distances, 1e-5 relative to
///   scikit-learn); pairwise distances are computed directly in Double and rounded to Float. With every
///   row in the subsample, quantiles agree with scipy's `cdist`/`pdist` + `np.percentile` to 1e-5 relative
///   (tested against scripts/reference/metrics.py).
/// - Complexity: three exact k-NN searches (O((n + m)²·d) flops in BLAS) plus `s(s−1)/2·d` flops per pairwise
///   set for `s = min(rows, pairSampleLimit)`; memory `s(s−1)/2` Floats per set (≈ 8 MB at the 2,000-row
///   limit), never an n×n matrix. The token is checked between blocks of rows.
public struct DistanceDistributions: Sendable, Equatable {
    public struct Options: Sendable {
        /// Which neighbour's distance to report (1 = the nearest).
        public var k = 1
        /// Rows per set entering the pairwise distributions; larger sets are subsampled without replacement.
        public var pairSampleLimit = DistanceDistributions.defaultPairSampleLimit
        public var seed: UInt64 = 0
        public init() {}
    }

    /// 2,000 rows give ≈ 2·10⁶ pairs per set: quantiles steady to about 1e-3 while memory stays ≈ 8 MB.
    public static let defaultPairSampleLimit = 2_000

    /// Rows of the pairwise triangle handled between cancellation checks.
    static let pairRowsPerBlock = 64

    /// `fake.rows` distances from each fake to its k-th nearest real row.
    public let fakeToReal: [Float]
    /// `real.rows` distances from each real row to its k-th nearest other real row.
    public let realToReal: [Float]
    /// `fake.rows` distances from each fake to its k-th nearest other fake.
    public let fakeToFake: [Float]
    /// `s(s−1)/2` pairwise distances within the real subsample.
    public let realPairs: [Float]
    /// `s(s−1)/2` pairwise distances within the fake subsample.
    public let fakePairs: [Float]
    /// Rows of each set in its pairwise subsample.
    public let realPairRows: Int
    public let fakePairRows: Int

    /// - Throws: `MetricsError` for mismatched dimensions, NaN/∞, sets with fewer than k + 1 rows or a
    ///   subsample limit below 2; `CancellationError`.
    public init(real: Matrix<Float>, fake: Matrix<Float>, options: Options = .init(), token: CancellationToken) throws {
        let metric = "distances"
        guard real.columns == fake.columns else { throw MetricsError.dimensionMismatch(metric, real.columns, fake.columns) }
        guard real.columns >= 1 else { throw MetricsError(metric, "the sets have no columns") }
        guard options.k >= 1 else { throw MetricsError(metric, "k=\(options.k) must be at least 1") }
        for (name, rows) in [("the real set", real.rows), ("the fake set", fake.rows)] where rows <= options.k {
            throw MetricsError(
                metric, "\(name) has \(rows) rows; k=\(options.k) needs at least \(options.k + 1) (the row itself is excluded)")
        }
        guard options.pairSampleLimit >= 2 else {
            throw MetricsError(metric, "the pairwise subsample limit \(options.pairSampleLimit) must be at least 2")
        }
        try requireFinite(real, metric: metric, name: "the real set")
        try requireFinite(fake, metric: metric, name: "the fake set")
        fakeToReal = try ExactNeighbors.search(fake, in: real, k: options.k, token: token).kthDistances
        realToReal = try ExactNeighbors.searchWithin(real, k: options.k, token: token).kthDistances
        fakeToFake = try ExactNeighbors.searchWithin(fake, k: options.k, token: token).kthDistances
        // Separate streams so the real subsample does not depend on the fake set's size, and vice versa.
        let base = SeededGenerator(seed: options.seed)
        let realSample = try Self.subsample(real, limit: options.pairSampleLimit, generator: base.stream(for: 0))
        let fakeSample = try Self.subsample(fake, limit: options.pairSampleLimit, generator: base.stream(for: 1))
        realPairRows = realSample.rows
        fakePairRows = fakeSample.rows
        realPairs = try Self.pairwiseDistances(realSample, token: token)
        fakePairs = try Self.pairwiseDistances(fakeSample, token: token)
    }

    static func subsample(_ data: Matrix<Float>, limit: Int, generator: SeededGenerator) throws -> Matrix<Float> {
        guard data.rows > limit else { return data }
        var generator = generator
        return data.rows(at: try generator.sample(limit, from: data.rows).sorted())
    }

    /// The upper triangle (`i < j`, row by row) of Euclidean distances, computed directly in Double
    /// (`exactSquaredDistance`) and rounded to Float.
    static func pairwiseDistances(_ data: Matrix<Float>, token: CancellationToken) throws -> [Float] {
        let n = data.rows
        let d = data.columns
        guard n >= 2 else { return [] }
        var distances = [Float](repeating: 0, count: n * (n - 1) / 2)
        try data.withUnsafeBufferPointer { values in
            guard let base = values.baseAddress else { return }
            try distances.withUnsafeMutableBufferPointer { output in
                var position = 0
                for i in 0..<(n - 1) {
                    if i % pairRowsPerBlock == 0 { try token.checkCancellation() }
                    let x = base + i * d
                    for j in (i + 1)..<n {
                        output[position] = Float(exactSquaredDistance(x, base + j * d, count: d).squareRoot())
                        position += 1
                    }
                }
            }
        }
        return distances
    }
}
