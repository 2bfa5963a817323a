import Dispatch
import LinearAlgebra
internal import COpenBLAS
import Synchronization

/// All-points k-NN within one set in half the GEMM work of `BlockedSearch`: squared distances are
/// symmetric, so only tiles with column block ≥ row block are computed, and each value `D[i, j]` is offered
/// to both row i's and row j's candidate heap.
///
/// Tiles hold the full GEMM squared distance `‖xᵢ‖² + ‖xⱼ‖² − 2·xᵢ·xⱼ` (the norms' outer sum pre-filled,
/// then one single-threaded `sgemm` with `beta = 1`), so one value serves both rows; a diagonal tile is read
/// only above its diagonal, which also leaves each row out of its own list. Two threads never touch the
/// same heap at once: the tiles run in rounds (`SymmetricTileSchedule`) within which no two tiles share a
/// block, a barrier between rounds. The candidates are then re-ranked and certified exactly as in
/// `BlockedSearch` (whose `certifiedNearest` this calls), so the result is the same: the exact k nearest
/// under Float `squaredDistance`, ties by smaller index.
///
/// - Accuracy: `D` carries at most the error `BlockedSearch.roundingFactor` allows: d·u from each norm,
///   d·u·(‖x‖² + ‖y‖²) from the dot product, and three roundings from the outer sum and the final adds.
/// - Complexity: n²·d flops (half of `BlockedSearch`); memory `n · candidateCount · 8` bytes of heaps plus
///   one `blockRows²` tile per worker. The token is checked before every tile (a 512² tile is ≈ 1 ms).
struct SymmetricSearch: Sendable {
    let data: Matrix<Float>
    let k: Int
    /// Rows per block, so tiles are `blockRows × blockRows`. 512: a 1 MiB tile stays in the 1 MiB L2 of
    /// the 2-core EPYC between the GEMM that writes it and the scan that reads it. Measured at 50,000 × 64
    /// (CPU seconds, 2 threads, loaded machine): 256 → 3.08, 384 → 2.83, 512 → 2.80, 768 → 2.78,
    /// 1024 → 2.93; the GEMM dominates at every size. Tests shrink it.
    var blockRows = SymmetricSearch.defaultBlockRows

    static let defaultBlockRows = 512

    /// Rows re-ranked per parallel task. Small because an uncertifiable row costs a direct scan of all
    /// n rows (≈ 0.5 ms at 50,000 × 64): 64 such rows stay well inside the 200 ms between token checks.
    static let certifiedRowsPerTask = 64

    /// Lanes screened at once: one `SIMD16<Float>` compare against a row's threshold and 16 columns'.
    static let screenWidth = 16

    /// The certifying half of the non-symmetric engine, over the same set.
    var certifier: BlockedSearch { BlockedSearch(queries: data, reference: data, k: k, excludesSelf: true) }

    /// Squared Euclidean distances (not yet converted) for every row, itself excluded.
    func run(token: CancellationToken) throws -> NeighborList {
        let n = data.rows
        let certifier = self.certifier
        let norms = rowSquaredNorms(of: data)
        let heaps = CandidateHeaps(rowCount: n, capacity: certifier.candidateCount)
        try SingleThreadedBLAS.run { threads in
            try scanAllTiles(norms: norms, into: heaps, threads: threads, token: token)
        }
        let largestNorm = norms.max() ?? 0
        return try NeighborList.collecting(
            queryCount: n, k: k, blockSize: Self.certifiedRowsPerTask, token: token
        ) { rows, output in
            for row in rows {
                let full = heaps.count(ofRow: row) == heaps.capacity
                let nearest = certifier.certifiedNearest(
                    to: row, candidates: heaps.indices(ofRow: row),
                    excludedAtLeast: full ? heaps.thresholds[row] : -.infinity,
                    roundingBound: certifier.roundingFactor * (norms[row] + largestNorm))
                output.store(nearest, forRow: row)
            }
        }
    }

    /// Every tile of the upper block triangle, round by round, each worker with its own tile buffer.
    private func scanAllTiles(
        norms: [Float], into heaps: CandidateHeaps, threads: Int, token: CancellationToken
    ) throws {
        let n = data.rows
        let blockCount = (n + blockRows - 1) / blockRows
        let rounds = SymmetricTileSchedule.rounds(blockCount: blockCount)
        let workers = max(1, min(threads, blockCount))
        let tileCapacity = min(blockRows, n) * min(blockRows, n)
        let buffers = UnsafeMutablePointer<Float>.allocate(capacity: workers * tileCapacity)
        defer { buffers.deallocate() }
        nonisolated(unsafe) let sharedBuffers = buffers
        try data.withUnsafeBufferPointer { values in
            try norms.withUnsafeBufferPointer { norms in
                guard let rows = values.baseAddress, let rowNorms = norms.baseAddress else { return }
                let tiler = TileScan(
                    rows: rows, norms: rowNorms, rowCount: n, columns: data.columns, blockRows: blockRows, heaps: heaps)
                for round in rounds {
                    try token.checkCancellation()
                    let next = Atomic<Int>(0)
                    if workers == 1 {
                        tiler.scan(round, claiming: next, tile: sharedBuffers, token: token)
                    } else {
                        DispatchQueue.concurrentPerform(iterations: workers) { worker in
                            tiler.scan(round, claiming: next, tile: sharedBuffers + worker * tileCapacity, token: token)
                        }
                    }
                    try token.checkCancellation()
                }
            }
        }
    }
}

