public import LinearAlgebra

/// The squared distance from every row of `data` to its k-th nearest *other* row, exactly (Double).
///
/// This is the radius of the k-NN ball of improved precision/recall and density/coverage: prdc and
/// torch-fidelity take the (k+1)-th smallest distance of a row to its own set, self included, which is the
/// k-th neighbour (a duplicated row is a neighbour at distance 0).
///
/// One float32 GEMM pass, never an `n × n` matrix: per row it keeps the k+1 smallest *upper* bounds of the
/// exact squared distance (GEMM value + the screen's margin) and every pair whose *lower* bound is under
/// the current (k+1)-th upper bound; those candidates are recomputed exactly in Double and sorted. So the
/// result is the exact k-th neighbour distance of the float32 data, independent of GEMM round-off.
/// - Complexity: n²·d flops in BLAS plus O(n²) comparisons; memory O(n·k + block).
/// - Throws: `MetricsError` unless `1 ≤ k < n`; `CancellationError`.
public func nearestNeighbourSquaredRadii(of data: Matrix<Float>, k: Int, token: CancellationToken) throws -> [Double] {
    guard k >= 1 else { throw MetricsError("k-NN radii", "k = \(k) must be at least 1") }
    guard data.rows > k else {
        throw MetricsError("k-NN radii", "k = \(k) needs more than k rows, got \(data.rows); lower k or add rows")
    }
    guard data.columns > 0 else { throw MetricsError("k-NN radii", "the data has no columns") }
    let screen = try DistanceScreen(queries: data, references: data, sameSet: true, token: token)
    return try nearestNeighbourSquaredRadii(screen: screen, neighbourCounts: [k], token: token)[0]
}

/// Radii for several k at once (one pass sized for the largest), one array per entry of `neighbourCounts`.
func nearestNeighbourSquaredRadii(
    screen: DistanceScreen, neighbourCounts: [Int], token: CancellationToken
) throws -> [[Double]] {
    let capacity = (neighbourCounts.max() ?? 1) + 1
    let m = screen.references.rows
    // Candidate lists are pruned against the shrinking bound whenever they grow past this.
    let pruneLength = 8 * capacity + 64
    var radii = neighbourCounts.map { _ in [Double]() }
    try screen.pass(token: token, { rows, products in
        rows.map { row -> [Double] in
            var smallest = SmallestValues<Float>(capacity: capacity)
            var candidates: [(lower: Float, index: Int32)] = []
            let values = products.row(row)
            let rowNorm = screen.queryNorms[row]
            let rowMargin = screen.queryMargins[row]
            screen.referenceNorms.withUnsafeBufferPointer { norms in
                screen.referenceMargins.withUnsafeBufferPointer { margins in
                    var bound = Float.infinity
                    for column in 0..<m {
                        let value = values[column] + rowNorm + norms[column]
                        let margin = rowMargin + margins[column]
                        let lower = value - margin
                        guard lower <= bound else { continue }
                        candidates.append((lower, Int32(column)))
                        let upper = value + margin
                        if upper < bound || smallest.count < capacity {
                            smallest.insert(upper, index: column)
                            bound = smallest.threshold
                        }
                        if candidates.count > pruneLength { candidates.removeAll { $0.lower > bound } }
                    }
                    candidates.removeAll { $0.lower > bound }
                }
            }
            var exact = candidates.map { screen.exact(query: row, reference: Int($0.index)) }
            exact.sort()
            // At least k + 1 candidates remain: the pairs that set the bound all qualify.
            return neighbourCounts.map { exact[min($0, exact.count - 1)] }
        }
    }, combine: { rowsOfRadii in
        for perRow in rowsOfRadii {
            for (slot, value) in perRow.enumerated() { radii[slot].append(value) }
        }
    })
    return radii
}
