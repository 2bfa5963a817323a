/// Eigenvalues and (optionally) eigenvectors of a real symmetric matrix, by LAPACK's divide-and-conquer
/// `?syevd`.
///
/// Values are sorted **descending** (largest first, the order PCA and the matrix square root want).
/// Row `i` of `vectors` is the unit eigenvector of `values[i]`; its sign is whatever LAPACK returns
/// (callers that need a fixed sign, like `PrincipalComponents`, fix it themselves).
/// Only the upper triangle of the input is read.
///
/// - Complexity: O(d³); about 0.7 s for d = 2048 with vectors on two cores (1.5–8 s for a 4,000×4,000
///   kernel on a busy machine). The LAPACK call itself cannot be interrupted: `init(of:computingVectors:token:)`
///   runs it for `d ≥ detachedThreshold` on a separate thread and stops waiting within ~10 ms of the token
///   tripping, leaving the abandoned call to finish in the background on its own copy of the matrix.
/// - Accuracy: matches `numpy.linalg.eigh` to 1e-10 relative to the largest eigenvalue in Double.
public struct SymmetricEigendecomposition<Scalar: MatrixScalar>: Sendable {
    /// Eigenvalues, descending.
    public let values: [Scalar]
    /// `d×d`, row `i` the eigenvector of `values[i]`; nil when not requested.
    public let vectors: Matrix<Scalar>?

    /// Matrices at least this large run on a separate thread when a token is given: from d = 256 on,
    /// `syevd` takes tens of milliseconds or more, so the thread start (~50 µs) is noise; smaller calls
    /// stay direct.
    public static var detachedThreshold: Int { 256 }

    /// Decomposes the square symmetric `matrix`; the call cannot be cancelled (see the token variant).
    ///
    /// - Throws: `LinearAlgebraError` when `matrix` is not square, holds NaN/∞, is too large for 32-bit
    ///   LAPACK, or LAPACK fails to converge.
    public init(of matrix: Matrix<Scalar>, computingVectors: Bool = true) throws(LinearAlgebraError) {
        try Self.validate(matrix)
        self = try Self.decompose(matrix, computingVectors: computingVectors).get()
    }

    /// Decomposes the square symmetric `matrix`, returning as soon as `token` trips.
    ///
    /// For `d ≥ detachedThreshold` LAPACK runs on a thread of its own (`DetachedComputation`) with its own
    /// copy of `matrix`; on cancellation that thread is abandoned, finishes in the background and its result
    /// is dropped. Nothing it writes is visible to the caller.
    ///
    /// - Throws: `LinearAlgebraError` as the other initialiser; `CancellationError` once `token` trips.
    public init(of matrix: Matrix<Scalar>, computingVectors: Bool = true, token: CancellationToken) throws {
        try Self.validate(matrix)
        try token.checkCancellation()
        guard matrix.rows >= Self.detachedThreshold else {
            self = try Self.decompose(matrix, computingVectors: computingVectors).get()
            return
        }
        let result = try DetachedComputation.run(polling: token) {
            Self.decompose(matrix, computingVectors: computingVectors)
        }
        self = try result.get()
    }

    private init(values: [Scalar], vectors: Matrix<Scalar>?) {
        self.values = values
        self.vectors = vectors
    }

    private static func validate(_ matrix: Matrix<Scalar>) throws(LinearAlgebraError) {
        guard matrix.rows == matrix.columns else {
            throw .shape("eigen-decomposition", expected: "a square matrix", rows: matrix.rows, columns: matrix.columns)
        }
        guard matrix.containsOnlyFiniteValues else { throw .nonFiniteInput(operation: "eigen-decomposition") }
    }

    /// The LAPACK call on a private copy of `matrix` (so it may run on another thread).
    private static func decompose(
        _ matrix: Matrix<Scalar>, computingVectors: Bool
    ) -> Result<SymmetricEigendecomposition, LinearAlgebraError> {
        let n = matrix.rows
        var work = Matrix(rows: n, columns: n, values: matrix.values)
        var ascending = [Scalar](repeating: 0, count: n)
        do {
            let info = try work.withMutableElements { (a) throws(LinearAlgebraError) in
                try ascending.withUnsafeMutableBufferPointer { (w) throws(LinearAlgebraError) in
                    try BLAS.symmetricEigen(a, n: n, values: w, vectors: computingVectors)
                }
            }
            guard info == 0 else { return .failure(.lapackFailure(routine: "syevd", info: info)) }
        } catch {
            return .failure(error)
        }
        return .success(SymmetricEigendecomposition(
            values: ascending.reversed(), vectors: computingVectors ? work.rows(at: (0..<n).reversed()) : nil))
    }
}
