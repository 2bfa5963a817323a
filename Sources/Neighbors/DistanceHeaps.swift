/// Binary heaps of (squared distance, node) pairs for graph search, non-generic so the hot loops of
/// HNSW compile to plain comparisons. Order ties by node id, so results do not depend on insertion order.
struct NearestFirstHeap {
    private(set) var items: [(distance: Float, node: Int32)] = []

    var isEmpty: Bool { items.isEmpty }
    var count: Int { items.count }
    var top: (distance: Float, node: Int32) { items[0] }

    @inline(__always) static func before(_ a: (distance: Float, node: Int32), _ b: (distance: Float, node: Int32)) -> Bool {
        a.distance < b.distance || (a.distance == b.distance && a.node < b.node)
    }

    mutating func removeAll() { items.removeAll(keepingCapacity: true) }

    mutating func push(_ distance: Float, _ node: Int32) {
        let item = (distance: distance, node: node)
        items.append(item)
        // Sift the hole up, moving parents down, rather than swapping at every level.
        items.withUnsafeMutableBufferPointer { items in
            var child = items.count - 1
            while child > 0 {
                let parent = (child - 1) / 2
                guard Self.before(item, items[parent]) else { break }
                items[child] = items[parent]
                child = parent
            }
            items[child] = item
        }
    }

    @discardableResult mutating func pop() -> (distance: Float, node: Int32) {
        let first = items[0]
        let last = items.removeLast()
        guard !items.isEmpty else { return first }
        items.withUnsafeMutableBufferPointer { items in
            let count = items.count
            var parent = 0
            while true {
                var best = 2 * parent + 1
                guard best < count else { break }
                if best + 1 < count, Self.before(items[best + 1], items[best]) { best += 1 }
                guard Self.before(items[best], last) else { break }
                items[parent] = items[best]
                parent = best
            }
            items[parent] = last
        }
        return first
    }
}

/// The farthest-first twin of `NearestFirstHeap` (a max-heap), for the bounded result list.
struct FarthestFirstHeap {
    private var negated = NearestFirstHeap()

    var isEmpty: Bool { negated.isEmpty }
    var count: Int { negated.count }
    var top: (distance: Float, node: Int32) {
        let item = negated.top
        return (-item.distance, -item.node)
    }

    mutating func removeAll() { negated.removeAll() }
    mutating func push(_ distance: Float, _ node: Int32) { negated.push(-distance, -node) }
    @discardableResult mutating func pop() -> (distance: Float, node: Int32) {
        let item = negated.pop()
        return (-item.distance, -item.node)
    }

    /// The kept pairs, nearest first (ties by node id), leaving the heap empty: popping farthest first
    /// into the back of the array costs no sort and no closure calls.
    mutating func drainAscending() -> [(distance: Float, node: Int32)] {
        let count = count
        return [(distance: Float, node: Int32)](unsafeUninitializedCapacity: count) { buffer, initialized in
            for slot in stride(from: count - 1, through: 0, by: -1) { buffer.initializeElement(at: slot, to: pop()) }
            initialized = count
        }
    }
}
