import LinearAlgebra

extension NeighborList {
    /// Where block workers store rows of a list being built: each row's `k` slots are written by exactly one
    /// worker, so the buffers are shared without a lock.
    struct RowOutput: @unchecked Sendable {
        let k: Int
        let indices: UnsafeMutableBufferPointer<Int32>
        let distances: UnsafeMutableBufferPointer<Float>

        /// Stores `nearest` (at most `k` pairs, nearest first) as row `row`.
        func store(_ nearest: [(value: Float, index: Int)], forRow row: Int) {
            for (slot, pair) in nearest.enumerated() {
                indices[row * k + slot] = Int32(pair.index)
                distances[row * k + slot] = pair.value
            }
        }
    }

    /// A list of `queryCount` rows filled by `fill` over blocks of `blockSize` rows in parallel
    /// (`parallelForBlocks`); `fill` stores each row of its block through the `RowOutput`.
    static func collecting(
        queryCount: Int, k: Int, blockSize: Int, threads: Int = ComputeThreads.count, token: CancellationToken,
        _ fill: @Sendable (Range<Int>, RowOutput) throws -> Void
    ) throws -> NeighborList {
        var indices = [Int32](repeating: 0, count: queryCount * k)
        var distances = [Float](repeating: 0, count: queryCount * k)
        try indices.withUnsafeMutableBufferPointer { indexBuffer in
            try distances.withUnsafeMutableBufferPointer { distanceBuffer in
                let output = RowOutput(k: k, indices: indexBuffer, distances: distanceBuffer)
                try parallelForBlocks(count: queryCount, blockSize: blockSize, token: token, threads: threads) { rows in
                    try fill(rows, output)
                }
            }
        }
        return NeighborList(queryCount: queryCount, k: k, indices: indices, distances: distances)
    }
}
