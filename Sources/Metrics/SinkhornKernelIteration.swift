import Foundation
import LinearAlgebra

/// Sinkhorn on a cached, stabilised kernel (Schmitzer 2019, "absorption"): the plan is
/// `P_ij = u_i · K̃_ij · v_j` with `K̃_ij = exp((f_i + g_j − C_ij)/ε)` stored in Double, so an iteration is
/// two matrix–vector products (`u = a / K̃v`, `v = b / K̃ᵀu`) instead of the log-domain pass's 2·n·m
/// exponentials. When a scaling leaves `[e^−absorbThreshold, e^absorbThreshold]` it is absorbed into the
/// potentials (`f += ε·log u`, `g += ε·log v`) and K̃ is rebuilt — one exponential pass, as at every ε step
/// of the annealing. The fixed point is the log-domain one; the final cost is measured by
/// `SinkhornPotentials.transportCost` from the absorbed potentials (exact exponentials).
///
/// - Complexity: per iteration 4·n·m flops over `n·m` Doubles (memory-bound); n·m exponentials per
///   rebuild. Memory: the n·m Double kernel, so it runs only when that and the cost cache fit the budget
///   (`fits`); otherwise, or when exp(−C/ε) underflows a whole row, the log-domain pass is used. The token is checked before every iteration and
///   every row block.
struct SinkhornKernelIteration {
    /// |log u| beyond which scalings are absorbed: e^20 ≈ 5·10⁸ keeps K̃v far from Double's range limits.
    static let absorbThreshold = 20.0
    /// Rows per parallel task of a kernel pass.
    static let chunkRows = 64

    /// Whether the n×m Double kernel and the n×m Float cost cache fit `budget` bytes together.
    ///
    /// A Float kernel halved the time per iteration but fixed its point only to Float precision (3e-8
    /// relative on a one-row case), missed tolerances below ~1e-8, and underflowed to zero rows where
    /// Double does not, so the kernel stays Double.
    static func fits(rowCount: Int, columnCount: Int, budget: Int) -> Bool {
        let (pairs, overflow) = rowCount.multipliedReportingOverflow(by: columnCount)
        let (bytes, byteOverflow) = pairs.multipliedReportingOverflow(by: MemoryLayout<Double>.stride + MemoryLayout<Float>.stride)
        return !overflow && !byteOverflow && bytes <= budget
    }

    private let costs: TransportCostBlocks
    private var rowPotentials: [Double]
    private var columnPotentials: [Double]
    private var kernel: [Double]
    private var rowScaling: [Double]
    private var columnScaling: [Double]
    private var epsilon = 0.0
    /// Over-relaxation ω (1 = plain Sinkhorn); see `adaptRelaxation`.
    private var relaxation = 1.0
    /// Iterations at the current ε, their smallest error, and the error halfway through the warm-up.
    private var iterationsAtThisEpsilon = 0
    private var bestErrorAtThisEpsilon = Double.infinity
    private var errorHalfwayThroughWarmup = 0.0
    private var relaxationFailed = false

    init(costs: TransportCostBlocks) {
        self.costs = costs
        rowPotentials = [Double](repeating: 0, count: costs.rowCount)
        columnPotentials = [Double](repeating: 0, count: costs.columnCount)
        kernel = [Double](repeating: 0, count: costs.rowCount * costs.columnCount)
        rowScaling = [Double](repeating: 1, count: costs.rowCount)
        columnScaling = [Double](repeating: 1, count: costs.columnCount)
    }

    /// The potentials with the current scalings absorbed, for the final cost.
    var potentials: SinkhornPotentials {
        var absorbed = self
        absorbed.absorbScalings()
        return SinkhornPotentials(rowPotentials: absorbed.rowPotentials, columnPotentials: absorbed.columnPotentials)
    }

