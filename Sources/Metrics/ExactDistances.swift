import LinearAlgebra

/// `‖x − y‖²` of two Float rows in Double: each difference and square is exact in Double, so the only
/// error is the d-term summation (≈ d·2⁻⁵³ relative). Summed in index order, so `(x, y)` and `(y, x)` give
/// bit-identical results and a duplicated row gives exactly 0 — what exact ball counting relies on.
@inline(__always)
func exactSquaredDistance(_ x: UnsafePointer<Float>, _ y: UnsafePointer<Float>, count: Int) -> Double {
    var total = 0.0
    for index in 0..<count {
        let difference = Double(x[index]) - Double(y[index])
        total += difference * difference
    }
    return total
}

/// Float32 GEMM distances between a query and a reference set, with a rigorous per-pair error bound, so
/// callers can decide most comparisons from the fast value and recompute only the ambiguous ones exactly.
///
/// Both sets are centred on the references' mean (distances are translation-invariant, and centring
/// shrinks the norms the GEMM error scales with). For a pair with centred squared norms `a`, `b` the
/// exact squared distance lies within `marginCoefficient·(a + b)` of the GEMM value: `(2d + 48)·2⁻²⁴`
/// covers the dot product (`d·u·‖x‖‖y‖·2`), the two norms (`d·u` each), the three roundings of the sum,
/// and the centring's own rounding (`4u·(a + b)`) (Higham, *Accuracy and Stability*, §3.1).
struct DistanceScreen: @unchecked Sendable {
    let queries: Matrix<Float>
    let references: Matrix<Float>
    /// The original rows, for exact recomputation.
    let originalQueries: Matrix<Float>
    let originalReferences: Matrix<Float>
    let queryNorms: [Double]
    let referenceNorms: [Double]
    let marginCoefficient: Double

    init(queries: Matrix<Float>, references: Matrix<Float>, token: CancellationToken) throws {
        let mean = try columnMeans(of: references, token: token)
        let centredReferences = Self.centred(references, on: mean)
        let centredQueries = queries == references ? centredReferences : Self.centred(queries, on: mean)
        self.queries = centredQueries
        self.references = centredReferences
        self.originalQueries = queries
        self.originalReferences = references
        self.queryNorms = rowSquaredNorms(of: centredQueries).map(Double.init)
        self.referenceNorms = queries == references ? queryNorms : rowSquaredNorms(of: centredReferences).map(Double.init)
        self.marginCoefficient = Double(2 * references.columns + 48) * 0x1p-24
    }

    static func centred(_ data: Matrix<Float>, on mean: [Double]) -> Matrix<Float> {
        let d = data.columns
        return Matrix(rows: data.rows, columns: d) { destination in
            data.withUnsafeBufferPointer { source in
                for row in 0..<data.rows {
                    for column in 0..<d {
                        destination[row * d + column] = Float(Double(source[row * d + column]) - mean[column])
                    }
                }
            }
        }
    }

    /// Runs one GEMM pass; within each block, query rows are split across `ComputeThreads.count` workers.
    /// `body(rows, approximate)` gets a range of global query rows and a function giving the approximate
    /// squared distances of one global row to every reference; it returns a partial result per group,
    /// handed to `combine` in row order.
    func pass<Partial: Sendable>(
        token: CancellationToken,
        _ body: @Sendable (_ rows: Range<Int>, _ approximate: ApproximateRows) throws -> Partial,
        combine: (Partial) -> Void
    ) throws {
        let m = references.rows
        let rowsPerBlock = distanceBlockRows(referenceCount: m)
        try forEachSquaredDistanceBlock(from: queries, to: references, rowsPerBlock: rowsPerBlock, token: token) {
            rows, block in
            let approximate = ApproximateRows(block: block, firstRow: rows.lowerBound, columns: m)
            let groupSize = max(1, (rows.count + ComputeThreads.count - 1) / ComputeThreads.count)
            let partials = try mapBlocks(count: rows.count, blockSize: groupSize, token: token) { local in
                try body((rows.lowerBound + local.lowerBound)..<(rows.lowerBound + local.upperBound), approximate)
            }
            for partial in partials { combine(partial) }
        }
    }

    @inline(__always) func margin(query: Int, reference: Int) -> Double {
        marginCoefficient * (queryNorms[query] + referenceNorms[reference])
    }

    /// The exact Double squared distance between original query row `query` and reference row `reference`.
    func exact(query: Int, reference: Int) -> Double {
        let d = originalQueries.columns
        return originalQueries.withUnsafeBufferPointer { q in
            originalReferences.withUnsafeBufferPointer { r in
                exactSquaredDistance(q.baseAddress! + query * d, r.baseAddress! + reference * d, count: d)
            }
        }
    }
}

/// Read access to one GEMM block's approximate squared distances by global query row; valid only during
/// the pass callback that received it.
struct ApproximateRows: @unchecked Sendable {
    let block: UnsafeBufferPointer<Float>
    let firstRow: Int
    let columns: Int

    @inline(__always) func row(_ globalRow: Int) -> UnsafeBufferPointer<Float> {
        let start = (globalRow - firstRow) * columns
        return UnsafeBufferPointer(rebasing: block[start..<(start + columns)])
    }
}
