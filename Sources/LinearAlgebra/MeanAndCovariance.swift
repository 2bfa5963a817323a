/// Rows per block for statistics when the caller does not choose: a Double block of 16 MiB, small enough
/// to stay in cache-friendly `syrk` panels and to check the cancellation token every few milliseconds.
public let defaultStatisticsBlockBytes = 16 << 20

/// Column means and the sample covariance of an `n×d` Float matrix, accumulated in Double: exactly what
/// FID needs (`mu`, `sigma`).
///
/// Two passes over row blocks: the mean, then `syrk` on each centred block (converted to Double),
/// summed and divided by `n − 1`, as `numpy.cov(x, rowvar=False)` does. Centring before the product
/// avoids the cancellation of the one-pass `E[xxᵀ] − μμᵀ` formula.
/// - Complexity: O(n·d²) flops, O(d² + rowsPerBlock·d) memory; the token is checked between blocks.
/// - Accuracy: matches `numpy.cov` / `numpy.mean` in float64 to 1e-10 relative (tested).
public struct MeanAndCovariance: Sendable, Equatable {
    /// `d` column means.
    public let mean: [Double]
    /// `d×d`, normalised by `n − 1`.
    public let covariance: Matrix<Double>
    /// `n`, the number of rows behind the statistics.
    public let count: Int

    /// - Throws: `LinearAlgebraError` for fewer than two rows or non-finite values; `CancellationError`.
    public init(of data: Matrix<Float>, token: CancellationToken, rowsPerBlock: Int? = nil) throws {
        let operation = "covariance"
        guard data.rows >= 2 else {
            throw LinearAlgebraError.invalidArgument(
                operation: operation, name: "rows", value: "\(data.rows)", requirement: "at least 2")
        }
        let d = data.columns
        let blockRows = rowsPerBlock ?? max(1, defaultStatisticsBlockBytes / (MemoryLayout<Double>.stride * max(1, d)))
        guard blockRows > 0 else {
            throw LinearAlgebraError.invalidArgument(
                operation: operation, name: "rowsPerBlock", value: "\(blockRows)", requirement: "positive")
        }
        let mean = try columnMeans(of: data, token: token, rowsPerBlock: blockRows)
        var scatter = Matrix<Double>(rows: d, columns: d)
        for start in stride(from: 0, to: data.rows, by: blockRows) {
            try token.checkCancellation()
            let block = data.rows(start..<min(data.rows, start + blockRows))
            try Matrix.accumulateGram(of: centred(block, around: mean), into: &scatter, symmetrize: false)
        }
        scatter.symmetrizeFromUpperTriangle()
        let divisor = Double(data.rows - 1)
        scatter.withUnsafeMutableBufferPointer { values in
            for index in values.indices { values[index] /= divisor }
        }
        self.mean = mean
        self.covariance = scatter
        self.count = data.rows
    }
}

/// The `d` column means of an `n×d` Float matrix, summed in Double block by block.
///
/// - Throws: `LinearAlgebraError.nonFiniteInput` when a column holds NaN or ∞ (the mean would be
///   meaningless and every statistic after it too); `CancellationError`.
public func columnMeans(of data: Matrix<Float>, token: CancellationToken, rowsPerBlock: Int = 4096) throws -> [Double] {
    let d = data.columns
    var sums = [Double](repeating: 0, count: d)
    for start in stride(from: 0, to: data.rows, by: max(1, rowsPerBlock)) {
        try token.checkCancellation()
        let rows = start..<min(data.rows, start + max(1, rowsPerBlock))
        data.rows(rows).withUnsafeBufferPointer { values in
            for row in 0..<rows.count {
                for column in 0..<d { sums[column] += Double(values[row * d + column]) }
            }
        }
    }
    guard sums.allSatisfy({ $0.isFinite }) else {
        throw LinearAlgebraError.nonFiniteInput(operation: "column means")
    }
    let n = Double(max(1, data.rows))
    return sums.map { $0 / n }
}

/// `block − mean` row by row, in Double.
public func centred(_ block: Matrix<Float>, around mean: [Double]) -> Matrix<Double> {
    let d = block.columns
    return Matrix<Double>(rows: block.rows, columns: d) { destination in
        block.withUnsafeBufferPointer { source in
            for row in 0..<block.rows {
                for column in 0..<d {
                    destination[row * d + column] = Double(source[row * d + column]) - mean[column]
                }
            }
        }
    }
}