    /// One iteration at `epsilon` (rebuilding K̃ first when ε changed or a scaling grew too large).
    /// Returns the L1 row-marginal error of the plan before this iteration, as the log-domain pass does, or
    /// nil when the kernel cannot represent a row at this ε (nothing was updated).
    mutating func iterate(epsilon newEpsilon: Double, token: CancellationToken) throws -> Double? {
        if newEpsilon != epsilon {
            absorbScalings()
            epsilon = newEpsilon
            try rebuildKernel(token: token)
            (iterationsAtThisEpsilon, bestErrorAtThisEpsilon) = (0, .infinity)
            relaxation = 1
        }
        let (n, m) = (costs.rowCount, costs.columnCount)
        let rowWeight = 1 / Double(n)
        let columnWeight = 1 / Double(m)
        var kernelTimesColumns = try rowProducts(token: token)
        if kernelTimesColumns.contains(where: { !($0 > 0) || !$0.isFinite }) {
            // A row's mass underflowed under stale scalings: absorb and retry once from fresh ones.
            absorbScalings()
            try rebuildKernel(token: token)
            kernelTimesColumns = try rowProducts(token: token)
            // Still empty: exp(−C/ε) itself underflows (tiny ε without annealing); the caller goes on in
            // the log domain from these potentials.
            if kernelTimesColumns.contains(where: { !($0 > 0) || !$0.isFinite }) { return nil }
        }
        var error = 0.0
        let omega = relaxation
        for i in 0..<n {
            let marginal = rowScaling[i] * kernelTimesColumns[i]
            error += abs(marginal - rowWeight)
            rowScaling[i] = omega == 1 ? rowWeight / kernelTimesColumns[i] : rowScaling[i] * pow(rowWeight / marginal, omega)
        }
        let kernelTransposeTimesRows = try columnProducts(token: token)
        for j in 0..<m {
            let marginal = columnScaling[j] * kernelTransposeTimesRows[j]
            columnScaling[j] = omega == 1 ? columnWeight / kernelTransposeTimesRows[j] : columnScaling[j] * pow(columnWeight / marginal, omega)
        }
        adaptRelaxation(after: error)
        let limit = exp(Self.absorbThreshold)
        let outside: (Double) -> Bool = { !($0 < limit && $0 > 1 / limit) }
        if rowScaling.contains(where: outside) || columnScaling.contains(where: outside) {
            absorbScalings()
            try rebuildKernel(token: token)
        }
        return error
    }

    /// Plain iterations this many times at one ε before ω is estimated from their error decay.
    /// 100: on 2,000 + 2,000 Gaussian rows in 64-D at the default ε, warm-ups of 20 / 50 / 100 gave ω = 1.47 /
    /// 1.64 / 1.74 and 1,243 / 955 / 816 iterations in all (plain Sinkhorn: 2,454).
    static let relaxationWarmup = 100
    /// Cap on ω: 1.9 diverged on 2,000 + 2,000 Gaussian rows at the default ε, 1.7 converged in a third of
    /// plain Sinkhorn's iterations.
    static let maximumRelaxation = 1.8
    /// Over-relaxation is not monotone: the error rose up to a few times its best before falling, so only a
    /// tenfold rise counts as divergence (ω = 1.9 blew up to 10⁴⁹ on the benchmark set).
    static let divergenceFactor = 10.0

    /// Over-relaxed Sinkhorn (Thibault, Chizat, Dossal & Papadakis 2017; Lehmann, von Renesse, Sambale &
    /// Uschmajew 2021): `u ← u^(1−ω)·(a/K̃v)^ω` has the same fixed point and, for ω from the linear
    /// convergence rate ρ of plain iterations, `ω = 2/(1 + √(1 − ρ))`, converges far faster when ρ is near 1
    /// (small ε). ρ is measured over the warm-up's last half; if the error ever rises `divergenceFactor`-fold over
    /// its best value ω falls back to 1 for the rest of the run (the safeguard that makes the acceleration safe).
    private mutating func adaptRelaxation(after error: Double) {
        iterationsAtThisEpsilon += 1
        bestErrorAtThisEpsilon = min(bestErrorAtThisEpsilon, error)
        if relaxation > 1, error > Self.divergenceFactor * bestErrorAtThisEpsilon {
            relaxation = 1
            relaxationFailed = true
        }
        let half = Self.relaxationWarmup / 2
        if iterationsAtThisEpsilon == Self.relaxationWarmup - half { errorHalfwayThroughWarmup = error }
        guard iterationsAtThisEpsilon == Self.relaxationWarmup, !relaxationFailed else { return }
        let earlier = errorHalfwayThroughWarmup
        guard earlier > 0, error > 0, error < earlier else { return }
        let rate = pow(error / earlier, 1 / Double(half))
        relaxation = min(Self.maximumRelaxation, 2 / (1 + (1 - rate).squareRoot()))
    }


