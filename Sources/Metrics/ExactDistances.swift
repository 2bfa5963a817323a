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

/// Float32 GEMM distances between a query and a reference set with a rigorous per-pair error bound, so
/// callers decide most comparisons from the fast value and recompute only the ambiguous pairs exactly.
///
/// Both sets are centred on the references' mean (distances are translation-invariant, and centring
/// shrinks the norms the GEMM error scales with). The fast value of a pair is `g + a + b` with
/// `g = −2·x·y` from `sgemm` and `a`, `b` the centred squared norms; the exact squared distance lies
/// within `a·marginCoefficient + b·marginCoefficient` of it. `(2d + 64)·2⁻²⁴` covers the dot product
/// (`d·u·2‖x‖‖y‖ ≤ d·u·(a + b)`), the norms (`d·u` each), the centring's rounding (`4u·(a + b)`) and the
/// few Float roundings of the sums and bounds in the callers' loops (Higham, *Accuracy and Stability of
/// Numerical Algorithms*, §3.1). Per-row and per-column margin terms are rounded up (`nextUp`).
struct DistanceScreen: @unchecked Sendable {
    let queries: Matrix<Float>
    let references: Matrix<Float>
    /// The original rows, for exact recomputation.
    let originalQueries: Matrix<Float>
    let originalReferences: Matrix<Float>
    let queryNorms: [Float]
    let referenceNorms: [Float]
    /// `marginCoefficient · norm`, rounded up, per query row and per reference row.
    let queryMargins: [Float]
    let referenceMargins: [Float]

    init(queries: Matrix<Float>, references: Matrix<Float>, sameSet: Bool, token: CancellationToken) throws {
        let mean = try columnMeans(of: references, token: token)
        let centredReferences = Self.centred(references, on: mean)
        let centredQueries = sameSet ? centredReferences : Self.centred(queries, on: mean)
        let coefficient = Double(2 * references.columns + 64) * 0x1p-24
        self.queries = centredQueries
        self.references = centredReferences
        self.originalQueries = queries
        self.originalReferences = references
        self.queryNorms = rowSquaredNorms(of: centredQueries)
        self.referenceNorms = sameSet ? queryNorms : rowSquaredNorms(of: centredReferences)
        self.queryMargins = queryNorms.map { Float(coefficient * Double($0)).nextUp }
        self.referenceMargins = referenceNorms.map { Float(coefficient * Double($0)).nextUp }
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

    /// GEMM work per block: ≈ 0.1 s at this machine's 125 GFLOP/s per core, so Ctrl-C (checked between
    /// blocks and worker groups) stops a pass well within 200 ms even at d = 2,048 and 100,000 references.
    static let flopsPerBlock = 12_000_000_000

    /// Runs one blocked GEMM pass over all (query, reference) pairs. Within each block of query rows, rows
    /// are split across `ComputeThreads.count` workers; `body(rows, block)` gets a range of global query rows
    /// and the block's `−2·x·y` products, and returns a partial result handed to `combine` in row order.
    /// Memory: one block of `rowsPerBlock × m` Floats.
    func pass<Partial: Sendable>(
        token: CancellationToken,
        _ body: @Sendable (_ rows: Range<Int>, _ products: ProductBlock) throws -> Partial,
        combine: (Partial) -> Void
    ) throws {
        let m = references.rows
        let flopRows = max(1, Self.flopsPerBlock / max(1, 2 * m * references.columns))
        let blockRows = min(distanceBlockRows(referenceCount: m), flopRows)
        var buffer = Matrix<Float>(rows: min(blockRows, queries.rows), columns: m)
        var start = 0
        while start < queries.rows {
            try token.checkCancellation()
            let rows = start..<min(queries.rows, start + blockRows)
            if buffer.rows != rows.count { buffer = Matrix(rows: rows.count, columns: m) }
            try Matrix.multiply(queries.rows(rows), references, transposingRight: true, alpha: -2, into: &buffer)
            try buffer.withUnsafeBufferPointer { block in
                let products = ProductBlock(block: block, firstRow: rows.lowerBound, columns: m)
                let groupSize = max(1, (rows.count + ComputeThreads.count - 1) / ComputeThreads.count)
                let partials = try mapBlocks(count: rows.count, blockSize: groupSize, token: token) { local in
                    try body((rows.lowerBound + local.lowerBound)..<(rows.lowerBound + local.upperBound), products)
                }
                for partial in partials { combine(partial) }
            }
            start = rows.upperBound
        }
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

/// One GEMM block's `−2·x·y` products by global query row; valid only during the pass callback.
struct ProductBlock: @unchecked Sendable {
    let block: UnsafeBufferPointer<Float>
    let firstRow: Int
    let columns: Int

    @inline(__always) func row(_ globalRow: Int) -> UnsafeBufferPointer<Float> {
        let start = (globalRow - firstRow) * columns
        return UnsafeBufferPointer(rebasing: block[start..<(start + columns)])
    }
}
