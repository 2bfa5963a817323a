/// Memory budget for one block of GEMM distances when callers do not choose `rowsPerBlock`: 64 MiB keeps
/// a block in a few L3-sized GEMM panels' worth of traffic and leaves room for several concurrent users.
public let defaultDistanceBlockBytes = 64 << 20

/// Rows per block so a `rows × referenceCount` Float block fits in `budgetBytes` (at least one row).
public func distanceBlockRows(referenceCount: Int, budgetBytes: Int = defaultDistanceBlockBytes) -> Int {
    max(1, budgetBytes / (MemoryLayout<Float>.stride * max(1, referenceCount)))
}

/// Squared Euclidean distances between every row of `queries` (`n×d`) and every row of `references`
/// (`m×d`), computed block by block as `‖x‖² + ‖y‖² − 2·x·y` with one `sgemm` per block and clamped at 0.
///
/// `body` receives the query row range and the row-major `rows.count × m` block; the pointer is valid
/// only during the call. Memory is one block (`rowsPerBlock · m` Floats) plus the `m` reference norms,
/// never `n × m`.
/// - Accuracy: the expansion cancels for near-duplicate rows (up to a few % relative error on very close
///   Float pairs, absolute error about 1e-6·(‖x‖² + ‖y‖²)): refine final candidates with `squaredDistance`.
///   Tests compare with numpy float64 distances to 1e-4 of the squared norms.
/// - Complexity: O(n·m·d) flops in BLAS; the token is checked before each block.
public func forEachSquaredDistanceBlock(
    from queries: Matrix<Float>, to references: Matrix<Float>, rowsPerBlock: Int? = nil,
    token: CancellationToken,
    _ body: (_ rows: Range<Int>, _ block: UnsafeBufferPointer<Float>) throws -> Void
) throws {
    let operation = "pairwise distances"
    guard queries.columns == references.columns else {
        throw LinearAlgebraError.shape(
            operation, expected: "\(queries.columns) columns in the reference rows", rows: references.rows,
            columns: references.columns)
    }
    let blockRows = rowsPerBlock ?? distanceBlockRows(referenceCount: references.rows)
    guard blockRows > 0 else {
        throw LinearAlgebraError.invalidArgument(
            operation: operation, name: "rowsPerBlock", value: "\(blockRows)", requirement: "positive")
    }
    let m = references.rows
    let referenceNorms = rowSquaredNorms(of: references)
    // One reusable block: swapped out while in use so writing to it never triggers a copy-on-write.
    var spare = Matrix<Float>(rows: min(blockRows, queries.rows), columns: m)
    var start = 0
    while start < queries.rows {
        try token.checkCancellation()
        let rows = start..<min(queries.rows, start + blockRows)
        let queryBlock = queries.rows(rows)
        let queryNorms = rowSquaredNorms(of: queryBlock)
        var output = Matrix<Float>(rows: 0, columns: 0)
        if rows.count == spare.rows { swap(&output, &spare) } else { output = Matrix(rows: rows.count, columns: m) }
        try Matrix.multiply(queryBlock, references, transposingRight: true, alpha: -2, into: &output)
        output.withUnsafeMutableBufferPointer { values in
            for row in 0..<rows.count {
                for column in 0..<m {
                    let index = row * m + column
                    values[index] = max(0, values[index] + queryNorms[row] + referenceNorms[column])
                }
            }
        }
        try output.withUnsafeBufferPointer { try body(rows, $0) }
        if spare.isEmpty { swap(&output, &spare) }
        start = rows.upperBound
    }
}

/// `‖x − y‖²`, computed directly (no cancellation), accumulated in Float in eight fixed lanes summed in a
/// fixed order, so the result is deterministic. `x` and `y` must have equal counts.
///
/// - Accuracy: relative error ≈ d·2⁻²⁴ at worst; tests compare with numpy float64 to 1e-5 relative.
public func squaredDistance(_ x: UnsafeBufferPointer<Float>, _ y: UnsafeBufferPointer<Float>) -> Float {
    precondition(x.count == y.count, "squaredDistance: lengths differ (\(x.count) vs \(y.count))")
    var lanes = SIMD8<Float>()
    let whole = x.count / 8 * 8
    if whole > 0, let xBase = x.baseAddress, let yBase = y.baseAddress {
        let xRaw = UnsafeRawPointer(xBase)
        let yRaw = UnsafeRawPointer(yBase)
        let stride = MemoryLayout<Float>.stride
        for start in Swift.stride(from: 0, to: whole, by: 8) {
            let difference = xRaw.loadUnaligned(fromByteOffset: start * stride, as: SIMD8<Float>.self)
                - yRaw.loadUnaligned(fromByteOffset: start * stride, as: SIMD8<Float>.self)
            // `a += d * d`, not `.addingProduct`: without FMA in the baseline target that is a library call.
            lanes += difference * difference
        }
    }
    var total = lanes.sum()
    for index in whole..<x.count {
        let difference = x[index] - y[index]
        total += difference * difference
    }
    return total
}

/// `‖x − y‖²` for two rows given as array slices (e.g. `matrix.row(i)`); see the pointer version.
public func squaredDistance(_ x: ArraySlice<Float>, _ y: ArraySlice<Float>) -> Float {
    x.withUnsafeBufferPointer { x in y.withUnsafeBufferPointer { y in squaredDistance(x, y) } }
}

/// `‖row‖²` of every row of `matrix`, with the same kernel as `squaredDistance`.
public func rowSquaredNorms(of matrix: Matrix<Float>) -> [Float] {
    let zeros = [Float](repeating: 0, count: matrix.columns)
    return zeros.withUnsafeBufferPointer { zero in
        matrix.withUnsafeBufferPointer { values in
            (0..<matrix.rows).map { row in
                let start = row * matrix.columns
                return squaredDistance(UnsafeBufferPointer(rebasing: values[start..<(start + matrix.columns)]), zero)
            }
        }
    }
}