    private mutating func absorbScalings() {
        guard epsilon > 0 else { return }
        for i in rowPotentials.indices {
            rowPotentials[i] += epsilon * log(rowScaling[i])
            rowScaling[i] = 1
        }
        for j in columnPotentials.indices {
            columnPotentials[j] += epsilon * log(columnScaling[j])
            columnScaling[j] = 1
        }
    }

    private mutating func rebuildKernel(token: CancellationToken) throws {
        let m = costs.columnCount
        let inverseEpsilon = 1 / epsilon
        try kernel.withUnsafeMutableBufferPointer { kernel in
            try rowPotentials.withUnsafeBufferPointer { rows in
                try columnPotentials.withUnsafeBufferPointer { columns in
                    nonisolated(unsafe) let (kernel, rows, columns) = (kernel, rows, columns)
                    try costs.forEachChunk(token: token) { chunk, costs in
                        for (offset, row) in chunk.enumerated() {
                            let f = rows[row]
                            let (costBase, kernelBase) = (offset * m, row * m)
                            for j in 0..<m {
                                kernel[kernelBase + j] = exp((f + columns[j] - Double(costs[costBase + j])) * inverseEpsilon)
                            }
                        }
                    } combine: { _ in }
                }
            }
        }
    }

    /// `K̃ · v`, one dot product per row.
    private func rowProducts(token: CancellationToken) throws -> [Double] {
        let m = costs.columnCount
        return try kernel.withUnsafeBufferPointer { kernel in
            try columnScaling.withUnsafeBufferPointer { v in
                nonisolated(unsafe) let (kernel, v) = (kernel, v)
                return try mapBlocks(count: costs.rowCount, blockSize: Self.chunkRows, token: token) { rows in
                    rows.map { row in Self.dot(UnsafeBufferPointer(rebasing: kernel[(row * m)..<((row + 1) * m)]), v) }
                }.flatMap { $0 }
            }
        }
    }

    /// Σ xᵢ·yᵢ with eight independent lanes: a single running sum is a serial chain the compiler may not
    /// reorder, which left the matrix–vector products at scalar speed.
    @inline(__always)
    private static func dot(_ x: UnsafeBufferPointer<Double>, _ y: UnsafeBufferPointer<Double>) -> Double {
        let count = x.count
        var lanes = SIMD8<Double>()
        var index = 0
        let rawX = UnsafeRawPointer(x.baseAddress!)
        let rawY = UnsafeRawPointer(y.baseAddress!)
        let stride = MemoryLayout<Double>.stride
        while index + 8 <= count {
            lanes += rawX.loadUnaligned(fromByteOffset: index * stride, as: SIMD8<Double>.self)
                * rawY.loadUnaligned(fromByteOffset: index * stride, as: SIMD8<Double>.self)
            index += 8
        }
        var sum = lanes.sum()
        while index < count {
            sum += x[index] * y[index]
            index += 1
        }
        return sum
    }

    /// `K̃ᵀ · u`: per-chunk column sums, added in chunk order so the result does not depend on threads.
    private func columnProducts(token: CancellationToken) throws -> [Double] {
        let m = costs.columnCount
        let partials = try kernel.withUnsafeBufferPointer { kernel in
            try rowScaling.withUnsafeBufferPointer { u in
                nonisolated(unsafe) let (kernel, u) = (kernel, u)
                let rowsPerTask = max(Self.chunkRows, costs.rowCount / (4 * max(1, ComputeThreads.count)))
                return try mapBlocks(count: costs.rowCount, blockSize: rowsPerTask, token: token) { rows in
                    var sums = [Double](repeating: 0, count: m)
                    sums.withUnsafeMutableBufferPointer { sums in
                        for row in rows {
                            let weight = u[row]
                            let kernelRow = kernel.baseAddress! + row * m
                            for j in 0..<m { sums[j] += kernelRow[j] * weight }
                        }
                    }
                    return sums
                }
            }
        }
        var total = [Double](repeating: 0, count: m)
        for partial in partials {
            for j in 0..<m { total[j] += partial[j] }
        }
        return total
    }
}