/// One tile's GEMM and two-sided scan; shared read-only by the workers (pointers into caller-owned data).
private struct TileScan: @unchecked Sendable {
    let rows: UnsafePointer<Float>
    let norms: UnsafePointer<Float>
    let rowCount: Int
    let columns: Int
    let blockRows: Int
    let heaps: CandidateHeaps

    /// Scans the tiles of `round` whose index this worker claims from `next`, until none is left or the
    /// token trips (the caller rethrows).
    func scan(
        _ round: [SymmetricTileSchedule.Tile], claiming next: borrowing Atomic<Int>,
        tile: UnsafeMutablePointer<Float>, token: CancellationToken
    ) {
        while !token.isCancelled {
            let index = next.add(1, ordering: .relaxed).oldValue
            guard index < round.count else { return }
            scan(round[index], tile: tile)
        }
    }

    func range(ofBlock block: Int) -> Range<Int> { (block * blockRows)..<min(rowCount, (block + 1) * blockRows) }

    /// Computes tile `(rowBlock, columnBlock)` into `tile` and offers its values to both sides' heaps.
    func scan(_ pair: SymmetricTileSchedule.Tile, tile: UnsafeMutablePointer<Float>) {
        let rowRange = range(ofBlock: pair.rowBlock)
        let columnRange = range(ofBlock: pair.columnBlock)
        let width = columnRange.count
        for row in 0..<rowRange.count {
            let rowNorm = norms[rowRange.lowerBound + row]
            let output = tile + row * width
            let columnNorms = norms + columnRange.lowerBound
            for column in 0..<width { output[column] = rowNorm + columnNorms[column] }
        }
        cblas_sgemm(
            CblasRowMajor, CblasNoTrans, CblasTrans, Int32(rowRange.count), Int32(width), Int32(columns), -2,
            rows + rowRange.lowerBound * columns, Int32(columns), rows + columnRange.lowerBound * columns,
            Int32(columns), 1, tile, Int32(width))
        offer(tile, rows: rowRange, columns: columnRange)
    }

    /// Offers `tile[r][c]` to row `rows[r]`'s heap as index `columns[c]` and to column `columns[c]`'s heap
    /// as index `rows[r]`; on a diagonal tile only above the diagonal (which covers both halves once).
    func offer(_ tile: UnsafePointer<Float>, rows: Range<Int>, columns: Range<Int>) {
        let width = columns.count
        let diagonal = rows == columns
        let thresholds = heaps.thresholds
        let columnThresholds = UnsafeRawPointer(thresholds + columns.lowerBound)
        let lanes = SymmetricSearch.screenWidth
        for row in 0..<rows.count {
            let query = rows.lowerBound + row
            let values = tile + row * width
            let rawValues = UnsafeRawPointer(values)
            var column = diagonal ? row + 1 : 0
            while column + lanes <= width {
                let chunk = rawValues.loadUnaligned(fromByteOffset: column * 4, as: SIMD16<Float>.self)
                let columnLimits = columnThresholds.loadUnaligned(fromByteOffset: column * 4, as: SIMD16<Float>.self)
                let rowLimit = SIMD16<Float>(repeating: thresholds[query])
                let forColumns = chunk .<= columnLimits
                let forRow = chunk .<= rowLimit
                if any(forColumns .| forRow) {
                    offer(values, at: column, rowLanes: Self.bits(forRow), columnLanes: Self.bits(forColumns),
                        row: query, columns: columns)
                }
                column += lanes
            }
            offerOneByOne(values, row: query, columns: columns, offsets: column..<width)
        }
    }

    /// Lane weights 1, 2, 4, … that turn a 16-lane mask into a bit set.
    static let laneBits = SIMD16<Int32>((0..<16).map { 1 << $0 })

    /// The set lanes of `lanes` as bits, lane 0 lowest (only on the rare chunk that passes the screen).
    @inline(__always) static func bits(_ lanes: SIMDMask<SIMD16<Int32>>) -> UInt32 {
        UInt32(bitPattern: SIMD16<Int32>(repeating: 0).replacing(with: laneBits, where: lanes).wrappedSum())
    }

    /// Offers the chunk at `offset`: lanes in `rowLanes` to the row's heap, lanes in `columnLanes` to their
    /// column's heap, each re-checked against its threshold, which may have tightened meanwhile. Kept out
    /// of line: inlined, its heap code made the screening loop spill its vectors to the stack.
    @inline(never) private func offer(
        _ values: UnsafePointer<Float>, at offset: Int, rowLanes: UInt32, columnLanes: UInt32, row: Int,
        columns: Range<Int>
    ) {
        let thresholds = heaps.thresholds
        var bits = rowLanes
        while bits != 0 {
            let lane = offset + bits.trailingZeroBitCount
            bits &= bits - 1
            if values[lane] <= thresholds[row] {
                heaps.insert(values[lane], index: Int32(columns.lowerBound + lane), row: row)
            }
        }
        bits = columnLanes
        while bits != 0 {
            let lane = offset + bits.trailingZeroBitCount
            bits &= bits - 1
            let column = columns.lowerBound + lane
            if values[lane] <= thresholds[column] { heaps.insert(values[lane], index: Int32(row), row: column) }
        }
    }

    /// The last values of a row (fewer than 16), offered to both sides value by value.
    @inline(__always) private func offerOneByOne(
        _ values: UnsafePointer<Float>, row: Int, columns: Range<Int>, offsets: Range<Int>
    ) {
        let thresholds = heaps.thresholds
        for offset in offsets {
            let value = values[offset]
            let column = columns.lowerBound + offset
            if value <= thresholds[row] { heaps.insert(value, index: Int32(column), row: row) }
            if value <= thresholds[column] { heaps.insert(value, index: Int32(row), row: column) }
        }
    }
}
