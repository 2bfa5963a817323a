/// One bounded candidate heap per row of a set, in flat storage: the `capacity` smallest (value, index)
/// pairs offered to each row, ties by the smaller index (the order of `SmallestValues`, so the kept set
/// does not depend on the order pairs arrive in).
///
/// Why not `[SmallestValues<Float>]`: the symmetric tile scan screens a run of 16 *columns* at once
/// against 16 different heaps, which needs their thresholds side by side in one array; and 8-byte pairs
/// (Int32 index) halve the footprint of n heaps.
///
/// Not synchronised: concurrent callers must touch disjoint rows (`SymmetricSearch`'s schedule
/// guarantees it), hence `@unchecked Sendable`.
/// - Complexity: memory `rowCount · capacity · 8` bytes plus `8 · rowCount`; `insert` O(log capacity).
final class CandidateHeaps: @unchecked Sendable {
    let rowCount: Int
    let capacity: Int
    /// Per row: the largest kept value once the heap is full, +∞ before. A value above it cannot enter.
    let thresholds: UnsafeMutablePointer<Float>
    /// Per row, `capacity` slots of `key(value, index)`: one integer compare orders pairs, which keeps the
    /// sift loops free of the unpredictable two-part comparison (measured: inserts ≈ 15 % of the search).
    private let keys: UnsafeMutablePointer<UInt64>
    private let counts: UnsafeMutablePointer<Int32>

    /// - Precondition: `rowCount ≥ 0`, `capacity ≥ 1` (programming errors otherwise).
    init(rowCount: Int, capacity: Int) {
        precondition(rowCount >= 0 && capacity >= 1, "CandidateHeaps needs rowCount ≥ 0 and capacity ≥ 1")
        self.rowCount = rowCount
        self.capacity = capacity
        thresholds = .allocate(capacity: rowCount)
        thresholds.initialize(repeating: .infinity, count: rowCount)
        keys = .allocate(capacity: rowCount * capacity)
        keys.initialize(repeating: 0, count: rowCount * capacity)
        counts = .allocate(capacity: rowCount)
        counts.initialize(repeating: 0, count: rowCount)
    }

    deinit {
        thresholds.deallocate()
        keys.deallocate()
        counts.deallocate()
    }

    func count(ofRow row: Int) -> Int { Int(counts[row]) }

    /// The kept indices of `row`, in heap order (callers re-rank them).
    func indices(ofRow row: Int) -> [Int] {
        (0..<Int(counts[row])).map { Int(UInt32(truncatingIfNeeded: keys[row * capacity + $0])) }
    }

    /// `(value, index)` as one integer ordered like `(value, index)` lexicographically: the value's bits
    /// flipped so unsigned order is float order (negatives reversed), the index below. `+ 0` turns −0
    /// into +0, which compare equal as floats.
    @inline(__always) static func key(_ value: Float, _ index: Int32) -> UInt64 {
        let bits = (value + 0).bitPattern
        let ordered = bits & 0x8000_0000 != 0 ? ~bits : bits | 0x8000_0000
        return UInt64(ordered) << 32 | UInt64(UInt32(bitPattern: index))
    }

    /// The value half of `key`.
    @inline(__always) static func value(ofKey key: UInt64) -> Float {
        let ordered = UInt32(truncatingIfNeeded: key >> 32)
        return Float(bitPattern: ordered & 0x8000_0000 != 0 ? ordered & 0x7FFF_FFFF : ~ordered)
    }

    /// Offers `(value, index)` to `row`'s heap; NaN is never kept.
    @inline(__always) func insert(_ value: Float, index: Int32, row: Int) {
        guard !value.isNaN else { return }
        let key = Self.key(value, index)
        let base = keys + row * capacity
        let count = Int(counts[row])
        if count < capacity {
            siftUp(key, from: count, in: base)
            counts[row] = Int32(count + 1)
            if count + 1 == capacity { thresholds[row] = Self.value(ofKey: base[0]) }
        } else if key < base[0] {
            siftDown(key, in: base)
            thresholds[row] = Self.value(ofKey: base[0])
        }
    }

    /// Moves the hole at `slot` up until `key` fits below its parent (max-heap).
    @inline(__always) private func siftUp(_ key: UInt64, from slot: Int, in heap: UnsafeMutablePointer<UInt64>) {
        var child = slot
        while child > 0 {
            let parent = (child - 1) / 2
            guard heap[parent] < key else { break }
            heap[child] = heap[parent]
            child = parent
        }
        heap[child] = key
    }

    /// Replaces the root by `key` and moves it down to its place.
    @inline(__always) private func siftDown(_ key: UInt64, in heap: UnsafeMutablePointer<UInt64>) {
        var parent = 0
        while true {
            let left = 2 * parent + 1
            guard left < capacity else { break }
            let right = left + 1
            let larger = right < capacity && heap[left] < heap[right] ? right : left
            guard key < heap[larger] else { break }
            heap[parent] = heap[larger]
            parent = larger
        }
        heap[parent] = key
    }
}
