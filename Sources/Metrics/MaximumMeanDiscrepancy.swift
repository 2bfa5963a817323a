import Foundation
public import LinearAlgebra

/// The unbiased MMD² (Gretton et al., "A Kernel Two-Sample Test", JMLR 2012) between two samples:
/// `Σ_{i≠j} k(xᵢ,xⱼ)/(n(n−1)) + Σ_{i≠j} k(yᵢ,yⱼ)/(m(m−1)) − 2·Σ k(xᵢ,yⱼ)/(n·m)`, on all rows.
///
/// - Gaussian kernel `exp(−‖x−y‖²/(2σ²))`; σ defaults to the median pairwise distance of the pooled sample
///   (numpy's median, i.e. the mean of the two middle values for an even count) on at most
///   `bandwidthRowLimit` = 1,000 pooled rows drawn by `SeededGenerator(seed).sample`.
/// - Polynomial kernel `(γ·x·y + c₀)^degree` (KID's, on all rows instead of subsets).
/// - `permutationCount > 0` adds a permutation-test p-value `(1 + #{MMD²_perm ≥ MMD²}) / (1 + B)`
///   (permutation b shuffles the pooled rows with `SeededGenerator(seed).stream(b)`); it needs the pooled
///   kernel matrix, so at most `permutationRowLimit` pooled rows.
/// - Accuracy: ≤ 1e-4 relative to the float64 numpy reference (distances and products by Double GEMM; tested).
/// - Complexity: O((n + m)²·d) in Double BLAS plus (n + m)² kernel evaluations; memory one block of
///   `blockRows × max(n, m)` Doubles (the permutation test: `(n + m)²`).
public struct MaximumMeanDiscrepancy: Sendable, Equatable {
    public enum Kernel: Sendable, Equatable {
        /// nil: the median heuristic.
        case gaussian(bandwidth: Double?)
        /// nil gamma: 1/d.
        case polynomial(degree: Int, gamma: Double?, coefficient: Double)
    }

    public struct Options: Sendable {
        public var kernel = Kernel.gaussian(bandwidth: nil)
        public var bandwidthRowLimit = 1000
        public var permutationCount = 0
        /// The permutation test keeps the pooled `(n + m)²` kernel: 6,000 rows are 288 MB.
        public var permutationRowLimit = 6000
        public var seed: UInt64 = 0
        public init() {}
    }

    public let mmdSquared: Double
    /// The Gaussian bandwidth used (nil for the polynomial kernel).
    public let bandwidth: Double?
    public let pValue: Double?

    /// - Throws: `MetricsError` for mismatched dimensions, fewer than 2 rows in a set, NaN/∞, a
    ///   non-positive bandwidth or a permutation test on too many rows; `CancellationError`.
    public init(real: Matrix<Float>, fake: Matrix<Float>, options: Options = .init(), token: CancellationToken) throws {
        let metric = "MMD"
        guard real.columns == fake.columns else { throw MetricsError.dimensionMismatch(metric, real.columns, fake.columns) }
        guard real.rows >= 2, fake.rows >= 2, real.columns >= 1 else {
            throw MetricsError(metric, "needs at least 2 rows in each set, got \(real.rows) and \(fake.rows)")
        }
        try requireFinite(real, metric: metric, name: "the real set")
        try requireFinite(fake, metric: metric, name: "the fake set")
        let evaluator: KernelEvaluator
        switch options.kernel {
        case .gaussian(let given):
            let bandwidth = try given ?? Self.medianPairwiseDistance(
                real.appendingRows(of: fake), rowLimit: options.bandwidthRowLimit, seed: options.seed, token: token)
            guard bandwidth > 0, bandwidth.isFinite else {
                throw MetricsError(metric, "bandwidth \(bandwidth) must be positive (are all rows identical?)")
            }
            evaluator = .gaussian(factor: -1 / (2 * bandwidth * bandwidth))
            self.bandwidth = bandwidth
        case .polynomial(let degree, let gamma, let coefficient):
            guard degree >= 1 else { throw MetricsError(metric, "polynomial degree must be at least 1") }
            evaluator = .polynomial(PolynomialKernel(degree: degree, gamma: gamma ?? 1 / Double(real.columns), coefficient: coefficient))
            self.bandwidth = nil
        }
        let x = real.converted(to: Double.self)
        let y = fake.converted(to: Double.self)
        let n = Double(x.rows)
        let m = Double(y.rows)
        let xx = try evaluator.sum(x, x, excludingDiagonal: true, token: token)
        let yy = try evaluator.sum(y, y, excludingDiagonal: true, token: token)
        let xy = try evaluator.sum(x, y, excludingDiagonal: false, token: token)
        mmdSquared = xx / (n * (n - 1)) + yy / (m * (m - 1)) - 2 * xy / (n * m)
        if options.permutationCount > 0 {
            let pooled = x.appendingRows(of: y)
            guard pooled.rows <= options.permutationRowLimit else {
                throw MetricsError(
                    metric,
                    "a permutation test on \(pooled.rows) rows needs a \(pooled.rows)² kernel; use subset= to stay under \(options.permutationRowLimit) rows")
            }
            let kernel = try evaluator.matrix(pooled, token: token)
            var exceed = 0
            let base = SeededGenerator(seed: options.seed)
            for permutation in 0..<options.permutationCount {
                try token.checkCancellation()
                var order = Array(0..<pooled.rows)
                var stream = base.stream(for: UInt64(permutation))
                stream.shuffle(&order)
                if Self.unbiased(kernel, order: order, firstCount: x.rows) >= mmdSquared { exceed += 1 }
            }
            pValue = Double(1 + exceed) / Double(1 + options.permutationCount)
        } else {
            pValue = nil
        }
    }

