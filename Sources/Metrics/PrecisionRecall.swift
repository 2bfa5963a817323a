public import LinearAlgebra

/// Improved precision and recall (Kynkäänniemi et al., "Improved Precision and Recall Metric for Assessing
/// Generative Models", NeurIPS 2019), as torch-fidelity 0.4.0 `metric_prc` computes them:
/// precision = share of fakes inside at least one real k-NN ball; recall = share of reals inside at least
/// one fake k-NN ball. Radii are each point's k-th nearest other point in its own set; defaults k = 3 and
/// inclusive boundaries (`distance <= radius`).
///
/// - Accuracy: exact counts (equal to the reference on the same float32 data; tested against numpy).
/// - Complexity: four blocked GEMM passes (two radii passes per set, one membership pass each way),
///   O((n + m)² · d) flops, memory O(n + m + block), never an `n × m` matrix.
public struct PrecisionRecall: Sendable, Equatable {
    /// The reference's neighbourhood size.
    public static let defaultNeighbourCount = 3

    public struct Options: Sendable {
        public var neighbourCount = PrecisionRecall.defaultNeighbourCount
        public var boundary = BallBoundary.inclusive
        public init() {}
    }

    public let precision: Double
    public let recall: Double
    public let realCount: Int
    public let fakeCount: Int

    /// - Throws: `MetricsError` for mismatched dimensions, NaN/∞ or `k ≥ n` in either set; `CancellationError`.
    public init(real: Matrix<Float>, fake: Matrix<Float>, options: Options = .init(), token: CancellationToken) throws {
        let results = try NeighbourhoodMetrics.compute(
            real: real, fake: fake, precisionRecall: options, densityCoverage: nil, token: token)
        self = results.precisionRecall!
    }

    init(precision: Double, recall: Double, realCount: Int, fakeCount: Int) {
        self.precision = precision
        self.recall = recall
        self.realCount = realCount
        self.fakeCount = fakeCount
    }
}

/// Density and coverage (Naeem et al., "Reliable Fidelity and Diversity Metrics for Generative Models",
/// ICML 2020), as the `prdc` package 0.2 computes them on float32 features, with k = 5, strict boundaries
/// and prdc's float32 distance rounding by default (see `DistanceRounding`):
/// density = (1 / (k·m)) · Σ_fakes #{real balls containing the fake}; coverage = share of real balls that
/// contain at least one fake.
///
/// - Accuracy: exact counts, equal to prdc's on the same float32 data (and, with `rounding = .exact`, to
///   prdc's on the data widened to float64); tested.
/// - Complexity: two GEMM passes for the real radii and one membership pass; memory O(n + m + block).
public struct DensityCoverage: Sendable, Equatable {
    /// prdc's documented default neighbourhood size.
    public static let defaultNeighbourCount = 5

    public struct Options: Sendable {
        public var neighbourCount = DensityCoverage.defaultNeighbourCount
        public var boundary = BallBoundary.strict
        /// prdc's float32 distances by default (what it does with float32 features).
        public var rounding = DistanceRounding.float32
        public init() {}
    }

    public let density: Double
    public let coverage: Double
    public let realCount: Int
    public let fakeCount: Int

    /// - Throws: `MetricsError` for mismatched dimensions, NaN/∞ or `k ≥ n`; `CancellationError`.
    public init(real: Matrix<Float>, fake: Matrix<Float>, options: Options = .init(), token: CancellationToken) throws {
        let results = try NeighbourhoodMetrics.compute(
            real: real, fake: fake, precisionRecall: nil, densityCoverage: options, token: token)
        self = results.densityCoverage!
    }

    init(density: Double, coverage: Double, realCount: Int, fakeCount: Int) {
        self.density = density
        self.coverage = coverage
        self.realCount = realCount
        self.fakeCount = fakeCount
    }
}

