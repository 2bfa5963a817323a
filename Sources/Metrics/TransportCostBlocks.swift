import LinearAlgebra

/// The `n × m` ground-cost matrix of `EntropicTransport`, handed out in blocks of whole rows: cached as
/// Float when it fits the caller's budget, otherwise recomputed block by block on every pass.
///
/// Both paths compute a block the same way, so they see bit-identical costs: rows are centred on the
/// pooled mean in Double, `‖x‖² + ‖y‖² − 2·x·y` comes from a Double GEMM over tiles of `columnTile` fake
/// rows (clamped at 0, square-rooted for `.euclidean`) and is rounded once to Float. The Double products
/// make the expansion's cancellation harmless (absolute error ≈ d·2⁻⁵³·(‖x‖² + ‖y‖²)); the Float rounding
/// (2⁻²⁴ relative per entry) is the costs' only visible error.
/// - Complexity: 2·n·m·d flops per pass; memory one block (`rowsPerBlock × m` Floats, ≤ `blockBytes`) plus a
///   `rowsPerBlock × columnTile` Double product, or the n·m Floats of the cache.
struct TransportCostBlocks: Sendable {
    /// Rows per parallel work item: results depend on this partition, never on the thread count.
    static let chunkRows = 128
    /// 32 MiB of Float costs per block: a few GEMM panels, and room for the other users of memory.
    static let defaultBlockBytes = 32 << 20
    /// Fake rows per Double GEMM tile: the tile's conversion to Double costs 1/`chunkRows` of its flops.
    static let columnTile = 1024

    let kind: TransportCost
    let rowCount: Int
    let columnCount: Int
    let rowsPerBlock: Int
    /// mean_ij C_ij and max_ij C_ij of the Float costs, in Double.
    let meanCost: Double
    let maximumCost: Double
    private let geometry: Geometry
    private let cache: [Float]?

    var isCached: Bool { cache != nil }

    init(
        real: Matrix<Float>, fake: Matrix<Float>, kind: TransportCost, cacheBytes: Int, blockBytes: Int = defaultBlockBytes,
        token: CancellationToken
    ) throws {
        let geometry = try Geometry(real: real, fake: fake, kind: kind, token: token)
        let (n, m) = (real.rows, fake.rows)
        let rowsPerBlock = Self.rowsPerBlock(rowCount: n, columnCount: m, blockBytes: blockBytes)
        let (pairs, overflow) = n.multipliedReportingOverflow(by: m)
        let (bytes, byteOverflow) = pairs.multipliedReportingOverflow(by: MemoryLayout<Float>.stride)
        let caches = !overflow && !byteOverflow && bytes <= cacheBytes
        var total = 0.0
        var maximum = 0.0
        func accumulate(_ block: UnsafeBufferPointer<Float>) {
            var blockTotal = 0.0
            for value in block {
                blockTotal += Double(value)
                maximum = max(maximum, Double(value))
            }
            total += blockTotal
        }
        if caches {
            cache = try [Float](unsafeUninitializedCapacity: pairs) { buffer, initialized in
                for start in stride(from: 0, to: n, by: rowsPerBlock) {
                    try token.checkCancellation()
                    let rows = start..<min(n, start + rowsPerBlock)
                    let block = UnsafeMutableBufferPointer(rebasing: buffer[(start * m)..<(rows.upperBound * m)])
                    try geometry.computeBlock(rows: rows, into: block)
                    accumulate(UnsafeBufferPointer(block))
                }
                initialized = pairs
            }
        } else {
            cache = nil
            try Self.forEachComputedBlock(of: geometry, rowsPerBlock: rowsPerBlock, token: token) { _, block in accumulate(block) }
        }
        self.kind = kind
        self.rowCount = n
        self.columnCount = m
        self.rowsPerBlock = rowsPerBlock
        self.geometry = geometry
        self.meanCost = total / Double(pairs)
        self.maximumCost = maximum
    }

    /// Whole chunks of rows per block, as many as fit `blockBytes` (at least one chunk).
    static func rowsPerBlock(rowCount: Int, columnCount: Int, blockBytes: Int) -> Int {
        let fitting = blockBytes / (MemoryLayout<Float>.stride * max(1, columnCount))
        let chunks = max(1, fitting / chunkRows)
        return min(max(1, rowCount), chunks * chunkRows)
    }

    /// Calls `body` with every block of rows in order: the global row range and its row-major
    /// `rows.count × m` costs, valid only during the call. The token is checked before each block.
    func forEachBlock(token: CancellationToken, _ body: (Range<Int>, UnsafeBufferPointer<Float>) throws -> Void) throws {
        let m = columnCount
        if let cache {
            try cache.withUnsafeBufferPointer { all in
                for start in stride(from: 0, to: rowCount, by: rowsPerBlock) {
                    try token.checkCancellation()
                    let rows = start..<min(rowCount, start + rowsPerBlock)
                    try body(rows, UnsafeBufferPointer(rebasing: all[(start * m)..<(rows.upperBound * m)]))
                }
            }
            return
        }
        try Self.forEachComputedBlock(of: geometry, rowsPerBlock: rowsPerBlock, token: token, body)
    }

