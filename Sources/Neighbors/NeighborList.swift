/// Row-major n×k neighbour lists; distances are plain (not squared) Euclidean, or 1 − cos.
public struct NeighborList: Sendable, Equatable {
    public let queryCount: Int
    public let k: Int
    /// `queryCount·k` reference row indices; row i at `i*k..<(i+1)*k`, nearest first, ties by smaller index.
    public var indices: [Int32]
    /// `queryCount·k` distances, same layout as `indices`.
    public var distances: [Float]

    /// - Precondition: both arrays hold `queryCount · k` values (a programming error otherwise).
    public init(queryCount: Int, k: Int, indices: [Int32], distances: [Float]) {
        precondition(queryCount >= 0 && k >= 0, "NeighborList needs non-negative sizes")
        precondition(indices.count == queryCount * k && distances.count == queryCount * k,
            "NeighborList expects \(queryCount * k) indices and distances")
        self.queryCount = queryCount
        self.k = k
        self.indices = indices
        self.distances = distances
    }

    /// The neighbours of query `row`, nearest first.
    public func indices(ofRow row: Int) -> ArraySlice<Int32> {
        indices[(row * k)..<((row + 1) * k)]
    }

    /// The distances of query `row`'s neighbours, ascending.
    public func distances(ofRow row: Int) -> ArraySlice<Float> {
        distances[(row * k)..<((row + 1) * k)]
    }

    /// Each row's distance to its nearest neighbour (the first column), `queryCount` values.
    public var nearestDistances: [Float] {
        guard k > 0 else { return [] }
        return (0..<queryCount).map { distances[$0 * k] }
    }

    /// Each row's distance to its k-th neighbour (the last column), `queryCount` values.
    public var kthDistances: [Float] {
        guard k > 0 else { return [] }
        return (0..<queryCount).map { distances[$0 * k + k - 1] }
    }
}
