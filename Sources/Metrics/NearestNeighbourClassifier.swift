public import LinearAlgebra
import Neighbors

/// k-nearest-neighbour classification by majority vote, as scikit-learn's `KNeighborsClassifier`
/// (uniform weights, Euclidean, brute force): each query takes the most common label among its k nearest
/// training rows (`ExactNeighbors`, ties in distance by smaller row index), a tied vote going to the
/// smaller class index (scipy's `mode`, which sklearn uses).
///
/// - Accuracy: predictions equal scikit-learn's on the same data unless two training rows tie in distance
///   to within Float rounding at the k-th place (tested: equal on digits).
/// - Complexity: one exact k-NN search, O(n·m·d) flops in BLAS; memory O(n·k).
public enum NearestNeighbourClassifier {
    /// scikit-learn's default `n_neighbors`.
    public static let defaultNeighbourCount = 5

    /// - Parameters: `training` is `m×d` with `labels` (m class indices in `0..<classCount`), `queries` `n×d`.
    /// - Returns: n predicted class indices.
    public static func predict(
        _ queries: Matrix<Float>, training: Matrix<Float>, labels: [Int], classCount: Int,
        k: Int = defaultNeighbourCount, token: CancellationToken
    ) throws -> [Int] {
        let metric = "k-NN classifier"
        guard labels.count == training.rows else {
            throw MetricsError(metric, "\(labels.count) labels for \(training.rows) training rows")
        }
        guard k >= 1, k <= training.rows else {
            throw MetricsError(metric, "k=\(k) needs between 1 and \(training.rows) training rows")
        }
        let neighbours = try ExactNeighbors.search(queries, in: training, k: min(k, training.rows), token: token)
        var votes = Array(repeating: 0, count: classCount)
        return (0..<queries.rows).map { row in
            for index in votes.indices { votes[index] = 0 }
            for neighbour in neighbours.indices(ofRow: row) { votes[labels[Int(neighbour)]] += 1 }
            // firstIndex of the maximum: the smaller class wins a tied vote.
            let best = votes.max() ?? 0
            return votes.firstIndex(of: best) ?? 0
        }
    }
}
