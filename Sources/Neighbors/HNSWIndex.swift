import Foundation
public import LinearAlgebra
import Synchronization

/// An HNSW graph over the rows of a reference matrix (Malkov & Yashunin 2020), built as hnswlib builds it:
/// layers drawn as `⌊−ln U / ln M⌋`, greedy descent through the upper layers, best-first search with a
/// candidate list of `ef_construction`, links chosen by the paper's neighbour-selection heuristic
/// (Algorithm 4, without extending or keeping pruned candidates), `M` links per node on upper layers and
/// `2M` on layer 0.
///
/// Distances inside the graph are squared Euclidean (`squaredDistance`); cosine works on normalised rows.
/// Search returns exact distances of the rows it finds, so only recall is approximate: tests measure
/// recall@10 against `ExactNeighbors` (≥ 0.95 at the defaults on clustered data).
/// - Complexity: build about O(n · log n · ef_construction · d); memory `n · 2M` links on layer 0 plus
///   about `n / M · M` above.
public struct HNSWIndex: Sendable, Equatable {
    public let options: HNSWOptions
    public let metric: DistanceMetric
    /// The indexed rows (normalised for cosine).
    let data: Matrix<Float>
    /// Link blocks, laid out as `HNSWGraph` describes.
    var links0: [Int32]
    var upperLinks: [Int32]
    var upperOffsets: [Int]
    var levels: [Int32]
    var entryPoint: Int32
    var topLevel: Int

    var maxLinks: Int { options.maxConnections }
    var maxLinks0: Int { 2 * options.maxConnections }

    /// Number of indexed rows.
    public var count: Int { data.rows }

    /// Layers above this are never drawn (with M ≥ 2 the chance of exceeding it is below 2⁻⁶⁴).
    static let maximumLevel = 64
    /// Insertions between cancellation checks (a few ms of work).
    static let insertionsPerCheck = 256

    /// Indexes the rows of `reference` (`m×d`). With `threads == 1` rows are inserted in order and the
    /// index is a pure function of the data and `options.seed`; with more threads, blocks of rows are
    /// inserted concurrently under per-node locks (as hnswlib does) and the links depend on timing.
    /// - Throws: `NeighborsError` for an empty or non-finite reference, zero rows under cosine, or options
    ///   out of range; `CancellationError` when `token` trips (checked between blocks of 64 insertions).
    public init(
        _ reference: Matrix<Float>, metric: DistanceMetric = .euclidean, options: HNSWOptions,
        threads: Int = ComputeThreads.count, token: CancellationToken, progress: ProgressReporter? = nil
    ) throws {
        try options.validate()
        try InputValidation.requireNonEmpty(reference, set: "the reference")
        try InputValidation.requireFinite(reference, set: "the reference")
        self.options = options
        self.metric = metric
        data = metric == .cosine ? try reference.rowsNormalized(set: "the reference") : reference
        let n = data.rows
        levels = Array(repeating: 0, count: n)
        upperOffsets = Array(repeating: 0, count: n)
        var generator = SeededGenerator(seed: options.seed)
        let levelScale = 1 / Foundation.log(Double(options.maxConnections))
        var upperSize = 0
        for node in 0..<n {
            // 1 − U lies in (0, 1], so the logarithm is finite; the cap keeps a freak draw harmless.
            let level = min(Int(-Foundation.log(1 - generator.nextUniform()) * levelScale), Self.maximumLevel)
            levels[node] = Int32(level)
            upperOffsets[node] = upperSize
            upperSize += level * (1 + options.maxConnections)
        }
        links0 = Array(repeating: 0, count: n * (1 + 2 * options.maxConnections))
        upperLinks = Array(repeating: 0, count: max(1, upperSize))
        entryPoint = 0
        topLevel = Int(levels[0])
        let entry = EntryPoint(node: 0, level: topLevel)
        let builder = Builder(levels: levels, options: options, entry: entry)
        let workers = max(1, min(threads, n / Self.nodesPerTask))
        try data.withUnsafeBufferPointer { vectors in
            try links0.withUnsafeMutableBufferPointer { links0 in
                try upperLinks.withUnsafeMutableBufferPointer { upper in
                    try upperOffsets.withUnsafeBufferPointer { offsets in
                        var graph = HNSWGraph(
                            vectors: vectors.baseAddress!, dimension: data.columns, links0: links0.baseAddress!,
                            upper: upper.baseAddress!, upperOffsets: offsets.baseAddress!,
                            maxLinks: options.maxConnections, maxLinks0: 2 * options.maxConnections)
                        if workers > 1 { graph.locks = NodeLocks(count: n) }
                        // Writes go through the graph's pointers, to disjoint nodes or under their locks.
                        nonisolated(unsafe) let shared = graph
                        _ = try mapBlocks(
                            count: n, blockSize: Self.nodesPerTask, token: token, threads: workers,
                            workerState: { GraphSearch(nodeCount: n, maxLinks: 2 * options.maxConnections) }
                        ) { search, nodes in
                            for node in nodes where node > 0 { builder.insert(node, into: shared, search: &search) }
                            progress?.advance(by: nodes.count)
                        }
                    }
                }
            }
        }
        (entryPoint, topLevel) = entry.current.withLock { (Int32($0.node), $0.level) }
    }

