// Every call into OpenBLAS/LAPACKE lives in this file. Each function takes buffers whose lifetime the
// caller scopes with `withUnsafe…`; no pointer is stored or returned. Sizes are checked to fit the
// 32-bit integers of the LP64 BLAS interface before any call.
internal import COpenBLAS

enum BLAS {
    /// `value` as a BLAS integer, or an error naming `operation` when it does not fit.
    static func blasInt(_ value: Int, _ operation: String) throws(LinearAlgebraError) -> Int32 {
        guard let converted = Int32(exactly: value) else {
            throw .exceedsBLASIntegerRange(operation: operation, size: value)
        }
        return converted
    }

    static func setThreadCount(_ count: Int32) { openblas_set_num_threads(count) }

    static var threadCount: Int32 { openblas_get_num_threads() }

    /// `c ← alpha·a·op(b) + beta·c`, row-major; `a` is `m×k`, `b` is `k×n` (or `n×k` when `transposeB`).
    static func gemm<S: MatrixScalar>(
        _ a: UnsafeBufferPointer<S>, _ b: UnsafeBufferPointer<S>, into c: UnsafeMutableBufferPointer<S>,
        m: Int, n: Int, k: Int, transposeB: Bool, alpha: S, beta: S
    ) throws(LinearAlgebraError) {
        let operation = "matrix product"
        let (m32, n32, k32) = (try blasInt(m, operation), try blasInt(n, operation), try blasInt(k, operation))
        guard m > 0, n > 0 else { return }
        guard k > 0 else {
            // BLAS would only scale c; doing it here avoids handing it empty operands.
            for index in 0..<(m * n) { c[index] = beta == 0 ? 0 : beta * c[index] }
            return
        }
        let transB = transposeB ? CblasTrans : CblasNoTrans
        let ldb = transposeB ? k32 : n32
        if S.self == Float.self {
            cast(a, Float.self) { a in
                cast(b, Float.self) { b in
                    castMutable(c, Float.self) { c in
                        cblas_sgemm(
                            CblasRowMajor, CblasNoTrans, transB, m32, n32, k32, Float(alpha), a, k32, b, ldb,
                            Float(beta), c, n32)
                    }
                }
            }
        } else {
            cast(a, Double.self) { a in
                cast(b, Double.self) { b in
                    castMutable(c, Double.self) { c in
                        cblas_dgemm(
                            CblasRowMajor, CblasNoTrans, transB, m32, n32, k32, Double(alpha), a, k32, b, ldb,
                            Double(beta), c, n32)
                    }
                }
            }
        }
    }

    /// `c ← alpha·aᵀ·a + beta·c` for row-major `a` (`k×n`); writes only the upper triangle of `c` (`n×n`).
    /// `c ← alpha·a·aᵀ + beta·c` on the upper triangle of the `n×n` row-major `c`; `a` is `n×k` row-major.
    static func syrkRows<S: MatrixScalar>(
        _ a: UnsafeBufferPointer<S>, into c: UnsafeMutableBufferPointer<S>, n: Int, k: Int, alpha: S, beta: S
    ) throws(LinearAlgebraError) {
        let operation = "row Gram matrix"
        let (n32, k32) = (try blasInt(n, operation), try blasInt(k, operation))
        guard n > 0, k > 0 else { return }
        if S.self == Float.self {
            cast(a, Float.self) { a in
                castMutable(c, Float.self) { c in
                    cblas_ssyrk(CblasRowMajor, CblasUpper, CblasNoTrans, n32, k32, Float(alpha), a, k32, Float(beta), c, n32)
                }
            }
        } else {
            cast(a, Double.self) { a in
                castMutable(c, Double.self) { c in
                    cblas_dsyrk(CblasRowMajor, CblasUpper, CblasNoTrans, n32, k32, Double(alpha), a, k32, Double(beta), c, n32)
                }
            }
        }
    }