/// Precision/recall and density/coverage together, sharing the work: one radii pass per set (for every k
/// needed), one fake→real membership pass for precision, density and coverage, and one real→fake pass for
/// recall — four blocked GEMM passes in all, never an `n × m` matrix.
public enum NeighbourhoodMetrics {
    /// Computes the requested metrics (nil options skip one).
    /// - Throws: `MetricsError` for mismatched dimensions, NaN/∞, or a k not below a set's size;
    ///   `CancellationError`.
    public static func compute(
        real: Matrix<Float>, fake: Matrix<Float>, precisionRecall: PrecisionRecall.Options?,
        densityCoverage: DensityCoverage.Options?, token: CancellationToken
    ) throws -> (precisionRecall: PrecisionRecall?, densityCoverage: DensityCoverage?) {
        let metric = precisionRecall == nil ? "density/coverage" : (densityCoverage == nil ? "precision/recall" : "precision/recall/density/coverage")
        let realKs = [precisionRecall?.neighbourCount, densityCoverage?.neighbourCount].compactMap { $0 }
        guard !realKs.isEmpty else { return (nil, nil) }
        guard realKs.allSatisfy({ $0 >= 1 }) else { throw MetricsError(metric, "k must be at least 1, got \(realKs.min()!)") }
        try validatePair(
            real: real, fake: fake, realK: realKs.max()!, fakeK: precisionRecall?.neighbourCount ?? 0, metric: metric)
        let realScreen = try DistanceScreen(queries: real, references: real, sameSet: true, token: token)
        let realRadii = try nearestNeighbourSquaredRadii(screen: realScreen, neighbourCounts: realKs, token: token)
        var ballSets: [BallSet] = []
        if let precisionRecall { ballSets.append(BallSet(squaredRadii: realRadii[0], boundary: precisionRecall.boundary)) }
        if let densityCoverage { ballSets.append(BallSet(
                squaredRadii: realRadii[realKs.count - 1], boundary: densityCoverage.boundary,
                rounding: densityCoverage.rounding)) }
        let fakeToReal = try BallMembership.compute(
            screen: DistanceScreen(queries: fake, references: real, sameSet: false, token: token), ballSets: ballSets,
            token: token)
        var prResult: PrecisionRecall?
        if let precisionRecall {
            let fakeScreen = try DistanceScreen(queries: fake, references: fake, sameSet: true, token: token)
            let fakeRadii = try nearestNeighbourSquaredRadii(
                screen: fakeScreen, neighbourCounts: [precisionRecall.neighbourCount], token: token)[0]
            let realToFake = try BallMembership.compute(
                screen: DistanceScreen(queries: real, references: fake, sameSet: false, token: token),
                ballSets: [BallSet(squaredRadii: fakeRadii, boundary: precisionRecall.boundary)], token: token)[0]
            prResult = PrecisionRecall(
                precision: share(fakeToReal[0].queryInsideSome), recall: share(realToFake.queryInsideSome),
                realCount: real.rows, fakeCount: fake.rows)
        }
        var dcResult: DensityCoverage?
        if let densityCoverage {
            let membership = fakeToReal[fakeToReal.count - 1]
            dcResult = DensityCoverage(
                density: Double(membership.containmentCount) / Double(densityCoverage.neighbourCount * fake.rows),
                coverage: share(membership.ballHoldsSome), realCount: real.rows, fakeCount: fake.rows)
        }
        return (prResult, dcResult)
    }
}

func share(_ flags: [Bool]) -> Double {
    flags.isEmpty ? 0 : Double(flags.lazy.filter { $0 }.count) / Double(flags.count)
}

/// The checks every k-NN metric makes: same dimension, finite values, more than `realK` real rows and
/// more than `fakeK` fake rows (recall builds balls around fakes; density/coverage does not, `fakeK` = 0).
func validatePair(real: Matrix<Float>, fake: Matrix<Float>, realK: Int, fakeK: Int, metric: String) throws(MetricsError) {
    guard real.columns == fake.columns else { throw .dimensionMismatch(metric, real.columns, fake.columns) }
    guard real.columns > 0 else { throw MetricsError(metric, "the data has no columns") }
    guard realK >= 1, fakeK >= 0 else { throw MetricsError(metric, "k = \(min(realK, fakeK)) must be at least 1") }
    guard fake.rows >= 1 else { throw MetricsError(metric, "the fake set has no rows") }
    for (data, name, k) in [(real, "real", realK), (fake, "fake", fakeK)] where data.rows <= k {
        throw MetricsError(metric, "k = \(k) needs more than k \(name) rows, got \(data.rows); lower k or add rows")
    }
    try requireFinite(real, metric: metric, name: "the real set")
    try requireFinite(fake, metric: metric, name: "the fake set")
}
