import LinearAlgebra

/// Pointers into an HNSW index's storage for the duration of a build or a search: the vectors and the
/// fixed-size link blocks. Every block is allocated up front (layers are drawn before any insertion), so
/// no pointer moves while the graph is in use. Writes happen only during the sequential build.
struct HNSWGraph {
    let vectors: UnsafePointer<Float>
    let dimension: Int
    /// Per node and layer a block `[count, id₀, id₁, …]`: layer 0 at `node·(1 + maxLinks0)`, layer l ≥ 1 at
    /// `upperOffsets[node] + (l − 1)·(1 + maxLinks)` in `upper`.
    let links0: UnsafeMutablePointer<Int32>
    let upper: UnsafeMutablePointer<Int32>
    let upperOffsets: UnsafePointer<Int>
    let maxLinks: Int
    let maxLinks0: Int
    /// Present while several threads insert: every link read and write then takes the node's lock.
    var locks: NodeLocks?

    @inline(__always) func vector(_ node: Int) -> UnsafeBufferPointer<Float> {
        UnsafeBufferPointer(start: vectors + node * dimension, count: dimension)
    }

    @inline(__always) func distance(_ query: UnsafeBufferPointer<Float>, _ node: Int) -> Float {
        // Every query reaching the graph has `dimension` values (checked by `search`, rows of `data` otherwise).
        fastSquaredDistance(query.baseAddress!, vectors + node * dimension, count: dimension)
    }

    @inline(__always) func block(of node: Int, level: Int) -> UnsafeMutablePointer<Int32> {
        level == 0
            ? links0 + node * (1 + maxLinks0)
            : upper + upperOffsets[node] + (level - 1) * (1 + maxLinks)
    }

    @inline(__always) func neighbors(of node: Int, level: Int) -> UnsafeBufferPointer<Int32> {
        let block = block(of: node, level: level)
        return UnsafeBufferPointer(start: block + 1, count: Int(block[0]))
    }

    /// The links of `node` on `level` copied into `buffer`, under the node's lock when building in parallel.
    @inline(__always) func copyNeighbors(of node: Int, level: Int, into buffer: inout [Int32]) {
        buffer.removeAll(keepingCapacity: true)
        if let locks {
            locks.withLock(node) { buffer.append(contentsOf: neighbors(of: node, level: level)) }
        } else {
            buffer.append(contentsOf: neighbors(of: node, level: level))
        }
    }

    /// Warms every cache line of a link block (132 bytes at M = 16 on layer 0, so up to three lines).
    @inline(__always) func prefetchBlock(of node: Int, level: Int) {
        let block = block(of: node, level: level)
        let last = level == 0 ? maxLinks0 : maxLinks
        for offset in stride(from: 0, to: last, by: 16) { prefetch(block + offset) }
        prefetch(block + last)
    }

    /// Calls `body` with the links of `node` on `level`: in place when no other thread writes, else a copy
    /// taken under the node's lock into `scratch` (so a search reads no half-written block).
    @inline(__always) func withNeighbors(
        of node: Int, level: Int, scratch: inout [Int32], _ body: (UnsafeBufferPointer<Int32>) -> Void
    ) {
        if locks == nil { return body(neighbors(of: node, level: level)) }
        copyNeighbors(of: node, level: level, into: &scratch)
        scratch.withUnsafeBufferPointer(body)
    }

    func setNeighbors(of node: Int, level: Int, to nodes: [Int32]) {
        let block = block(of: node, level: level)
        block[0] = Int32(nodes.count)
        for (offset, neighbor) in nodes.enumerated() { block[1 + offset] = neighbor }
    }

    /// Greedy descent on one upper layer: move to a closer neighbour until none is closer.
    func greedyStep(
        _ query: UnsafeBufferPointer<Float>, from start: Int, distance startDistance: Float, level: Int
    ) -> (node: Int, distance: Float) {
        var current = start
        var best = startDistance
        var improved = true
        var scratch: [Int32] = []
        while improved {
            improved = false
            let from = current
            withNeighbors(of: from, level: level, scratch: &scratch) { links in
                for neighbor in links {
                    let candidate = distance(query, Int(neighbor))
                    if candidate < best || (candidate == best && Int(neighbor) < current) {
                        best = candidate
                        current = Int(neighbor)
                        improved = true
                    }
                }
            }
        }
        return (current, best)
    }
}

/// Scratch state of one best-first search (Algorithm 2): the visited marks, reused across searches by
/// bumping a generation number instead of clearing.
struct GraphSearch {
    var visited: [UInt32]
    var generation: UInt32 = 0
    var candidates = NearestFirstHeap()
    var results = FarthestFirstHeap()
    var links: [Int32] = []

    init(nodeCount: Int) { visited = Array(repeating: 0, count: nodeCount) }

    /// The `breadth` nearest nodes reachable on `level` from `entries`, nearest first (ties by node).
    mutating func searchLayer(
        _ graph: HNSWGraph, query: UnsafeBufferPointer<Float>, entries: [(distance: Float, node: Int32)],
        breadth: Int, level: Int
    ) -> [(distance: Float, node: Int32)] {
        generation &+= 1
        if generation == 0 {
            for node in visited.indices { visited[node] = 0 }
            generation = 1
        }
        candidates.removeAll()
        results.removeAll()
        let generation = generation
        visited.withUnsafeMutableBufferPointer { visited in
            for entry in entries {
                visited[Int(entry.node)] = generation
                candidates.push(entry.distance, entry.node)
                results.push(entry.distance, entry.node)
                if results.count > breadth { results.pop() }
            }
            while !candidates.isEmpty {
                let current = candidates.pop()
                if results.count >= breadth && current.distance > results.top.distance { break }
                graph.withNeighbors(of: Int(current.node), level: level, scratch: &links) { links in
                    // As hnswlib does: fetch the next link's vector and visited mark while this one is measured.
                    if let first = links.first {
                        prefetch(visited.baseAddress! + Int(first))
                        prefetch(graph.vectors + Int(first) * graph.dimension)
                    }
                    for (offset, neighbor) in links.enumerated() {
                        if offset + 1 < links.count {
                            let next = Int(links[offset + 1])
                            prefetch(visited.baseAddress! + next)
                            prefetch(graph.vectors + next * graph.dimension)
                        }
                        let node = Int(neighbor)
                        guard visited[node] != generation else { continue }
                        visited[node] = generation
                        let distance = graph.distance(query, node)
                        if results.count < breadth || NearestFirstHeap.before((distance, neighbor), results.top) {
                            // Its links are read when it is popped; hnswlib gets this for free by storing
                            // links beside the vector just measured.
                            graph.prefetchBlock(of: node, level: level)
                            graph.locks?.prefetchLock(node)
                            candidates.push(distance, neighbor)
                            results.push(distance, neighbor)
                            if results.count > breadth { results.pop() }
                        }
                    }
                }
            }
        }
        return results.drainAscending()
    }
}
