public import LinearAlgebra

/// Exact earth mover's (Wasserstein) distances between two equally sized samples with equal weights: an
/// optimal transport plan between n uniform masses is a permutation (Birkhoff), so W_p^p is the minimum
/// mean cost of an assignment, solved exactly by the Hungarian method with potentials (Kuhn–Munkres in
/// the O(n³) shortest-augmenting-path form of Jonker & Volgenant). Reports W₁ (Euclidean cost) and W₂
/// (square root of the mean squared-Euclidean cost), as POT's `ot.emd2` with uniform weights and
/// `ot.dist(x, y, metric="euclidean")` or `"sqeuclidean"`.
///
/// - Accuracy: the optimum of the same Double costs (from the Float rows); 1e-9 relative to POT (tested).
/// - Complexity: O(n³) per distance (two solves), memory one n×n Double cost matrix, so n is limited to
///   `maximumRows`; the token is checked after each assigned row.
public struct EarthMoversDistance: Sendable, Equatable {
    /// The bound for the exact solver: 2,000² Doubles = 32 MB and O(n³) time.
    public static let maximumRows = 2_000

    /// W₁: minimum mean Euclidean distance over one-to-one matchings.
    public let firstOrder: Double
    /// W₂: square root of the minimum mean squared distance over one-to-one matchings.
    public let secondOrder: Double

    /// - Throws: `MetricsError` for mismatched dimensions or row counts, more than `maximumRows` rows,
    ///   empty sets or NaN/∞; `CancellationError`.
    public init(real: Matrix<Float>, fake: Matrix<Float>, token: CancellationToken) throws {
        let metric = "emd"
        guard real.columns == fake.columns else { throw MetricsError.dimensionMismatch(metric, real.columns, fake.columns) }
        guard real.rows == fake.rows, real.rows >= 1 else {
            throw MetricsError(
                metric, "the exact solver needs equally many real and fake rows (\(real.rows) vs \(fake.rows)); use subset=N")
        }
        guard real.rows <= Self.maximumRows else {
            throw MetricsError(metric, "\(real.rows) rows exceed the exact solver's \(Self.maximumRows); use subset=\(Self.maximumRows)")
        }
        try requireFinite(real, metric: metric, name: "the real set")
        try requireFinite(fake, metric: metric, name: "the fake set")
        let n = real.rows
        let d = real.columns
        var squared = [Double](repeating: 0, count: n * n)
        real.withUnsafeBufferPointer { realValues in
            fake.withUnsafeBufferPointer { fakeValues in
                guard let realBase = realValues.baseAddress, let fakeBase = fakeValues.baseAddress else { return }
                for i in 0..<n {
                    for j in 0..<n { squared[i * n + j] = exactSquaredDistance(realBase + i * d, fakeBase + j * d, count: d) }
                }
            }
        }
        let euclidean = squared.map { $0.squareRoot() }
        firstOrder = try Self.minimumAssignmentCost(euclidean, size: n, token: token) / Double(n)
        secondOrder = (try Self.minimumAssignmentCost(squared, size: n, token: token) / Double(n)).squareRoot()
    }

    /// Minimum total cost of a perfect matching in the `size × size` row-major `cost` matrix: the Hungarian
    /// method with row and column potentials, one shortest augmenting path per row.
    static func minimumAssignmentCost(_ cost: [Double], size n: Int, token: CancellationToken) throws -> Double {
        // 1-based as in the classical formulation; index 0 is the virtual source column.
        var rowPotential = [Double](repeating: 0, count: n + 1)
        var columnPotential = [Double](repeating: 0, count: n + 1)
        var rowOfColumn = [Int](repeating: 0, count: n + 1)
        var previousColumn = [Int](repeating: 0, count: n + 1)
        var slack = [Double](repeating: 0, count: n + 1)
        var visited = [Bool](repeating: false, count: n + 1)
        for row in 1...n {
            try token.checkCancellation()
            rowOfColumn[0] = row
            var column = 0
            for index in 0...n { slack[index] = .infinity; visited[index] = false }
            repeat {
                visited[column] = true
                let currentRow = rowOfColumn[column]
                var delta = Double.infinity
                var next = 0
                let base = (currentRow - 1) * n
                for candidate in 1...n where !visited[candidate] {
                    let reduced = cost[base + candidate - 1] - rowPotential[currentRow] - columnPotential[candidate]
                    if reduced < slack[candidate] {
                        slack[candidate] = reduced
                        previousColumn[candidate] = column
                    }
                    if slack[candidate] < delta {
                        delta = slack[candidate]
                        next = candidate
                    }
                }
                for index in 0...n {
                    if visited[index] {
                        rowPotential[rowOfColumn[index]] += delta
                        columnPotential[index] -= delta
                    } else {
                        slack[index] -= delta
                    }
                }
                column = next
            } while rowOfColumn[column] != 0
            repeat {
                let previous = previousColumn[column]
                rowOfColumn[column] = rowOfColumn[previous]
                column = previous
            } while column != 0
        }
        var total = 0.0
        for column in 1...n { total += cost[(rowOfColumn[column] - 1) * n + column - 1] }
        return total
    }
}
