import LinearAlgebra

/// Pointers into an HNSW index's storage for the duration of a build or a search: the vectors and the
/// fixed-size link blocks. Every block is allocated up front (layers are drawn before any insertion), so
/// no pointer moves while the graph is in use. Writes happen only during the build: with several threads,
/// under the node's lock in `locks`, and a node's own lists are final before any other list names it.
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

    /// Warms every cache line of a link block (132 bytes at M = 16 on layer 0, so up to three lines).
    @inline(__always) func prefetchBlock(of node: Int, level: Int) {
        let block = block(of: node, level: level)
        let last = level == 0 ? maxLinks0 : maxLinks
        for offset in stride(from: 0, to: last, by: 16) { prefetch(block + offset) }
        prefetch(block + last)
    }

    /// Lines of a row requested ahead of measuring it: a 64-d row is four lines (the hardware fetched only
    /// the first one or two in time); capped so wide rows do not flood the queue with requests.
    static let prefetchedLinesPerRow = 8

    @inline(__always) func prefetchVector(of node: Int) {
        let row = vectors + node * dimension
        for offset in stride(from: 0, to: min(dimension, 16 * Self.prefetchedLinesPerRow), by: 16) {
            prefetch(row + offset)
        }
    }

    /// Calls `body` with the links of `node` on `level`: in place when no other thread writes, else a copy
    /// taken under the node's lock into `scratch` (room for `maxLinks0` ids), so a search reads no
    /// half-written block.
    @inline(__always) func withNeighbors<R>(
        of node: Int, level: Int, scratch: UnsafeMutablePointer<Int32>, _ body: (UnsafeBufferPointer<Int32>) -> R
    ) -> R {
        guard let locks else { return body(neighbors(of: node, level: level)) }
        let count = locks.withLock(node) {
            let block = block(of: node, level: level)
            let count = Int(block[0])
            scratch.update(from: block + 1, count: count)
            return count
        }
        return body(UnsafeBufferPointer(start: scratch, count: count))
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
        let scratch = UnsafeMutablePointer<Int32>.allocate(capacity: maxLinks0)
        defer { scratch.deallocate() }
        while improved {
            improved = false
            let from = current
            withNeighbors(of: from, level: level, scratch: scratch) { links in
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
/// bumping a generation number instead of clearing, and room for one copied link list and its unvisited
/// part.
struct GraphSearch {
    var visited: [UInt32]
    var generation: UInt32 = 0
    var candidates = NearestFirstHeap()
    var results = FarthestFirstHeap()
    /// A copied link list (first `maxLinks` slots), then its unvisited part (the next `maxLinks`).
    var linkScratch: [Int32]
    var freshDistances: [Float]
    let maxLinks: Int

    init(nodeCount: Int, maxLinks: Int) {
        visited = Array(repeating: 0, count: nodeCount)
        linkScratch = Array(repeating: 0, count: 2 * maxLinks)
        freshDistances = Array(repeating: 0, count: maxLinks)
        self.maxLinks = maxLinks
    }

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
            linkScratch.withUnsafeMutableBufferPointer { linkScratch in
                freshDistances.withUnsafeMutableBufferPointer { freshDistances in
                    let visited = visited.baseAddress!, freshDistances = freshDistances.baseAddress!
                    let scratch = linkScratch.baseAddress!, fresh = scratch + maxLinks
                    for entry in entries {
                        visited[Int(entry.node)] = generation
                        candidates.push(entry.distance, entry.node)
                        results.push(entry.distance, entry.node)
                        if results.count > breadth { results.pop() }
                    }
                    while !candidates.isEmpty {
                        let current = candidates.pop()
                        if results.count >= breadth && current.distance > results.top.distance { break }
                        // First the unvisited links, with every line of their rows requested, then the
                        // distances: many misses in flight at once instead of one ahead (faiss does the same).
                        // Visits and pushes keep the link order, so results are those of a one-pass loop.
                        let freshCount = graph.withNeighbors(of: Int(current.node), level: level, scratch: scratch) {
                            links in
                            var count = 0
                            for neighbor in links where visited[Int(neighbor)] != generation {
                                visited[Int(neighbor)] = generation
                                graph.prefetchVector(of: Int(neighbor))
                                fresh[count] = neighbor
                                count += 1
                            }
                            return count
                        }
                        fastSquaredDistances(
                            from: query.baseAddress!, toRows: fresh, count: freshCount, of: graph.vectors,
                            dimension: graph.dimension, into: freshDistances)
                        for slot in 0..<freshCount {
                            let neighbor = fresh[slot]
                            let distance = freshDistances[slot]
                            if results.count < breadth || NearestFirstHeap.before((distance, neighbor), results.top) {
                                // Its links are read when it is popped; hnswlib gets this for free by storing
                                // links beside the vector just measured.
                                graph.prefetchBlock(of: Int(neighbor), level: level)
                                candidates.push(distance, neighbor)
                                results.push(distance, neighbor)
                                if results.count > breadth { results.pop() }
                            }
                        }
                    }
                }
            }
        }
        return results.drainAscending()
    }
}
