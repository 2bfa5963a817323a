import LinearAlgebra

/// The GEMM pass of exact search, run by one worker for one block of query rows: streams tiles of `‖y‖² − 2·x·y` (one
/// `sgemm` with `beta = 1` onto a tile pre-filled with the reference norms) and offers every value to
/// each query row's bounded candidate heap.
///
/// Why not `forEachSquaredDistanceBlock`: its blocks span the whole reference set (64 MiB) and add the
/// norms in a single-threaded pass, which at 50,000² values costs more than the GEMM. Tiles of
/// `referenceTileRows` keep the values in L2/L3 between the GEMM that writes them and the scan that reads
/// them, and the query norm (a per-row constant) is left out of the ranking entirely.
struct CandidateScan {
    /// Reference rows per tile; with `queryTileRows` a 4 MiB tile that stays in L3 between the GEMM
    /// that writes it and the scan that reads it. Measured on the 2-core EPYC (50,000×64, CPU seconds):
    /// 128×2048 7.1, 256×2048 7.0, 512×2048 6.9, 256×4096 7.4 — the GEMM at d = 64 dominates.
    static let referenceTileRows = 2048
    /// Query rows per block (one block per parallel task); each row's heap lives for the whole block.
    static let queryTileRows = 512

    let reference: Matrix<Float>
    let referenceNorms: [Float]
    let excludesSelf: Bool
    /// `referenceTileRows` except in tests, which shrink it to reach many tiles with little data.
    var tileRows = Self.referenceTileRows

    /// Offers the partial distances `‖y‖² − 2·x·y` of query rows `rows` (a block of `queries`) to `heaps`
    /// (one per row of the block, `heaps[0]` for `rows.lowerBound`), skipping reference row `q` for query `q` when
    /// `excludesSelf`. The token is checked before every tile.
    func scan(
        _ queries: Matrix<Float>, rows: Range<Int>, into heaps: UnsafeMutableBufferPointer<SmallestValues<Float>>,
        token: CancellationToken
    ) throws {
        let queryBlock = queries.rows(rows)
        var tile = Matrix<Float>(rows: rows.count, columns: min(tileRows, reference.rows))
        var start = 0
        while start < reference.rows {
            try token.checkCancellation()
            let columns = start..<min(reference.rows, start + tileRows)
            if tile.columns != columns.count { tile = Matrix(rows: rows.count, columns: columns.count) }
            tile.withUnsafeMutableBufferPointer { values in
                referenceNorms.withUnsafeBufferPointer { norms in
                    let source = UnsafeBufferPointer(rebasing: norms[columns])
                    for row in 0..<rows.count {
                        _ = UnsafeMutableBufferPointer(rebasing: values[(row * columns.count)...]).initialize(from: source)
                    }
                }
            }
            try Matrix.multiply(
                queryBlock, reference.rows(columns), transposingRight: true, alpha: -2, beta: 1, into: &tile)
            tile.withUnsafeBufferPointer { values in
                for row in 0..<rows.count {
                    let query = rows.lowerBound + row
                    let rowValues = UnsafeBufferPointer(rebasing: values[(row * columns.count)..<((row + 1) * columns.count)])
                    let skipped = excludesSelf && columns.contains(query) ? query - columns.lowerBound : -1
                    Self.offer(rowValues, firstIndex: columns.lowerBound, skipping: skipped, to: &heaps[row])
                }
            }
            start = columns.upperBound
        }
    }

    /// Values per screening step: four `SIMD16<Float>` compares against the heap's threshold, OR-ed, one
    /// branch, the value-by-value pass out of line. Measured on 10,000 queries × 50,000 × 64 against the
    /// former count of passing values over 128 (a compare-and-add loop): the scan's share of a profile
    /// 23 % → 9 %, 1.34–1.45 → 1.21–1.28 CPU-s in all, identical lists.
    static let screenWidth = 64

    /// Offers `values[i]` as index `firstIndex + i` (except offset `skipping`). After the first few tiles
    /// almost no value beats the threshold, so blocks are screened first and scanned value by value only
    /// when something passes.
    static func offer(
        _ values: UnsafeBufferPointer<Float>, firstIndex: Int, skipping: Int,
        to heap: inout SmallestValues<Float>
    ) {
        guard let base = values.baseAddress else { return }
        let raw = UnsafeRawPointer(base)
        let stride = MemoryLayout<Float>.stride
        var start = 0
        while start + screenWidth <= values.count {
            let limit = SIMD16<Float>(repeating: heap.threshold)
            let offset = start * stride
            let passing = (raw.loadUnaligned(fromByteOffset: offset, as: SIMD16<Float>.self) .<= limit)
                .| (raw.loadUnaligned(fromByteOffset: offset + 16 * stride, as: SIMD16<Float>.self) .<= limit)
                .| (raw.loadUnaligned(fromByteOffset: offset + 32 * stride, as: SIMD16<Float>.self) .<= limit)
                .| (raw.loadUnaligned(fromByteOffset: offset + 48 * stride, as: SIMD16<Float>.self) .<= limit)
            if any(passing) {
                offerOneByOne(base, offsets: start..<(start + screenWidth), firstIndex: firstIndex, skipping: skipping, to: &heap)
            }
            start += screenWidth
        }
        offerOneByOne(base, offsets: start..<values.count, firstIndex: firstIndex, skipping: skipping, to: &heap)
    }

    /// Kept out of line so the screening loop keeps its vectors in registers.
    @inline(never) static func offerOneByOne(
        _ base: UnsafePointer<Float>, offsets: Range<Int>, firstIndex: Int, skipping: Int,
        to heap: inout SmallestValues<Float>
    ) {
        var threshold = heap.threshold
        for offset in offsets where base[offset] <= threshold && offset != skipping {
            heap.insert(base[offset], index: firstIndex + offset)
            threshold = heap.threshold
        }
    }
}