    /// Every block's rows in chunks of `chunkRows`, the chunks of a block in parallel: `body` gets a chunk's
    /// global row range and its row-major `rows.count × m` costs and returns one result; `combine` gets a
    /// block's results in row order, before the next block is produced. The partition depends only on the
    /// sizes, so results do not depend on the thread count.
    func forEachChunk<Result: Sendable>(
        token: CancellationToken, _ body: @Sendable (Range<Int>, UnsafeBufferPointer<Float>) throws -> Result,
        combine: ([Result]) throws -> Void
    ) throws {
        let m = columnCount
        try forEachBlock(token: token) { rows, block in
            nonisolated(unsafe) let block = block
            let results = try mapBlocks(count: rows.count, blockSize: Self.chunkRows, token: token) { local in
                try body(
                    (rows.lowerBound + local.lowerBound)..<(rows.lowerBound + local.upperBound),
                    UnsafeBufferPointer(rebasing: block[(local.lowerBound * m)..<(local.upperBound * m)]))
            }
            try combine(results)
        }
    }

    /// The uncached path of `forEachBlock`: each block computed into one reused scratch buffer.
    private static func forEachComputedBlock(
        of geometry: Geometry, rowsPerBlock: Int, token: CancellationToken,
        _ body: (Range<Int>, UnsafeBufferPointer<Float>) throws -> Void
    ) throws {
        let (n, m) = (geometry.real.rows, geometry.fake.rows)
        var scratch = [Float](repeating: 0, count: min(n, rowsPerBlock) * m)
        for start in stride(from: 0, to: n, by: rowsPerBlock) {
            try token.checkCancellation()
            let rows = start..<min(n, start + rowsPerBlock)
            try scratch.withUnsafeMutableBufferPointer { buffer in
                let block = UnsafeMutableBufferPointer(rebasing: buffer[0..<(rows.count * m)])
                try geometry.computeBlock(rows: rows, into: block)
                try body(rows, UnsafeBufferPointer(block))
            }
        }
    }
}

extension TransportCostBlocks {
    /// The centred rows' data behind every block: the inputs, the pooled mean and the centred squared norms.
    struct Geometry: Sendable {
        let real: Matrix<Float>
        let fake: Matrix<Float>
        let kind: TransportCost
        let centre: [Double]
        let realNorms: [Double]
        let fakeNorms: [Double]

        init(real: Matrix<Float>, fake: Matrix<Float>, kind: TransportCost, token: CancellationToken) throws {
            let realMeans = try columnMeans(of: real, token: token)
            let fakeMeans = try columnMeans(of: fake, token: token)
            let (n, m) = (Double(real.rows), Double(fake.rows))
            // Centring on the pooled mean shrinks the norms that the expansion's rounding scales with.
            let centre = zip(realMeans, fakeMeans).map { ($0 * n + $1 * m) / (n + m) }
            self.real = real
            self.fake = fake
            self.kind = kind
            self.centre = centre
            self.realNorms = Self.centredSquaredNorms(of: real, centre: centre)
            self.fakeNorms = Self.centredSquaredNorms(of: fake, centre: centre)
        }

        static func centredSquaredNorms(of data: Matrix<Float>, centre: [Double]) -> [Double] {
            let d = data.columns
            return data.withUnsafeBufferPointer { values in
                (0..<data.rows).map { row in
                    var total = 0.0
                    for column in 0..<d {
                        let value = Double(values[row * d + column]) - centre[column]
                        total += value * value
                    }
                    return total
                }
            }
        }

        /// Writes the costs of real `rows` against every fake row into `block` (row-major, `rows.count × m`).
        func computeBlock(rows: Range<Int>, into block: UnsafeMutableBufferPointer<Float>) throws {
            let m = fake.rows
            let left = centred(real.rows(rows), around: centre)
            var product = Matrix<Double>(rows: rows.count, columns: min(m, TransportCostBlocks.columnTile))
            for tileStart in stride(from: 0, to: m, by: TransportCostBlocks.columnTile) {
                let columns = tileStart..<min(m, tileStart + TransportCostBlocks.columnTile)
                let right = centred(fake.rows(columns), around: centre)
                if product.columns != columns.count { product = Matrix(rows: rows.count, columns: columns.count) }
                try Matrix.multiply(left, right, transposingRight: true, alpha: -2, into: &product)
                product.withUnsafeBufferPointer { products in
                    for row in 0..<rows.count {
                        let rowNorm = realNorms[rows.lowerBound + row]
                        for (offset, column) in columns.enumerated() {
                            let squared = max(0, products[row * columns.count + offset] + rowNorm + fakeNorms[column])
                            block[row * m + column] = Float(kind == .euclidean ? squared.squareRoot() : squared)
                        }
                    }
                }
            }
        }
    }
}