    /// Nodes per parallel task while building; with one thread the rows are inserted in order.
    static let nodesPerTask = 64

    /// The entry node and top layer, shared by inserting threads.
    final class EntryPoint: Sendable {
        let current: Mutex<(node: Int, level: Int)>
        /// Held for the whole insertion of a node that raises the top layer, as hnswlib does.
        let raising = Mutex<Void>(())

        init(node: Int, level: Int) { current = Mutex((node, level)) }
    }

    /// Read access to the graph; the pointers must not escape `body`.
    func withGraph<R>(_ body: (HNSWGraph) throws -> R) rethrows -> R {
        try data.withUnsafeBufferPointer { vectors in
            try links0.withUnsafeBufferPointer { links0 in
                try upperLinks.withUnsafeBufferPointer { upper in
                    try upperOffsets.withUnsafeBufferPointer { offsets in
                        // Search never writes; the mutable type is shared with the builder.
                        try body(HNSWGraph(
                            vectors: vectors.baseAddress!, dimension: data.columns,
                            links0: UnsafeMutablePointer(mutating: links0.baseAddress!),
                            upper: UnsafeMutablePointer(mutating: upper.baseAddress!), upperOffsets: offsets.baseAddress!,
                            maxLinks: maxLinks, maxLinks0: maxLinks0))
                    }
                }
            }
        }
    }

    /// Insertion (the paper's Algorithm 1) and link selection (Algorithm 4).
    struct Builder: Sendable {
        let levels: [Int32]
        let options: HNSWOptions
        let entry: EntryPoint

        func insert(_ node: Int, into graph: HNSWGraph, search: inout GraphSearch) {
            let level = Int(levels[node])
            var start = entry.current.withLock { $0 }
            if level > start.level {
                // Hold the raise lock throughout, so two nodes cannot both become the entry point.
                entry.raising.withLock { _ in
                    start = entry.current.withLock { $0 }
                    link(node, level: level, from: start, into: graph, search: &search)
                    entry.current.withLock { current in
                        if level > current.level { current = (node, level) }
                    }
                }
            } else {
                link(node, level: level, from: start, into: graph, search: &search)
            }
        }