    /// The unbiased MMD² of the split `order[..<firstCount]` / rest, from a pooled kernel matrix.
    static func unbiased(_ kernel: Matrix<Double>, order: [Int], firstCount: Int) -> Double {
        let total = order.count
        var isFirst = [Bool](repeating: false, count: total)
        for index in order[..<firstCount] { isFirst[index] = true }
        var (xx, yy, xy) = (0.0, 0.0, 0.0)
        kernel.withUnsafeBufferPointer { k in
            for row in 0..<total {
                for column in 0..<total where column != row {
                    let value = k[row * total + column]
                    switch (isFirst[row], isFirst[column]) {
                    case (true, true): xx += value
                    case (false, false): yy += value
                    default: xy += value
                    }
                }
            }
        }
        let n = Double(firstCount)
        let m = Double(total - firstCount)
        // `xy` counted each cross pair twice (both orders).
        return xx / (n * (n - 1)) + yy / (m * (m - 1)) - xy / (n * m)
    }

    /// The median of all pairwise Euclidean distances (i < j) among at most `rowLimit` seeded rows (the
    /// median heuristic for Gaussian bandwidths). O(rowLimit²·d).
    public static func medianPairwiseDistance(
        _ pooled: Matrix<Float>, rowLimit: Int, seed: UInt64, token: CancellationToken
    ) throws -> Double {
        var generator = SeededGenerator(seed: seed)
        let rows = pooled.rows <= rowLimit ? pooled : pooled.rows(at: try generator.sample(rowLimit, from: pooled.rows))
        let squared = try exactSquaredDistanceMatrix(rows, token: token)
        var distances: [Double] = []
        distances.reserveCapacity(rows.rows * (rows.rows - 1) / 2)
        for row in 0..<rows.rows {
            for column in (row + 1)..<rows.rows { distances.append(squared[row, column].squareRoot()) }
        }
        guard !distances.isEmpty else { return 0 }
        distances.sort()
        let middle = distances.count / 2
        return distances.count % 2 == 1 ? distances[middle] : (distances[middle - 1] + distances[middle]) / 2
    }
}

/// Evaluates a kernel over Double row blocks: `sum` without storing, `matrix` storing all pairs.
enum KernelEvaluator: Sendable {
    case gaussian(factor: Double)
    case polynomial(PolynomialKernel)

    /// Memory per block of products: 32 MiB of Doubles.
    static let blockBytes = 32 << 20

    /// Σ k(aᵢ, bⱼ) over all pairs (i ≠ j when `excludingDiagonal`, for a = b), row sums first.
    func sum(_ a: Matrix<Double>, _ b: Matrix<Double>, excludingDiagonal: Bool, token: CancellationToken) throws -> Double {
        var total = 0.0
        try forEachBlock(a, b, token: token) { rows, block in
            for local in 0..<rows.count {
                let row = rows.lowerBound + local
                var rowSum = 0.0
                for column in 0..<b.rows where !(excludingDiagonal && column == row) {
                    rowSum += block[local * b.rows + column]
                }
                total += rowSum
            }
        }
        return total
    }

    /// The full `n × n` kernel matrix of `a` with itself.
    func matrix(_ a: Matrix<Double>, token: CancellationToken) throws -> Matrix<Double> {
        var values: [Double] = []
        values.reserveCapacity(a.rows * a.rows)
        try forEachBlock(a, a, token: token) { _, block in values.append(contentsOf: block) }
        return Matrix(rows: a.rows, columns: a.rows, values: values)
    }

    /// Kernel values of row blocks of `a` against all of `b`, row-major `rows.count × b.rows`.
    private func forEachBlock(
        _ a: Matrix<Double>, _ b: Matrix<Double>, token: CancellationToken,
        _ body: (Range<Int>, UnsafeBufferPointer<Double>) throws -> Void
    ) throws {
        let blockRows = max(1, Self.blockBytes / (MemoryLayout<Double>.stride * max(1, b.rows)))
        let bNorms = Self.squaredNorms(b)
        for start in stride(from: 0, to: a.rows, by: blockRows) {
            try token.checkCancellation()
            let rows = start..<min(a.rows, start + blockRows)
            let aBlock = a.rows(rows)
            var products = try aBlock.multiplied(byTransposeOf: b)
            let aNorms = Self.squaredNorms(aBlock)
            let m = b.rows
            products.withUnsafeMutableBufferPointer { values in
                for local in 0..<rows.count {
                    for column in 0..<m {
                        let index = local * m + column
                        switch self {
                        case .gaussian(let factor):
                            let squared = max(0, aNorms[local] + bNorms[column] - 2 * values[index])
                            values[index] = Foundation.exp(squared * factor)
                        case .polynomial(let kernel):
                            var result = 1.0
                            let base = kernel.gamma * values[index] + kernel.coefficient
                            for _ in 0..<kernel.degree { result *= base }
                            values[index] = result
                        }
                    }
                }
            }
            try products.withUnsafeBufferPointer { try body(rows, $0) }
        }
    }

    private static func squaredNorms(_ matrix: Matrix<Double>) -> [Double] {
        matrix.withUnsafeBufferPointer { values in
            (0..<matrix.rows).map { row in
                var total = 0.0
                for column in 0..<matrix.columns {
                    let value = values[row * matrix.columns + column]
                    total += value * value
                }
                return total
            }
        }
    }
}
