/// Matrix products through BLAS (`sgemm`/`dgemm`, `ssyrk`/`dsyrk`).
///
/// Results are BLAS's, so they depend on the OpenBLAS kernel and thread count in the last bits only;
/// tests compare them with numpy to 1e-5 relative (Float) and 1e-10 relative (Double).
extension Matrix {
    /// The product `self · other`: `(m×k)·(k×n) → m×n`.
    ///
    /// - Complexity: O(m·n·k) flops in BLAS, which uses `ComputeThreads.count` threads.
    public func multiplied(by other: Matrix) throws(LinearAlgebraError) -> Matrix {
        var product = Matrix(rows: rows, columns: other.columns)
        try Matrix.multiply(self, other, into: &product)
        return product
    }

    /// The product `self · otherᵀ`: `(m×k)·(n×k)ᵀ → m×n`, without materialising the transpose.
    public func multiplied(byTransposeOf other: Matrix) throws(LinearAlgebraError) -> Matrix {
        var product = Matrix(rows: rows, columns: other.rows)
        try Matrix.multiply(self, other, transposingRight: true, into: &product)
        return product
    }

    /// `output ← alpha·left·op(right) + beta·output`, where `op(right)` is `right` or `rightᵀ`.
    ///
    /// Writing into an existing output lets blocked loops reuse one buffer and accumulate (`beta = 1`).
    /// Shapes: `left` is `m×k`, `op(right)` is `k×n`, `output` is `m×n`.
    public static func multiply(
        _ left: Matrix, _ right: Matrix, transposingRight: Bool = false, alpha: Scalar = 1, beta: Scalar = 0,
        into output: inout Matrix
    ) throws(LinearAlgebraError) {
        let (innerRows, resultColumns) = transposingRight ? (right.columns, right.rows) : (right.rows, right.columns)
        guard left.columns == innerRows else {
            let expected = transposingRight ? "n×\(left.columns) right operand" : "\(left.columns)×n right operand"
            throw .shape("matrix product", expected: expected, rows: right.rows, columns: right.columns)
        }
        guard output.rows == left.rows, output.columns == resultColumns else {
            throw .shape(
                "matrix product", expected: "\(left.rows)×\(resultColumns) output", rows: output.rows,
                columns: output.columns)
        }
        try left.withElements { (a) throws(LinearAlgebraError) in
            try right.withElements { (b) throws(LinearAlgebraError) in
                try output.withMutableElements { (c) throws(LinearAlgebraError) in
                    try BLAS.gemm(
                        a, b, into: c, m: left.rows, n: resultColumns, k: left.columns, transposeB: transposingRight,
                        alpha: alpha, beta: beta)
                }
            }
        }
    }

    /// The dot products of every pair of rows, `self · selfᵀ` (`n×n` for an `n×d` matrix), on and above the
    /// diagonal only; entries below it are zero.
    ///
    /// Uses `syrk`: half the flops of `multiplied(byTransposeOf: self)`, in one BLAS call (KID's symmetric
    /// kernel sums need only the upper triangle).
    public func upperTriangleOfRowProducts() throws(LinearAlgebraError) -> Matrix {
        var products = Matrix(rows: rows, columns: rows)
        let (n, k) = (rows, columns)
        try withElements { (a) throws(LinearAlgebraError) in
            try products.withMutableElements { (c) throws(LinearAlgebraError) in
                try BLAS.syrkRows(a, into: c, n: n, k: k, alpha: 1, beta: 0)
            }
        }
        return products
    }

    /// The Gram matrix `selfᵀ · self` (`d×d` for an `n×d` matrix), full and symmetric.
    ///
    /// Uses `syrk`, which does half the flops of the general product. Divided by `n − 1` after centring,
    /// this is the covariance; `MeanAndCovariance` does that blocked and in Double.
    public func gramMatrix() throws(LinearAlgebraError) -> Matrix {
        var gram = Matrix(rows: columns, columns: columns)
        try Matrix.accumulateGram(of: self, into: &gram)
        return gram
    }

    /// `gram ← gram + selfᵀ·self` on the upper triangle only; call `symmetrizeFromUpperTriangle` at the end.
    static func accumulateGram(of block: Matrix, into gram: inout Matrix, symmetrize: Bool = true)
        throws(LinearAlgebraError)
    {
        let n = block.columns
        try block.withElements { (a) throws(LinearAlgebraError) in
            try gram.withMutableElements { (c) throws(LinearAlgebraError) in
                try BLAS.syrkTransposed(a, into: c, n: n, k: block.rows, alpha: 1, beta: 1)
            }
        }
        if symmetrize { gram.symmetrizeFromUpperTriangle() }
    }

    /// Copies the upper triangle onto the lower one (square matrices).
    mutating func symmetrizeFromUpperTriangle() {
        let n = rows
        withUnsafeMutableBufferPointer { c in
            for row in 0..<n {
                for column in 0..<row { c[row * n + column] = c[column * n + row] }
            }
        }
    }

    var containsOnlyFiniteValues: Bool {
        withUnsafeBufferPointer { $0.allSatisfy { $0.isFinite } }
    }
}
