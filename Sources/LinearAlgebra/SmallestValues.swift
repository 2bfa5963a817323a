/// The `capacity` smallest `(value, index)` pairs seen in a stream, ties broken by the smaller index.
///
/// A bounded binary max-heap ordered by `(value, index)`: the root is the worst kept pair, so a new pair
/// is kept only when it beats the root. NaN values are ignored (a distance that is NaN is no neighbour).
/// Use one per query row in kNN.
/// - Complexity: `insert` O(log k), O(1) when the pair is rejected; `sorted()` O(k log k).
public struct SmallestValues<Value: BinaryFloatingPoint & Sendable>: Sendable {
    public let capacity: Int
    @usableFromInline var heap: [(value: Value, index: Int)] = []

    /// - Precondition: `capacity ≥ 0` (a programming error otherwise, as with `Array(repeating:count:)`).
    public init(capacity: Int) {
        precondition(capacity >= 0, "SmallestValues needs a non-negative capacity, got \(capacity)")
        self.capacity = capacity
        heap.reserveCapacity(capacity)
    }

    public var count: Int { heap.count }

    /// The largest kept value, or +∞ while fewer than `capacity` are kept: a pair whose value exceeds it
    /// cannot enter, which lets callers skip work.
    @inlinable public var threshold: Value {
        heap.count < capacity ? .infinity : heap[0].value
    }

    @inlinable static func precedes(_ a: (value: Value, index: Int), _ b: (value: Value, index: Int)) -> Bool {
        a.value < b.value || (a.value == b.value && a.index < b.index)
    }

    /// Offers one pair; keeps it if it is among the `capacity` smallest so far.
    @inlinable public mutating func insert(_ value: Value, index: Int) {
        guard !value.isNaN, capacity > 0 else { return }
        let candidate = (value: value, index: index)
        if heap.count < capacity {
            heap.append(candidate)
            siftUp(from: heap.count - 1)
        } else if Self.precedes(candidate, heap[0]) {
            heap[0] = candidate
            siftDown(from: 0)
        }
    }

    /// Offers `values[i]` with index `firstIndex + i` for every `i`.
    @inlinable public mutating func insert(contentsOf values: UnsafeBufferPointer<Value>, firstIndex: Int = 0) {
        for offset in 0..<values.count where values[offset] <= threshold {
            insert(values[offset], index: firstIndex + offset)
        }
    }

    /// The kept pairs, ascending by value, equal values by ascending index.
    public func sorted() -> [(value: Value, index: Int)] {
        heap.sorted(by: Self.precedes)
    }

    @inlinable mutating func siftUp(from start: Int) {
        var child = start
        while child > 0 {
            let parent = (child - 1) / 2
            guard Self.precedes(heap[parent], heap[child]) else { return }
            heap.swapAt(parent, child)
            child = parent
        }
    }

    @inlinable mutating func siftDown(from start: Int) {
        var parent = start
        while true {
            var largest = parent
            let left = 2 * parent + 1
            if left < heap.count, Self.precedes(heap[largest], heap[left]) { largest = left }
            if left + 1 < heap.count, Self.precedes(heap[largest], heap[left + 1]) { largest = left + 1 }
            if largest == parent { return }
            heap.swapAt(parent, largest)
            parent = largest
        }
    }
}
