extension Matrix {
    /// The lower-triangular Cholesky factor `L` with `self = L·Lᵀ` (LAPACK `?potrf`), or nil when `self`
    /// is not (numerically) positive definite.
    ///
    /// Only the lower triangle of `self` is read; the returned matrix has zeros above the diagonal.
    /// - Complexity: O(d³/3).
    /// - Accuracy: matches `numpy.linalg.cholesky` to 1e-10 relative in Double.
    /// - Throws: `LinearAlgebraError` when `self` is not square, holds NaN/∞ or is too large for LAPACK.
    public func choleskyFactor() throws(LinearAlgebraError) -> Matrix? {
        let operation = "Cholesky factorisation"
        guard rows == columns else {
            throw .shape(operation, expected: "a square matrix", rows: rows, columns: columns)
        }
        guard containsOnlyFiniteValues else { throw .nonFiniteInput(operation: operation) }
        let n = rows
        var factor = Matrix(rows: n, columns: n, values: values)
        let info = try factor.withMutableElements { (a) throws(LinearAlgebraError) in
            try BLAS.cholesky(a, n: n)
        }
        if info > 0 { return nil }
        guard info == 0 else { throw .lapackFailure(routine: "potrf", info: info) }
        factor.withUnsafeMutableBufferPointer { a in
            for row in 0..<n {
                for column in (row + 1)..<max(row + 1, n) { a[row * n + column] = 0 }
            }
        }
        return factor
    }
}
