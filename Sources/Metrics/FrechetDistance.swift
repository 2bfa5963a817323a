public import LinearAlgebra

/// The Fréchet distance between two Gaussians fitted to feature sets (FID when the features are
/// Inception-v3 pool features; modescope computes it on whatever features it is given):
/// `‖μ₁ − μ₂‖² + tr Σ₁ + tr Σ₂ − 2·tr √(Σ₁Σ₂)`.
///
/// Matches pytorch-fid 0.3.0 `calculate_frechet_distance` (covariances with `n − 1`). Instead of a general
/// `sqrtm`, the trace term is `Σᵢ √λᵢ(L₁ᵀ Σ₂ L₁)` with the Cholesky factor `Σ₁ = L₁L₁ᵀ`: the eigenvalues of
/// a symmetric matrix similar to `Σ₁Σ₂`. When `Σ₁` is singular (n ≤ d, constant columns) Cholesky fails
/// and the route falls back to `√Σ₁ = V√ΛVᵀ` by a symmetric eigen-decomposition, with `λᵢ(√Σ₁ Σ₂ √Σ₁)`.
/// Eigenvalues under numpy's rank threshold (d·ε·λ_max; round-off of a PSD matrix, possibly negative) count
/// as 0 before the square root.
///
/// - Accuracy: ≤ 1e-6 relative to a float64 eigen-decomposition reference (tested; scipy's general
///   `sqrtm` is itself less accurate). A result in `[−negativeTolerance·(tr Σ₁ + tr Σ₂), 0)` is reported
///   as 0 (`clampedNegative`); pytorch-fid raises on such round-off, clean-fid drops it silently.
/// - Complexity: two `d³` Double GEMMs, one Cholesky and one eigenvalues-only `dsyevd`; with the audit,
///   two more eigenvalues-only decompositions. The eigen-decompositions return as soon as the token trips
///   (`SymmetricEigendecomposition(of:computingVectors:token:)`); the token is also checked between steps.
public struct FrechetDistance: Sendable, Equatable {
    /// Round-off allowance for a negative result, relative to `tr Σ₁ + tr Σ₂`: Double eigenvalues carry
    /// about d·ε·‖Σ‖ error each, so 1e-9 covers d up to ~10⁶ with room to spare.
    public static let negativeTolerance = 1e-9

    /// Relative eigenvalue threshold under which a covariance direction counts as null when auditing rank
    /// (numpy's `matrix_rank` default: d·ε·λ_max).
    static func rankThreshold(dimension: Int, largest: Double) -> Double {
        Double(dimension) * Double.ulpOfOne * largest
    }

    /// How the trace term was computed.
    public enum Route: String, Sendable {
        case cholesky, eigen
    }

    /// Rank and condition number of one covariance, from its eigenvalues.
    public struct CovarianceAudit: Sendable, Equatable {
        public let rank: Int
        /// `λ_max / λ_min`; infinite when the matrix is singular.
        public let conditionNumber: Double
    }

    public let value: Double
    /// `‖μ₁ − μ₂‖²`.
    public let meanTerm: Double
    /// `tr Σ₁ + tr Σ₂ − 2·tr √(Σ₁Σ₂)`.
    public let covarianceTerm: Double
    public let route: Route
    /// True when a tiny negative round-off result was reported as 0.
    public let clampedNegative: Bool
    /// Audits of Σ₁ and Σ₂ when requested.
    public let audits: [CovarianceAudit]?
    /// Human-readable warnings (n ≤ d, singular covariance, clamped result).
    public let warnings: [String]

