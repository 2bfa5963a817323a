import Foundation
import LinearAlgebra

/// Greedy k-means++ seeding (Arthur & Vassilvitskii 2007) as scikit-learn's `_kmeans_plusplus` does it:
/// the first centre uniform, then each next centre the best of `2 + ⌊ln k⌋` candidates drawn with
/// probability ∝ squared distance to the nearest chosen centre, "best" meaning the smallest resulting
/// potential (sum of squared distances). Random numbers come from `SeededGenerator` in a fixed order
/// (`nextIndex(below: n)`, then `nextUniform()` per candidate), so `scripts/reference/neighbors.py`
/// reproduces the chosen rows exactly.
enum KMeansSeeding {
    /// Rows per parallel task when measuring a candidate's distances.
    static let rowsPerTask = 4096

    /// Row indices of `data` chosen as the initial `clusterCount` centres.
    /// - Complexity: O(clusterCount · (2 + ln clusterCount) · n · d).
    static func plusPlus(
        _ data: Matrix<Float>, clusterCount: Int, generator: inout SeededGenerator, token: CancellationToken
    ) throws -> [Int] {
        let n = data.rows
        let trials = 2 + Int(Foundation.log(Double(clusterCount)))
        var chosen = [generator.nextIndex(below: n)]
        var closest = try distances(of: data, to: chosen[0], token: token)
        var potential = closest.reduce(0, +)
        while chosen.count < clusterCount {
            try token.checkCancellation()
            var cumulative = [Double]()
            cumulative.reserveCapacity(n)
            var running = 0.0
            for value in closest {
                running += value
                cumulative.append(running)
            }
            var best: (potential: Double, index: Int, distances: [Double])?
            for _ in 0..<trials {
                let target = generator.nextUniform() * potential
                let candidate = min(n - 1, firstIndex(in: cumulative, reaching: target))
                var candidateDistances = try distances(of: data, to: candidate, token: token)
                for row in 0..<n { candidateDistances[row] = min(candidateDistances[row], closest[row]) }
                let candidatePotential = candidateDistances.reduce(0, +)
                if let current = best, current.potential <= candidatePotential { continue }
                best = (candidatePotential, candidate, candidateDistances)
            }
            guard let best else { break }
            chosen.append(best.index)
            closest = best.distances
            potential = best.potential
        }
        return chosen
    }

    /// numpy's `searchsorted(cumulative, target, side="left")`: the first index whose value is ≥ target.
    static func firstIndex(in cumulative: [Double], reaching target: Double) -> Int {
        var low = 0
        var high = cumulative.count
        while low < high {
            let middle = (low + high) / 2
            if cumulative[middle] < target { low = middle + 1 } else { high = middle }
        }
        return low
    }

    /// Squared distances (Float kernel, widened) from every row of `data` to row `center`.
    static func distances(of data: Matrix<Float>, to center: Int, token: CancellationToken) throws -> [Double] {
        let blocks = try mapBlocks(count: data.rows, blockSize: rowsPerTask, token: token) { rows in
            let c = data.row(center)
            return rows.map { Double(squaredDistance(data.row($0), c)) }
        }
        return blocks.flatMap { $0 }
    }
}
