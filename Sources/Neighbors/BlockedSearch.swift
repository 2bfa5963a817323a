import LinearAlgebra

/// The engine behind `ExactNeighbors`: squared Euclidean k-NN with GEMM candidates, exact re-ranking
/// and the rounding certificate described on `ExactNeighbors`.
struct BlockedSearch: Sendable {
    let queries: Matrix<Float>
    let reference: Matrix<Float>
    let k: Int
    /// Within one set: query row i never lists reference row i (duplicates of it stay).
    let excludesSelf: Bool
    /// Query rows per block and reference rows per tile (`CandidateScan`'s constants; tests shrink them).
    var tiling = (queryRows: CandidateScan.queryTileRows, referenceRows: CandidateScan.referenceTileRows)

    /// Candidates kept beyond `k` for exact re-ranking: at least `k` more, and at least this many, so
    /// rounding swaps among near-ties are fixed without the direct-scan fallback.
    static let minimumExtraCandidates = 8
    /// Rows of `reference` a query may list.
    var availableCount: Int { excludesSelf ? reference.rows - 1 : reference.rows }

    var candidateCount: Int { min(availableCount, k + max(k, Self.minimumExtraCandidates)) }

    /// Bound on |GEMM squared distance − true| per unit of `‖x‖² + ‖y‖²`: the dot product and both norms
    /// each carry at most d·u relative error (Higham, *Accuracy and Stability*, §3.1), plus the final adds.
    var roundingFactor: Float { Float(2 * queries.columns + 8) * Float.ulpOfOne / 2 }

    /// Squared Euclidean distances (not yet converted) for every query row.
    func run(token: CancellationToken) throws -> NeighborList {
        let n = queries.rows
        let queryNorms = rowSquaredNorms(of: queries)
        let referenceNorms = rowSquaredNorms(of: reference)
        let largestReferenceNorm = referenceNorms.max() ?? 0
        let scan = CandidateScan(
            reference: reference, referenceNorms: referenceNorms, excludesSelf: excludesSelf, tileRows: tiling.referenceRows)
        return try SingleThreadedBLAS.run { threads in
            try NeighborList.collecting(
                queryCount: n, k: k, blockSize: tiling.queryRows, threads: threads, token: token
            ) { rows, output in
                var heaps = [SmallestValues<Float>](repeating: SmallestValues(capacity: candidateCount), count: rows.count)
                try heaps.withUnsafeMutableBufferPointer {
                    try scan.scan(queries, rows: rows, into: $0, token: token)
                }
                for (row, candidates) in heaps.enumerated() {
                    let query = rows.lowerBound + row
                    let bound = roundingFactor * (queryNorms[query] + largestReferenceNorm)
                    output.store(
                        nearest(to: query, candidates: candidates, queryNorm: queryNorms[query], roundingBound: bound),
                        forRow: query)
                }
            }
        }
    }

    /// The exact k nearest of query row `query`, given its heap of GEMM candidates (values are
    /// `‖y‖² − 2·x·y`, i.e. squared distances minus `queryNorm`).
    func nearest(
        to query: Int, candidates: SmallestValues<Float>, queryNorm: Float, roundingBound: Float
    ) -> [(value: Float, index: Int)] {
        // A heap short of its capacity dropped NaN values (overflowing rows): nothing to certify with.
        let excludedAtLeast = candidates.count < candidateCount ? -Float.infinity : candidates.threshold + queryNorm
        return certifiedNearest(
            to: query, candidates: candidates.sorted().map(\.index), excludedAtLeast: excludedAtLeast,
            roundingBound: roundingBound)
    }

    /// The exact k nearest of query row `query` from its GEMM candidates, certified: every row not among
    /// `candidates` had a GEMM squared distance ≥ `excludedAtLeast`; if even that, less the rounding bound,
    /// is farther than the exact k-th distance, nothing left out can belong. Otherwise a direct scan.
    func certifiedNearest(
        to query: Int, candidates: [Int], excludedAtLeast: Float, roundingBound: Float
    ) -> [(value: Float, index: Int)] {
        let exact = exactlyRanked(query: query, candidates: candidates)
        if candidates.count == availableCount { return exact }
        if exact.count == k, excludedAtLeast - roundingBound > exact[k - 1].value { return exact }
        return directScan(query: query)
    }

    /// `candidates` re-measured with `squaredDistance` and sorted by (distance, index); the first `k`.
    func exactlyRanked(query: Int, candidates: [Int]) -> [(value: Float, index: Int)] {
        let x = queries.row(query)
        let measured = candidates.map { (value: squaredDistance(x, reference.row($0)), index: $0) }
        return Array(measured.sorted { $0.value < $1.value || ($0.value == $1.value && $0.index < $1.index) }.prefix(k))
    }

    /// Exact distances to every reference row: the fallback when the certificate cannot exclude a row.
    func directScan(query: Int) -> [(value: Float, index: Int)] {
        var best = SmallestValues<Float>(capacity: k)
        let d = queries.columns
        queries.withUnsafeBufferPointer { queryValues in
            reference.withUnsafeBufferPointer { referenceValues in
                let x = UnsafeBufferPointer(rebasing: queryValues[(query * d)..<((query + 1) * d)])
                for row in 0..<reference.rows where !(excludesSelf && row == query) {
                    let y = UnsafeBufferPointer(rebasing: referenceValues[(row * d)..<((row + 1) * d)])
                    best.insert(squaredDistance(x, y), index: row)
                }
            }
        }
        return best.sorted()
    }
}