    /// The Fréchet distance between two sets of statistics.
    ///
    /// - Parameter auditsCovariances: also compute each covariance's rank and condition number (two more
    ///   eigenvalue-only decompositions, ≈ 0.2 s each at d = 2048).
    /// - Throws: `MetricsError` for mismatched dimensions or non-finite statistics; `CancellationError`.
    public init(
        between first: GaussianStatistics, and second: GaussianStatistics, auditsCovariances: Bool = true,
        token: CancellationToken
    ) throws {
        let metric = "Fréchet distance"
        guard first.dimension == second.dimension else {
            throw MetricsError.dimensionMismatch(metric, first.dimension, second.dimension)
        }
        guard first.dimension > 0 else { throw MetricsError(metric, "the statistics have dimension 0") }
        for (statistics, name) in [(first, "the first"), (second, "the second")] {
            let finite = statistics.mean.allSatisfy(\.isFinite)
                && statistics.covariance.withUnsafeBufferPointer { $0.allSatisfy(\.isFinite) }
            guard finite else { throw MetricsError.nonFinite(metric, "\(name) statistics") }
            try Self.requireSymmetric(statistics.covariance, name: name)
        }
        let d = first.dimension
        var warnings: [String] = []
        for (statistics, name) in [(first, "first"), (second, "second")] {
            if let n = statistics.count, n <= d {
                warnings.append(
                    "the \(name) set has n = \(n) ≤ d = \(d) rows: its covariance is singular and the distance is "
                        + "strongly biased; use more rows than dimensions")
            }
        }
        let meanTerm = zip(first.mean, second.mean).reduce(0.0) { $0 + ($1.0 - $1.1) * ($1.0 - $1.1) }
        try token.checkCancellation()
        let (traceOfRoot, route) = try Self.traceOfSquareRoot(first.covariance, second.covariance, token: token)
        if route == .eigen {
            warnings.append("the first covariance is not positive definite: used the eigen-decomposition route")
        }
        let traces = Self.trace(first.covariance) + Self.trace(second.covariance)
        var covarianceTerm = traces - 2 * traceOfRoot
        var clamped = false
        if meanTerm + covarianceTerm < 0 {
            guard meanTerm + covarianceTerm >= -Self.negativeTolerance * max(traces, Double.leastNormalMagnitude) else {
                throw MetricsError(
                    metric,
                    "the result \(meanTerm + covarianceTerm) is negative beyond round-off; the covariances are not valid")
            }
            covarianceTerm = -meanTerm
            clamped = true
            warnings.append(
                "a negative round-off result was reported as 0 (tolerance \(Self.negativeTolerance) × (tr Σ₁ + tr Σ₂))")
        }
        var audits: [CovarianceAudit]?
        if auditsCovariances {
            try token.checkCancellation()
            let firstAudit = try Self.audit(first.covariance, token: token)
            try token.checkCancellation()
            audits = [firstAudit, try Self.audit(second.covariance, token: token)]
        }
        self.value = meanTerm + covarianceTerm
        self.meanTerm = meanTerm
        self.covarianceTerm = covarianceTerm
        self.route = route
        self.clampedNegative = clamped
        self.audits = audits
        self.warnings = warnings
    }