        private func link(
            _ node: Int, level: Int, from start: (node: Int, level: Int), into graph: HNSWGraph,
            search: inout GraphSearch
        ) {
            let query = graph.vector(node)
            var entry = (node: start.node, distance: graph.distance(query, start.node))
            if start.level > level {
                for layer in stride(from: start.level, to: level, by: -1) {
                    entry = graph.greedyStep(query, from: entry.node, distance: entry.distance, level: layer)
                }
            }
            var entries = [(distance: entry.distance, node: Int32(entry.node))]
            // Every layer is searched and the node's own lists written BEFORE any other node links to it.
            // Linking layer by layer (as the paper's Algorithm 1 reads) published a node on layer l + 1 while
            // its layer-l list was still empty: another thread would take it as a layer-l entry, link to it and
            // append to its list, which this thread then overwrote (orphaning that node), or this node's own
            // search would find itself (a self link, after which the heuristic kept nothing else). Appends on
            // layer l touch only layer-l lists, so with one thread the links are the same as layer by layer.
            var chosenByLayer: [[Int32]] = []
            for layer in stride(from: min(level, start.level), through: 0, by: -1) {
                let found = search.searchLayer(
                    graph, query: query, entries: entries, breadth: options.constructionBreadth, level: layer)
                let chosen = Self.selectNeighbors(found, limit: options.maxConnections, graph: graph).map(\.node)
                if let locks = graph.locks {
                    locks.withLock(node) { graph.setNeighbors(of: node, level: layer, to: chosen) }
                } else {
                    graph.setNeighbors(of: node, level: layer, to: chosen)
                }
                chosenByLayer.append(chosen)
                entries = found
            }
            var current: [Int32] = []
            for (layer, chosen) in zip(stride(from: min(level, start.level), through: 0, by: -1), chosenByLayer) {
                let limit = layer == 0 ? graph.maxLinks0 : graph.maxLinks
                for neighbor in chosen.map(Int.init) {
                    let addLink = {
                        current.removeAll(keepingCapacity: true)
                        current.append(contentsOf: graph.neighbors(of: neighbor, level: layer))
                        if current.count < limit {
                            current.append(Int32(node))
                            graph.setNeighbors(of: neighbor, level: layer, to: current)
                        } else {
                            // Full: keep the best `limit` of the old links plus the new node, by the heuristic.
                            let origin = graph.vector(neighbor)
                            var candidates = current.map { (distance: graph.distance(origin, Int($0)), node: $0) }
                            candidates.append((graph.distance(origin, node), Int32(node)))
                            candidates.sort(by: NearestFirstHeap.before)
                            graph.setNeighbors(
                                of: neighbor, level: layer,
                                to: Self.selectNeighbors(candidates, limit: limit, graph: graph).map(\.node))
                        }
                    }
                    if let locks = graph.locks { locks.withLock(neighbor, addLink) } else { addLink() }
                }
            }
        }

        /// hnswlib's `getNeighborsByHeuristic2`: walking `candidates` nearest first, keep one only if it is
        /// closer to the query than to every neighbour kept so far, up to `limit`.
        static func selectNeighbors(
            _ candidates: [(distance: Float, node: Int32)], limit: Int, graph: HNSWGraph
        ) -> [(distance: Float, node: Int32)] {
            guard candidates.count > limit else { return candidates }
            var kept: [(distance: Float, node: Int32)] = []
            kept.reserveCapacity(limit)
            for candidate in candidates {
                let vector = graph.vector(Int(candidate.node))
                let isDiverse = kept.allSatisfy { graph.distance(vector, Int($0.node)) > candidate.distance }
                if isDiverse { kept.append(candidate) }
                if kept.count == limit { break }
            }
            return kept
        }
    }

    // MARK: - Search

