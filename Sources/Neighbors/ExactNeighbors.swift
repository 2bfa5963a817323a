import Dispatch
public import LinearAlgebra

/// Exact k-nearest-neighbour search by blocked BLAS distances and exact re-ranking.
///
/// For every query the GEMM distances (`‖x‖² + ‖y‖² − 2x·y`, one `sgemm` per block of query rows) pick
/// `k + margin` candidates; their squared distances are recomputed directly (`squaredDistance`, no
/// cancellation) and sorted by (distance, index). The result is then *certified*: every row not kept had
/// a GEMM distance at least the kept threshold `T`, and GEMM's rounding error is at most
/// `(2d + 8)·u·(‖x‖² + max‖y‖²)` (u = 2⁻²⁴), so if `T − bound` exceeds the exact k-th distance no
/// excluded row can belong. Rows that fail the certificate (e.g. more than `k + margin` exact duplicates)
/// are searched again by a direct scan. The answer is therefore the exact k nearest under Float
/// `squaredDistance`, ties by smaller index; tests compare with scikit-learn's float64 brute force
/// tie-aware (distances to 1e-5 relative + 1e-5 absolute).
///
/// - Complexity: O(n·m·d) flops, mostly in BLAS (`searchWithin` n²·d, half, by symmetry); memory one tile
///   (≤ 4 MiB) per worker, the candidate heaps (`n · 2k` pairs) and the result. The token is checked between
///   tiles, a few milliseconds apart.
public enum ExactNeighbors {
    /// k nearest rows of `reference` for every row of `queries` (blocked GEMM + exact re-ranking).
    ///
    /// - Parameters: `queries` is `n×d`, `reference` is `m×d`, `1 ≤ k ≤ m`.
    /// - Returns: `n×k` neighbours of each query, nearest first.
    /// - Throws: `NeighborsError` for empty sets, width mismatch, NaN/∞ rows, bad `k`, zero rows under
    ///   cosine; `CancellationError` when `token` trips.
    public static func search(
        _ queries: Matrix<Float>, in reference: Matrix<Float>, k: Int,
        metric: DistanceMetric = .euclidean, token: CancellationToken
    ) throws -> NeighborList {
        try InputValidation.requireNonEmpty(queries, set: "the queries")
        try InputValidation.requireNonEmpty(reference, set: "the reference")
        try InputValidation.requireMatchingColumns(queries, reference)
        try InputValidation.requireNeighborCount(k, available: reference.rows, set: "the reference")
        try InputValidation.requireFinite(queries, set: "the queries")
        try InputValidation.requireFinite(reference, set: "the reference")
        let (preparedQueries, preparedReference) = try prepare(queries, reference, metric: metric)
        var list = try BlockedSearch(
            queries: preparedQueries, reference: preparedReference, k: k, excludesSelf: false
        ).run(token: token)
        convertSquaredDistances(&list, metric: metric)
        return list
    }

    /// Each row's k nearest OTHER rows of the same set (the row itself excluded by index, duplicates kept).
    ///
    /// Runs `SymmetricSearch`: each distance tile serves both its row and its column block, so half the
    /// GEMM work of `search(data, in: data, …)`, with the same certified result.
    ///
    /// - Parameters: `data` is `n×d`, `1 ≤ k ≤ n − 1`.
    /// - Throws: as `search`.
    public static func searchWithin(
        _ data: Matrix<Float>, k: Int,
        metric: DistanceMetric = .euclidean, token: CancellationToken
    ) throws -> NeighborList {
        try InputValidation.requireNonEmpty(data, set: "the data")
        try InputValidation.requireNeighborCount(k, available: data.rows - 1, set: "the data (itself excluded)")
        try InputValidation.requireFinite(data, set: "the data")
        let prepared = metric == .cosine ? try data.rowsNormalized(set: "the data") : data
        var list = try SymmetricSearch(data: prepared, k: k).run(token: token)
        convertSquaredDistances(&list, metric: metric)
        return list
    }

    static func prepare(
        _ queries: Matrix<Float>, _ reference: Matrix<Float>, metric: DistanceMetric
    ) throws(NeighborsError) -> (Matrix<Float>, Matrix<Float>) {
        switch metric {
        case .euclidean: return (queries, reference)
        case .cosine:
            return (try queries.rowsNormalized(set: "the queries"), try reference.rowsNormalized(set: "the reference"))
        }
    }

    /// Squared distances of unit rows are `2 − 2cos`, so `1 − cos` is half of them.
    static func convertSquaredDistances(_ list: inout NeighborList, metric: DistanceMetric) {
        switch metric {
        case .euclidean:
            for index in list.distances.indices { list.distances[index] = list.distances[index].squareRoot() }
        case .cosine:
            for index in list.distances.indices { list.distances[index] = min(2, list.distances[index] / 2) }
        }
    }
}
