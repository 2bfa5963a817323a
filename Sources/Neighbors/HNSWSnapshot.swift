public import LinearAlgebra

/// Everything an `HNSWIndex` is made of, as plain arrays, so a session can save it and open it again
/// without rebuilding. `HNSWIndex(restoring:)` checks every size and link before trusting a snapshot.
public struct HNSWSnapshot: Sendable, Equatable {
    public var options: HNSWOptions
    public var metric: DistanceMetric
    /// The indexed rows as stored (normalised for cosine), `m×d`.
    public var vectors: Matrix<Float>
    public var levels: [Int32]
    /// `m·(1 + 2M)` values: per node a count, then the layer-0 link ids.
    public var layerZeroLinks: [Int32]
    /// Per node with layers above 0, for each such layer a count and `M` link ids, nodes in order.
    public var upperLinks: [Int32]
    public var entryPoint: Int32
    public var topLevel: Int

    public init(
        options: HNSWOptions, metric: DistanceMetric, vectors: Matrix<Float>, levels: [Int32], layerZeroLinks: [Int32],
        upperLinks: [Int32], entryPoint: Int32, topLevel: Int
    ) {
        self.options = options
        self.metric = metric
        self.vectors = vectors
        self.levels = levels
        self.layerZeroLinks = layerZeroLinks
        self.upperLinks = upperLinks
        self.entryPoint = entryPoint
        self.topLevel = topLevel
    }
}

extension HNSWIndex {
    /// The arrays this index is made of.
    public var snapshot: HNSWSnapshot {
        HNSWSnapshot(
            options: options, metric: metric, vectors: data, levels: levels, layerZeroLinks: links0,
            upperLinks: upperLinks, entryPoint: entryPoint, topLevel: topLevel)
    }

    /// An index from a snapshot, after checking that every array has the size the options and levels
    /// imply and every link names an existing node.
    /// - Throws: `NeighborsError.invalidArgument` naming the first inconsistency (a damaged save).
    public init(restoring snapshot: HNSWSnapshot) throws {
        func damaged(_ what: String) -> NeighborsError {
            .invalidArgument(name: "saved HNSW index", value: what, requirement: "consistent with its own sizes")
        }
        try snapshot.options.validate()
        let n = snapshot.vectors.rows
        let m = snapshot.options.maxConnections
        guard n > 0, snapshot.levels.count == n, snapshot.levels.allSatisfy({ $0 >= 0 && $0 <= Self.maximumLevel })
        else { throw damaged("levels") }
        guard snapshot.layerZeroLinks.count == n * (1 + 2 * m) else { throw damaged("layer-0 links") }
        var offsets = [Int](repeating: 0, count: n)
        var size = 0
        for node in 0..<n {
            offsets[node] = size
            size += Int(snapshot.levels[node]) * (1 + m)
        }
        guard snapshot.upperLinks.count == max(1, size) else { throw damaged("upper links") }
        guard snapshot.entryPoint >= 0, Int(snapshot.entryPoint) < n,
            snapshot.topLevel == Int(snapshot.levels[Int(snapshot.entryPoint)])
        else { throw damaged("entry point") }
        func checkBlocks(_ links: [Int32], starts: [Int], limit: Int) throws(NeighborsError) {
            for start in starts {
                let count = Int(links[start])
                guard count >= 0, count <= limit,
                    links[(start + 1)..<(start + 1 + count)].allSatisfy({ $0 >= 0 && Int($0) < n })
                else { throw damaged("a link list") }
            }
        }
        try checkBlocks(snapshot.layerZeroLinks, starts: (0..<n).map { $0 * (1 + 2 * m) }, limit: 2 * m)
        try checkBlocks(
            snapshot.upperLinks,
            starts: (0..<n).flatMap { node in (0..<Int(snapshot.levels[node])).map { offsets[node] + $0 * (1 + m) } },
            limit: m)
        try InputValidation.requireFinite(snapshot.vectors, set: "the saved index's rows")
        options = snapshot.options
        metric = snapshot.metric
        data = snapshot.vectors
        links0 = snapshot.layerZeroLinks
        upperLinks = snapshot.upperLinks
        upperOffsets = offsets
        levels = snapshot.levels
        entryPoint = snapshot.entryPoint
        topLevel = snapshot.topLevel
    }
}