    static func syrkTransposed<S: MatrixScalar>(
        _ a: UnsafeBufferPointer<S>, into c: UnsafeMutableBufferPointer<S>, n: Int, k: Int, alpha: S, beta: S
    ) throws(LinearAlgebraError) {
        let operation = "Gram matrix"
        let (n32, k32) = (try blasInt(n, operation), try blasInt(k, operation))
        guard n > 0 else { return }
        guard k > 0 else {
            for index in 0..<(n * n) { c[index] = beta == 0 ? 0 : beta * c[index] }
            return
        }
        if S.self == Float.self {
            cast(a, Float.self) { a in
                castMutable(c, Float.self) { c in
                    cblas_ssyrk(CblasRowMajor, CblasUpper, CblasTrans, n32, k32, Float(alpha), a, n32, Float(beta), c, n32)
                }
            }
        } else {
            cast(a, Double.self) { a in
                castMutable(c, Double.self) { c in
                    cblas_dsyrk(
                        CblasRowMajor, CblasUpper, CblasTrans, n32, k32, Double(alpha), a, n32, Double(beta), c, n32)
                }
            }
        }
    }

    /// Symmetric eigen-decomposition by divide and conquer (LAPACK `?syevd`), reading the row-major upper
    /// triangle of the `n×n` `matrix`. On return `values` is ascending and, with `vectors`, row `i` of
    /// `matrix` (row-major) is the unit eigenvector of `values[i]`. Returns LAPACK's `info`.
    static func symmetricEigen<S: MatrixScalar>(
        _ matrix: UnsafeMutableBufferPointer<S>, n: Int, values: UnsafeMutableBufferPointer<S>, vectors: Bool
    ) throws(LinearAlgebraError) -> Int {
        let n32 = try blasInt(n, "eigen-decomposition")
        guard n > 0 else { return 0 }
        // Column-major: a symmetric matrix is its own transpose, so the row-major buffer is passed as is,
        // its column-major lower triangle being our upper one, and eigenvectors come back as columns,
        // i.e. as rows of the row-major buffer.
        let job = CChar(UInt8(ascii: vectors ? "V" : "N"))
        let lower = CChar(UInt8(ascii: "L"))
        if S.self == Float.self {
            return castMutable(matrix, Float.self) { a in
                castMutable(values, Float.self) { w in
                    Int(LAPACKE_ssyevd(LAPACK_COL_MAJOR, job, lower, n32, a, n32, w))
                }
            }
        }
        return castMutable(matrix, Double.self) { a in
            castMutable(values, Double.self) { w in
                Int(LAPACKE_dsyevd(LAPACK_COL_MAJOR, job, lower, n32, a, n32, w))
            }
        }
    }

    /// Cholesky factorisation (LAPACK `?potrf`) of the `n×n` symmetric `matrix`, reading its row-major lower
    /// triangle and overwriting it with `L` (`A = L·Lᵀ`); the strict upper triangle is left untouched.
    /// Returns LAPACK's `info`: `0` on success, `i > 0` when the leading minor of order `i` is not positive.
    static func cholesky<S: MatrixScalar>(_ matrix: UnsafeMutableBufferPointer<S>, n: Int) throws(LinearAlgebraError) -> Int {
        let n32 = try blasInt(n, "Cholesky factorisation")
        guard n > 0 else { return 0 }
        // Column-major upper `U` with `A = UᵀU` is, read row-major, the lower `L = Uᵀ` with `A = L·Lᵀ`.
        let upper = CChar(UInt8(ascii: "U"))
        if S.self == Float.self {
            return castMutable(matrix, Float.self) { Int(LAPACKE_spotrf(LAPACK_COL_MAJOR, upper, n32, $0, n32)) }
        }
        return castMutable(matrix, Double.self) { Int(LAPACKE_dpotrf(LAPACK_COL_MAJOR, upper, n32, $0, n32)) }
    }

    private static func cast<S, T, R>(
        _ buffer: UnsafeBufferPointer<S>, _: T.Type, _ body: (UnsafePointer<T>?) -> R
    ) -> R {
        buffer.withMemoryRebound(to: T.self) { body($0.baseAddress) }
    }

    private static func castMutable<S, T, R>(
        _ buffer: UnsafeMutableBufferPointer<S>, _: T.Type, _ body: (UnsafeMutablePointer<T>?) -> R
    ) -> R {
        buffer.withMemoryRebound(to: T.self) { body($0.baseAddress) }
    }
}
