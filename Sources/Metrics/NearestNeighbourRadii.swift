public import LinearAlgebra

/// The squared distance from every row of `data` to its k-th nearest *other* row, exactly (Double).
///
/// This is the radius of the k-NN ball of improved precision/recall and density/coverage: prdc and
/// torch-fidelity take the (k+1)-th smallest distance of a row to its own set, self included, which is the
/// k-th neighbour (a duplicated row is a neighbour at distance 0).
///
/// Two float32 GEMM passes, never an `n × n` matrix: the first bounds each row's (k+1)-th smallest
/// squared distance from above using the screen's error margin, the second recomputes exactly, in Double,
/// every pair whose lower bound falls under that bound. So the result equals the exact k-th neighbour
/// distance of the float32 data, independent of GEMM round-off.
/// - Complexity: 2·n²·d flops in BLAS plus O(n²) comparisons, O(n·k + block) memory.
/// - Throws: `MetricsError` unless `1 ≤ k < n`; `CancellationError`.
public func nearestNeighbourSquaredRadii(of data: Matrix<Float>, k: Int, token: CancellationToken) throws -> [Double] {
    guard k >= 1 else { throw MetricsError("k-NN radii", "k = \(k) must be at least 1") }
    guard data.rows > k else {
        throw MetricsError("k-NN radii", "k = \(k) needs more than k rows, got \(data.rows); lower k or add rows")
    }
    guard data.columns > 0 else { throw MetricsError("k-NN radii", "the data has no columns") }
    let screen = try DistanceScreen(queries: data, references: data, token: token)
    return try nearestNeighbourSquaredRadii(screen: screen, k: k, token: token)
}

func nearestNeighbourSquaredRadii(screen: DistanceScreen, k: Int, token: CancellationToken) throws -> [Double] {
    let n = screen.queries.rows
    let m = screen.references.rows
    var upperBounds: [Double] = []
    upperBounds.reserveCapacity(n)
    try screen.pass(token: token, { rows, approximate in
        rows.map { row -> Double in
            var smallest = SmallestValues<Double>(capacity: k + 1)
            let values = approximate.row(row)
            let coefficient = screen.marginCoefficient
            let rowNorm = screen.queryNorms[row]
            for column in 0..<m {
                let bound = Double(values[column]) + coefficient * (rowNorm + screen.referenceNorms[column])
                if bound < smallest.threshold { smallest.insert(bound, index: column) }
            }
            return smallest.threshold
        }
    }, combine: { upperBounds.append(contentsOf: $0) })
    let limits = upperBounds
    var radii: [Double] = []
    radii.reserveCapacity(n)
    try screen.pass(token: token, { rows, approximate in
        rows.map { row -> Double in
            let values = approximate.row(row)
            let limit = limits[row]
            var candidates: [Double] = []
            for column in 0..<m where Double(values[column]) - screen.margin(query: row, reference: column) <= limit {
                candidates.append(screen.exact(query: row, reference: column))
            }
            candidates.sort()
            // At least k + 1 candidates exist: the k + 1 pairs that set the upper bound all qualify.
            return candidates[min(k, candidates.count - 1)]
        }
    }, combine: { radii.append(contentsOf: $0) })
    return radii
}
