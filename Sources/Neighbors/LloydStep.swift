import LinearAlgebra

/// The pieces of one Lloyd iteration: assignment, centre update (with empty-cluster relocation), and the
/// quantities the stopping rule and the result need.
enum LloydStep {
    /// Rows per parallel task for per-row sums: the partial sums are reduced in block order, so results
    /// do not depend on the thread count.
    static let rowsPerTask = 4096

    /// Index of the nearest centre of each row by GEMM squared distances; ties by smaller index.
    static func nearestCenters(of data: Matrix<Float>, centers: Matrix<Float>, token: CancellationToken) throws -> [Int32] {
        var assignments = [Int32](repeating: 0, count: data.rows)
        let clusterCount = centers.rows
        try forEachSquaredDistanceBlock(from: data, to: centers, token: token) { rows, block in
            for offset in 0..<rows.count {
                var best = 0
                var bestValue = block[offset * clusterCount]
                for cluster in 1..<clusterCount where block[offset * clusterCount + cluster] < bestValue {
                    best = cluster
                    bestValue = block[offset * clusterCount + cluster]
                }
                assignments[rows.lowerBound + offset] = Int32(best)
            }
        }
        return assignments
    }

    /// New centres: the mean of each cluster's rows (sums in Double). An empty cluster takes the row
    /// farthest from its current centre, removed from its old cluster (sklearn's `_relocate_empty_clusters`).
    static func means(
        of data: Matrix<Float>, assignments: [Int32], previousCenters: Matrix<Float>, token: CancellationToken
    ) throws -> Matrix<Float> {
        let clusterCount = previousCenters.rows
        let d = data.columns
        let partials = try mapBlocks(count: data.rows, blockSize: rowsPerTask, token: token) { rows in
            var sums = [Double](repeating: 0, count: clusterCount * d)
            var counts = [Int](repeating: 0, count: clusterCount)
            for row in rows {
                let cluster = Int(assignments[row])
                counts[cluster] += 1
                for (column, value) in data.row(row).enumerated() { sums[cluster * d + column] += Double(value) }
            }
            return (sums, counts)
        }
        var sums = [Double](repeating: 0, count: clusterCount * d)
        var counts = [Int](repeating: 0, count: clusterCount)
        for (blockSums, blockCounts) in partials {
            for index in sums.indices { sums[index] += blockSums[index] }
            for index in counts.indices { counts[index] += blockCounts[index] }
        }
        let empty = counts.indices.filter { counts[$0] == 0 }
        if !empty.isEmpty {
            let farthest = farthestRows(of: data, assignments: assignments, centers: previousCenters, count: empty.count)
            for (cluster, row) in zip(empty, farthest) {
                let old = Int(assignments[row])
                for (column, value) in data.row(row).enumerated() {
                    sums[old * d + column] -= Double(value)
                    sums[cluster * d + column] = Double(value)
                }
                counts[old] -= 1
                counts[cluster] = 1
            }
        }
        return Matrix(rows: clusterCount, columns: d) { centers in
            for cluster in 0..<clusterCount {
                for column in 0..<d {
                    // A cluster emptied by relocation keeps its previous centre (sklearn does the same).
                    centers[cluster * d + column] = counts[cluster] > 0
                        ? Float(sums[cluster * d + column] / Double(counts[cluster]))
                        : previousCenters[cluster, column]
                }
            }
        }
    }

    /// The `count` rows farthest from their assigned centres, farthest first, ties by smaller index.
    static func farthestRows(of data: Matrix<Float>, assignments: [Int32], centers: Matrix<Float>, count: Int) -> [Int] {
        var farthest = SmallestValues<Float>(capacity: count)
        for row in 0..<data.rows {
            farthest.insert(-squaredDistance(data.row(row), centers.row(Int(assignments[row]))), index: row)
        }
        return farthest.sorted().map(\.index)
    }

    /// Σ over clusters of ‖new − old‖².
    static func squaredShift(from old: Matrix<Float>, to new: Matrix<Float>) -> Double {
        (0..<old.rows).reduce(0) { $0 + Double(squaredDistance(old.row($1), new.row($1))) }
    }

    /// Σ over rows of ‖x − centre‖², in Double.
    static func inertia(
        of data: Matrix<Float>, assignments: [Int32], centers: Matrix<Float>, token: CancellationToken
    ) throws -> Double {
        let partials = try mapBlocks(count: data.rows, blockSize: rowsPerTask, token: token) { rows in
            rows.reduce(0.0) { $0 + Double(squaredDistance(data.row($1), centers.row(Int(assignments[$1])))) }
        }
        return partials.reduce(0, +)
    }

    /// The mean over features of the population variance (numpy `np.mean(np.var(X, axis=0))`), two-pass
    /// in Double so large offsets do not cancel.
    static func meanFeatureVariance(of data: Matrix<Float>) -> Double {
        let d = data.columns
        let n = Double(data.rows)
        var means = [Double](repeating: 0, count: d)
        for row in 0..<data.rows {
            for (column, value) in data.row(row).enumerated() { means[column] += Double(value) / n }
        }
        var total = 0.0
        for row in 0..<data.rows {
            for (column, value) in data.row(row).enumerated() {
                let deviation = Double(value) - means[column]
                total += deviation * deviation
            }
        }
        return total / n / Double(d)
    }
}
