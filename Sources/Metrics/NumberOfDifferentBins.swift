import Foundation
public import LinearAlgebra
import Neighbors

/// NDB and JSD (Richardson & Weiss, "On GANs and GMMs", NeurIPS 2018): bin both sets by the nearest of K
/// K-means centres fitted on the real set (K = 100), then test each bin with a two-proportion z-test
/// (pooled proportion, two-sided p = erfc(|z|/√2), different when p < α = 0.05). Reports the number and
/// fraction of statistically different bins and the Jensen–Shannon divergence (natural log,
/// `½KL(p‖m) + ½KL(q‖m)`, `0·log 0 = 0`) between the two bin histograms.
///
/// Given centres (`Options.centers`) skip K-means. Rows go to the centre at the smallest squared distance
/// computed by Double GEMM (ties to the smaller index), so counts equal a float64 reference's given the
/// same centres (tested). K-means is `Neighbors.KMeans` (k-means++ then Lloyd, as scikit-learn).
/// - Complexity: K-means plus O((n + m)·K·d) for the assignment, in Double blocks.
public struct NumberOfDifferentBins: Sendable, Equatable {
    public struct Options: Sendable {
        /// The paper's K.
        public var clusterCount = 100
        /// The paper's significance level.
        public var significance = 0.05
        public var seed: UInt64 = 0
        /// `K × d` centres to use instead of fitting K-means on the real set.
        public var centers: Matrix<Float>?
        public init() {}
    }

    public let realCounts: [Int]
    public let fakeCounts: [Int]
    /// Per bin: the z-test rejects equal proportions.
    public let isDifferent: [Bool]
    public let differentCount: Int
    public let differentFraction: Double
    public let jensenShannonDivergence: Double

    /// - Throws: `MetricsError` for mismatched dimensions, NaN/∞, K outside 1…n or a significance outside
    ///   (0, 1); `CancellationError`.
    public init(real: Matrix<Float>, fake: Matrix<Float>, options: Options = .init(), token: CancellationToken) throws {
        let metric = "NDB"
        guard real.columns == fake.columns else { throw MetricsError.dimensionMismatch(metric, real.columns, fake.columns) }
        guard real.rows >= 1, fake.rows >= 1, real.columns >= 1 else { throw MetricsError(metric, "both sets need rows") }
        guard options.significance > 0, options.significance < 1 else {
            throw MetricsError(metric, "significance \(options.significance) must be in (0, 1)")
        }
        try requireFinite(real, metric: metric, name: "the real set")
        try requireFinite(fake, metric: metric, name: "the fake set")
        let centers: Matrix<Float>
        if let given = options.centers {
            guard given.columns == real.columns, given.rows >= 1 else {
                throw MetricsError(metric, "the centres have \(given.columns) columns, the data \(real.columns)")
            }
            centers = given
        } else {
            guard options.clusterCount >= 1, options.clusterCount <= real.rows else {
                throw MetricsError(
                    metric, "K = \(options.clusterCount) clusters needs between 1 and \(real.rows) (the real rows)")
            }
            centers = try KMeans.fit(
                real, clusterCount: options.clusterCount, options: KMeansOptions(seed: options.seed), token: token).centers
        }
        let k = centers.rows
        let realCounts = try Self.binCounts(real, centers: centers, token: token)
        let fakeCounts = try Self.binCounts(fake, centers: centers, token: token)
        let (n, m) = (Double(real.rows), Double(fake.rows))
        var different: [Bool] = []
        for bin in 0..<k {
            let (p1, p2) = (Double(realCounts[bin]) / n, Double(fakeCounts[bin]) / m)
            let pooled = (p1 * n + p2 * m) / (n + m)
            let standardError = (pooled * (1 - pooled) * (1 / n + 1 / m)).squareRoot()
            // An empty (or all-rows) bin has no variance: the proportions are equal, nothing to reject.
            guard standardError > 0 else {
                different.append(false)
                continue
            }
            let z = (p1 - p2) / standardError
            different.append(erfc(abs(z) / 2.0.squareRoot()) < options.significance)
        }
        self.realCounts = realCounts
        self.fakeCounts = fakeCounts
        self.isDifferent = different
        self.differentCount = different.filter { $0 }.count
        self.differentFraction = Double(differentCount) / Double(k)
        self.jensenShannonDivergence = Self.jensenShannon(realCounts.map { Double($0) / n }, fakeCounts.map { Double($0) / m })
    }

    static func jensenShannon(_ p: [Double], _ q: [Double]) -> Double {
        var total = 0.0
        for (a, b) in zip(p, q) {
            let middle = (a + b) / 2
            if a > 0 { total += 0.5 * a * log(a / middle) }
            if b > 0 { total += 0.5 * b * log(b / middle) }
        }
        return total
    }

    /// How many rows of `data` fall nearest to each centre (Double GEMM distances, ties to the lower index).
    static func binCounts(_ data: Matrix<Float>, centers: Matrix<Float>, token: CancellationToken) throws -> [Int] {
        let k = centers.rows
        let centersDouble = centers.converted(to: Double.self)
        let centerNorms = (0..<k).map { row in centersDouble.row(row).reduce(0) { $0 + $1 * $1 } }
        var counts = [Int](repeating: 0, count: k)
        let blockRows = 4096
        for start in stride(from: 0, to: data.rows, by: blockRows) {
            try token.checkCancellation()
            let block = data.rows(start..<min(data.rows, start + blockRows)).converted(to: Double.self)
            let products = try block.multiplied(byTransposeOf: centersDouble)
            for row in 0..<block.rows {
                let norm = block.row(row).reduce(0) { $0 + $1 * $1 }
                var best = 0
                var bestValue = Double.infinity
                for center in 0..<k {
                    let value = norm + centerNorms[center] - 2 * products[row, center]
                    if value < bestValue {
                        bestValue = value
                        best = center
                    }
                }
                counts[best] += 1
            }
        }
        return counts
    }
}
