public import LinearAlgebra
import Foundation

/// The Inception Score (Salimans et al., "Improved Techniques for Training GANs", NeurIPS 2016) of an
/// `n × classes` matrix of class probabilities, as the original code computes it: the rows are cut into
/// `splitCount` = 10 consecutive equal parts (the last `n mod splits` rows are dropped), each part scores
/// `exp(mean_i KL(p(y|xᵢ) ‖ p(y)))` with `p(y)` the part's mean row, and the result is the mean and the
/// (ddof 0) standard deviation over parts. `0·log 0` counts as 0.
///
/// - Accuracy: ≤ 1e-10 relative to the numpy reference (Double throughout; tested).
/// - Complexity: O(n·classes).
public struct InceptionScore: Sendable, Equatable {
    /// The original definition's split count.
    public static let defaultSplitCount = 10
    /// How far a row's sum may be from 1 before the input is refused as not being probabilities: softmax
    /// outputs stored as float32 sum to 1 within about classes·2⁻²⁴.
    public static let rowSumTolerance = 1e-3

    public let mean: Double
    public let standardDeviation: Double
    public let splitScores: [Double]

    /// - Throws: `MetricsError` unless every row is a probability vector (non-negative, summing to 1 within
    ///   `rowSumTolerance`) and there are at least `splitCount` rows.
    public init(probabilities: Matrix<Float>, splitCount: Int = defaultSplitCount) throws {
        let metric = "Inception Score"
        let (n, classes) = (probabilities.rows, probabilities.columns)
        guard splitCount >= 1, n >= splitCount else {
            throw MetricsError(metric, "needs at least \(max(1, splitCount)) rows for \(splitCount) splits, got \(n)")
        }
        guard classes >= 2 else { throw MetricsError(metric, "needs class probabilities (≥ 2 columns), got \(classes) column") }
        let rows = try probabilities.withUnsafeBufferPointer { values -> [[Double]] in
            var rows: [[Double]] = []
            rows.reserveCapacity(n)
            for row in 0..<n {
                let probabilitiesOfRow = (0..<classes).map { Double(values[row * classes + $0]) }
                let sum = probabilitiesOfRow.reduce(0, +)
                guard probabilitiesOfRow.allSatisfy({ $0 >= 0 && $0.isFinite }), abs(sum - 1) <= Self.rowSumTolerance else {
                    throw MetricsError(
                        metric,
                        "row \(row) is not a probability vector (sum \(sum)); give softmax outputs, not logits or features")
                }
                rows.append(probabilitiesOfRow)
            }
            return rows
        }
        let partSize = n / splitCount
        var scores: [Double] = []
        for part in 0..<splitCount {
            let slice = rows[(part * partSize)..<((part + 1) * partSize)]
            var marginal = [Double](repeating: 0, count: classes)
            for row in slice { for c in 0..<classes { marginal[c] += row[c] } }
            for c in 0..<classes { marginal[c] /= Double(partSize) }
            var divergence = 0.0
            for row in slice {
                for c in 0..<classes where row[c] > 0 {
                    divergence += row[c] * (Foundation.log(row[c]) - Foundation.log(marginal[c]))
                }
            }
            scores.append(Foundation.exp(divergence / Double(partSize)))
        }
        let mean = scores.reduce(0, +) / Double(scores.count)
        self.mean = mean
        self.standardDeviation = (scores.reduce(0) { $0 + ($1 - mean) * ($1 - mean) } / Double(scores.count)).squareRoot()
        self.splitScores = scores
    }
}