    /// The (approximately) k nearest indexed rows of every row of `queries`, nearest first, ties by index.
    ///
    /// - Parameters: `breadth` is `ef` (default `options.searchBreadth`, raised to k).
    /// - Throws: `NeighborsError` for bad k, width mismatch, NaN/∞ or (cosine) zero rows.
    public func search(
        _ queries: Matrix<Float>, k: Int, breadth: Int? = nil, token: CancellationToken
    ) throws -> NeighborList {
        try InputValidation.requireNonEmpty(queries, set: "the queries")
        try InputValidation.requireMatchingColumns(queries, data)
        try InputValidation.requireNeighborCount(k, available: count, set: "the indexed reference")
        try InputValidation.requireFinite(queries, set: "the queries")
        let prepared = metric == .cosine ? try queries.rowsNormalized(set: "the queries") : queries
        let ef = max(k, breadth ?? options.searchBreadth)
        let blocks = try mapBlocks(
            count: prepared.rows, blockSize: Self.queriesPerTask, token: token,
            workerState: { GraphSearch(nodeCount: count, maxLinks: maxLinks0) }
        ) { search, rows in
            var indices: [Int32] = []
            var distances: [Float] = []
            withGraph { graph in
                prepared.withUnsafeBufferPointer { queryValues in
                    let d = prepared.columns
                    for row in rows {
                        let query = UnsafeBufferPointer(rebasing: queryValues[(row * d)..<((row + 1) * d)])
                        let found = nearest(to: query, k: k, breadth: ef, graph: graph, search: &search)
                        indices += found.map(\.node)
                        distances += found.map(\.distance)
                    }
                }
            }
            return (indices, distances)
        }
        var list = NeighborList(
            queryCount: prepared.rows, k: k, indices: blocks.flatMap(\.0), distances: blocks.flatMap(\.1))
        ExactNeighbors.convertSquaredDistances(&list, metric: metric)
        return list
    }

    /// Each indexed row's k nearest OTHER indexed rows (itself excluded by index, duplicates kept), from a
    /// search for k + 1; when a row does not find itself, its farthest hit is dropped instead.
    public func searchWithin(k: Int, breadth: Int? = nil, token: CancellationToken) throws -> NeighborList {
        try InputValidation.requireNeighborCount(k, available: count - 1, set: "the indexed reference (itself excluded)")
        let found = try search(data, k: k + 1, breadth: breadth.map { max($0, k + 1) }, token: token)
        var indices: [Int32] = []
        var distances: [Float] = []
        indices.reserveCapacity(count * k)
        distances.reserveCapacity(count * k)
        for row in 0..<count {
            let own = found.indices(ofRow: row).firstIndex(of: Int32(row)) ?? (row * (k + 1) + k)
            for slot in (row * (k + 1))..<((row + 1) * (k + 1)) where slot != own {
                indices.append(found.indices[slot])
                distances.append(found.distances[slot])
            }
        }
        // Distances were already converted by `search`; rows were normalised at build time for cosine.
        return NeighborList(queryCount: count, k: k, indices: indices, distances: distances)
    }

    /// Query rows per parallel task: enough work per task that scheduling is noise.
    static let queriesPerTask = 64

    func nearest(
        to query: UnsafeBufferPointer<Float>, k: Int, breadth: Int, graph: HNSWGraph, search: inout GraphSearch
    ) -> [(distance: Float, node: Int32)] {
        var entry = (node: Int(entryPoint), distance: graph.distance(query, Int(entryPoint)))
        for layer in stride(from: topLevel, to: 0, by: -1) {
            entry = graph.greedyStep(query, from: entry.node, distance: entry.distance, level: layer)
        }
        let found = search.searchLayer(
            graph, query: query, entries: [(entry.distance, Int32(entry.node))], breadth: breadth, level: 0)
        guard found.count >= k else { return Self.scanAll(query, k: k, graph: graph, count: count) }
        return Array(found.prefix(k))
    }

    /// The exact k nearest of all `count` nodes, for a query whose reachable part of layer 0 holds fewer
    /// than k nodes. The parallel-build race that once caused this is fixed (`link`), but HNSW itself does
    /// not promise reachability: the heuristic may prune a node's last in-link, and on well-separated
    /// clusters a sequential build can cut off whole clusters on layer 0 (268 of 800 nodes in one of 300
    /// sequential builds of 6 clusters at M = 8, ef_construction = 16), and a restored snapshot may be cut
    /// anywhere. O(count · d).
    static func scanAll(
        _ query: UnsafeBufferPointer<Float>, k: Int, graph: HNSWGraph, count: Int
    ) -> [(distance: Float, node: Int32)] {
        var kept = FarthestFirstHeap()
        for node in 0..<count {
            let distance = graph.distance(query, node)
            if kept.count < k || NearestFirstHeap.before((distance, Int32(node)), kept.top) {
                kept.push(distance, Int32(node))
                if kept.count > k { kept.pop() }
            }
        }
        return kept.drainAscending()
    }
}
