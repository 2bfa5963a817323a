import LinearAlgebra

/// Checks shared by every search: non-empty, finite rows, matching widths, and a usable `k`.
enum InputValidation {
    static func requireNonEmpty(_ matrix: Matrix<Float>, set: String) throws(NeighborsError) {
        guard !matrix.isEmpty else { throw .emptySet(set) }
    }

    /// The first row holding NaN or ±∞ is reported by index.
    static func requireFinite(_ matrix: Matrix<Float>, set: String) throws(NeighborsError) {
        let badRow: Int? = matrix.withUnsafeBufferPointer { values in
            let columns = matrix.columns
            for row in 0..<matrix.rows {
                var accumulator: Float = 0
                // Any NaN or ∞ makes `0 · value` NaN, so one multiply-add per value finds them.
                for column in 0..<columns { accumulator += 0 * values[row * columns + column] }
                if !accumulator.isFinite { return row }
            }
            return nil
        }
        if let badRow { throw .nonFiniteRow(set: set, row: badRow) }
    }

    static func requireNeighborCount(_ k: Int, available: Int, set: String) throws(NeighborsError) {
        guard k >= 1, k <= available else { throw .invalidNeighborCount(k: k, available: available, set: set) }
    }

    static func requireMatchingColumns(_ queries: Matrix<Float>, _ reference: Matrix<Float>) throws(NeighborsError) {
        guard queries.columns == reference.columns else {
            throw .dimensionMismatch(queryColumns: queries.columns, referenceColumns: reference.columns)
        }
    }
}

extension Matrix where Scalar == Float {
    /// Every row divided by its Euclidean norm (cosine distance becomes half the squared distance).
    ///
    /// - Throws: `NeighborsError.zeroRow` for a row whose norm is zero.
    func rowsNormalized(set: String) throws(NeighborsError) -> Matrix<Float> {
        let norms = rowSquaredNorms(of: self)
        if let zero = norms.firstIndex(where: { $0 == 0 }) { throw .zeroRow(set: set, row: zero) }
        let columns = self.columns
        return withUnsafeBufferPointer { source in
            Matrix(rows: rows, columns: columns) { destination in
                for row in 0..<rows {
                    let scale = 1 / norms[row].squareRoot()
                    for column in 0..<columns {
                        destination[row * columns + column] = source[row * columns + column] * scale
                    }
                }
            }
        }
    }
}
