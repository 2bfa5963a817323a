import Foundation
import LinearAlgebra

/// The dual potentials of log-domain Sinkhorn between uniform weights a = 1/n, b = 1/m, and the passes over
/// the costs that update them. The plan is `P_ij = exp((f_i + g_j − C_ij)/ε)` (the weights live in f, g).
///
/// One iteration is one pass over the cost blocks: each row's `f_i = ε·log a_i − ε·LSE_j((g_j − C_ij)/ε)`
/// from the previous g, then that row's terms `(f_i − C_ij)/ε` join per-column running log-sum-exps (a
/// running maximum and a sum rescaled when it grows, as in streaming softmax) from which, after the last
/// row, `g_j = ε·log b_j − ε·LSE_i((f_i − C_ij)/ε)`. Sequential Sinkhorn, f then g, with the cost read once.
struct SinkhornPotentials: Sendable {
    private(set) var rowPotentials: [Double]
    private(set) var columnPotentials: [Double]

    init(rowCount: Int, columnCount: Int) {
        rowPotentials = [Double](repeating: 0, count: rowCount)
        columnPotentials = [Double](repeating: 0, count: columnCount)
    }

    init(rowPotentials: [Double], columnPotentials: [Double]) {
        self.rowPotentials = rowPotentials
        self.columnPotentials = columnPotentials
    }

    /// Per-chunk output of a pass: new row potentials, the row-marginal error terms, and the columns'
    /// running log-sum-exp (maximum of `f_i − C_ij` and the sum of `exp((f_i − C_ij − maximum)/ε)`).
    private struct ChunkResult: Sendable {
        var rowPotentials: [Double] = []
        var marginalError = 0.0
        var columnMaximum: [Double]
        var columnSum: [Double]
    }

    /// One Sinkhorn iteration at `epsilon`. Returns the L1 error `Σ_i |Σ_j P_ij − a_i|` of the plan the
    /// previous potentials defined, known for free since `Σ_j P_ij = a_i·exp((f_i^old − f_i^new)/ε)`.
    mutating func iterate(costs: TransportCostBlocks, epsilon: Double, token: CancellationToken) throws -> Double {
        let (n, m) = (costs.rowCount, costs.columnCount)
        let logRowWeight = -log(Double(n))
        let inverseEpsilon = 1 / epsilon
        var newRows = rowPotentials
        var columnMaximum = [Double](repeating: -.infinity, count: m)
        var columnSum = [Double](repeating: 0, count: m)
        var error = 0.0
        try rowPotentials.withUnsafeBufferPointer { oldRows in
            try columnPotentials.withUnsafeBufferPointer { columns in
                nonisolated(unsafe) let (oldRows, columns) = (oldRows, columns)
                try costs.forEachChunk(token: token) { rows, costs in
                    var result = ChunkResult(
                        columnMaximum: [Double](repeating: -.infinity, count: m),
                        columnSum: [Double](repeating: 0, count: m))
                    result.columnMaximum.withUnsafeMutableBufferPointer { maximum in
                        result.columnSum.withUnsafeMutableBufferPointer { sum in
                            for (offset, row) in rows.enumerated() {
                                let rowCosts = UnsafeBufferPointer(rebasing: costs[(offset * m)..<((offset + 1) * m)])
                                let f = epsilon * logRowWeight - Self.logSumExp(columns, minus: rowCosts, inverseEpsilon)
                                result.rowPotentials.append(f)
                                result.marginalError += abs(exp(min(700, (oldRows[row] - f) * inverseEpsilon)) - 1)
                                Self.accumulateColumns(f, minus: rowCosts, inverseEpsilon, maximum: maximum, sum: sum)
                            }
                        }
                    }
                    return (rows.lowerBound, result)
                } combine: { chunks in
                    for (start, chunk) in chunks {
                        newRows.replaceSubrange(start..<(start + chunk.rowPotentials.count), with: chunk.rowPotentials)
                        error += chunk.marginalError
                        Self.mergeColumns(chunk, into: &columnMaximum, &columnSum, inverseEpsilon)
                    }
                }
            }
        }
        let logColumnWeight = -log(Double(m))
        rowPotentials = newRows
        columnPotentials = (0..<m).map { j in
            epsilon * logColumnWeight - columnMaximum[j] - epsilon * log(columnSum[j])
        }
        return error / Double(n)
    }

    /// `⟨P, C⟩ = Σ_ij exp((f_i + g_j − C_ij)/ε)·C_ij`, summed per chunk in Double and the chunks in order.
    func transportCost(costs: TransportCostBlocks, epsilon: Double, token: CancellationToken) throws -> Double {
        let m = costs.columnCount
        let inverseEpsilon = 1 / epsilon
        var total = 0.0
        try rowPotentials.withUnsafeBufferPointer { rowsPotentials in
            try columnPotentials.withUnsafeBufferPointer { columns in
                nonisolated(unsafe) let (rowsPotentials, columns) = (rowsPotentials, columns)
                try costs.forEachChunk(token: token) { rows, costs in
                    var sum = 0.0
                    for (offset, row) in rows.enumerated() {
                        let f = rowsPotentials[row]
                        let base = offset * m
                        for j in 0..<m {
                            let cost = Double(costs[base + j])
                            sum += exp((f + columns[j] - cost) * inverseEpsilon) * cost
                        }
                    }
                    return sum
                } combine: { sums in
                    for sum in sums { total += sum }
                }
            }
        }
        return total
    }

    /// `max_j(g_j − c_j) + ε·log Σ_j exp((g_j − c_j − max)/ε)`: ε·LSE_j((g_j − c_j)/ε), stable.
    @inline(__always)
    private static func logSumExp(_ columns: UnsafeBufferPointer<Double>, minus row: UnsafeBufferPointer<Float>, _ inverseEpsilon: Double)
        -> Double
    {
        var maximum = -Double.infinity
        for j in 0..<row.count { maximum = max(maximum, columns[j] - Double(row[j])) }
        var sum = 0.0
        for j in 0..<row.count { sum += exp((columns[j] - Double(row[j]) - maximum) * inverseEpsilon) }
        return maximum + log(sum) / inverseEpsilon
    }

    /// Adds row terms `f − c_j` to the columns' running log-sum-exps.
    @inline(__always)
    private static func accumulateColumns(
        _ f: Double, minus row: UnsafeBufferPointer<Float>, _ inverseEpsilon: Double,
        maximum: UnsafeMutableBufferPointer<Double>, sum: UnsafeMutableBufferPointer<Double>
    ) {
        for j in 0..<row.count {
            let term = f - Double(row[j])
            let current = maximum[j]
            if term > current {
                sum[j] = sum[j] * exp((current - term) * inverseEpsilon) + 1
                maximum[j] = term
            } else {
                sum[j] += exp((term - current) * inverseEpsilon)
            }
        }
    }

    private static func mergeColumns(_ chunk: ChunkResult, into maximum: inout [Double], _ sum: inout [Double], _ inverseEpsilon: Double) {
        for j in maximum.indices {
            let (left, right) = (maximum[j], chunk.columnMaximum[j])
            if left == -.infinity {
                (maximum[j], sum[j]) = (right, chunk.columnSum[j])
            } else if right > left {
                (maximum[j], sum[j]) = (right, sum[j] * exp((left - right) * inverseEpsilon) + chunk.columnSum[j])
            } else {
                sum[j] += chunk.columnSum[j] * exp((right - left) * inverseEpsilon)
            }
        }
    }
}