    /// `tr √(Σ₁Σ₂)` by the Cholesky route, or the eigen route when Σ₁ is not positive definite.
    static func traceOfSquareRoot(
        _ first: Matrix<Double>, _ second: Matrix<Double>, token: CancellationToken
    ) throws -> (Double, Route) {
        let d = first.rows
        let root: Matrix<Double>
        let route: Route
        if let factor = try first.choleskyFactor() {
            root = factor
            route = .cholesky
        } else {
            try token.checkCancellation()
            let decomposition = try SymmetricEigendecomposition(of: first, computingVectors: true, token: token)
            guard let vectors = decomposition.vectors else {
                throw MetricsError("Fréchet distance", "eigenvectors were not computed")
            }
            // Rows of `vectors` are eigenvectors: √Σ₁ = Vᵀ·diag(√λ)·V, built as (diag(λ^¼)·V)ᵀ(diag(λ^¼)·V).
            // Eigenvalues under the rank threshold are null directions carrying round-off (±d·ε·λ_max); their
            // square roots (≈ √ε·√λ_max each) would bias the trace far more than the round-off itself.
            let nullBelow = rankThreshold(dimension: d, largest: decomposition.values.max() ?? 0)
            let scaled = Matrix<Double>(rows: d, columns: d) { buffer in
                vectors.withUnsafeBufferPointer { v in
                    for row in 0..<d {
                        let value = decomposition.values[row]
                        let weight = value > nullBelow ? value.squareRoot().squareRoot() : 0
                        for column in 0..<d { buffer[row * d + column] = weight * v[row * d + column] }
                    }
                }
            }
            root = try scaled.transposed().multiplied(by: scaled)
            route = .eigen
        }
        try token.checkCancellation()
        // L₁ᵀ Σ₂ L₁ (or √Σ₁ Σ₂ √Σ₁): symmetric, similar to Σ₁Σ₂.
        let inner = try root.transposed().multiplied(by: try second.multiplied(by: root))
        try token.checkCancellation()
        let eigenvalues = try SymmetricEigendecomposition(of: symmetrised(inner), computingVectors: false, token: token).values
        try token.checkCancellation()
        // As above: a rank-deficient Σ₁Σ₂ (n ≤ d) leaves d − rank round-off eigenvalues whose square roots
        // would add ≈ (d − rank)·√(ε·λ_max) to the trace (a 2-row set against itself read −5e-7, not 0).
        let nullBelow = rankThreshold(dimension: d, largest: eigenvalues.max() ?? 0)
        return (eigenvalues.reduce(0.0) { $0 + ($1 > nullBelow ? $1.squareRoot() : 0) }, route)
    }

    static func trace(_ matrix: Matrix<Double>) -> Double {
        (0..<matrix.rows).reduce(0.0) { $0 + matrix[$1, $1] }
    }

    /// `(A + Aᵀ)/2`, removing the asymmetry GEMM round-off leaves, since `syevd` reads one triangle only.
    static func symmetrised(_ matrix: Matrix<Double>) -> Matrix<Double> {
        let n = matrix.rows
        return Matrix(rows: n, columns: n) { buffer in
            matrix.withUnsafeBufferPointer { a in
                for row in 0..<n {
                    for column in 0..<n { buffer[row * n + column] = 0.5 * (a[row * n + column] + a[column * n + row]) }
                }
            }
        }
    }

    /// Allowed asymmetry of a covariance read from a file, relative to its largest entry: files written in
    /// float32 differ from their transpose by a few ulp of float32 (≈ 1e-7).
    static let symmetryTolerance = 1e-6

    static func requireSymmetric(_ matrix: Matrix<Double>, name: String) throws(MetricsError) {
        let n = matrix.rows
        let (largest, worst) = matrix.withUnsafeBufferPointer { a -> (Double, Double) in
            var largest = 0.0
            var worst = 0.0
            for row in 0..<n {
                for column in 0..<n {
                    largest = max(largest, abs(a[row * n + column]))
                    if column > row { worst = max(worst, abs(a[row * n + column] - a[column * n + row])) }
                }
            }
            return (largest, worst)
        }
        guard worst <= symmetryTolerance * largest else {
            throw MetricsError(
                "Fréchet distance",
                "the \(name) covariance is not symmetric (largest |Σᵢⱼ − Σⱼᵢ| = \(worst)); sigma must be a covariance matrix")
        }
    }

    static func audit(_ covariance: Matrix<Double>, token: CancellationToken) throws -> CovarianceAudit {
        let values = try SymmetricEigendecomposition(of: covariance, computingVectors: false, token: token).values
        let largest = values.first ?? 0
        let threshold = rankThreshold(dimension: covariance.rows, largest: largest)
        let rank = values.filter { $0 > threshold }.count
        let smallest = values.last ?? 0
        let condition = rank < values.count || smallest <= 0 ? Double.infinity : largest / smallest
        return CovarianceAudit(rank: rank, conditionNumber: condition)
    }
}
