import Foundation

/// Asks Linux for transparent huge pages on a large fresh buffer before it is filled, as numpy's
/// allocator does: filling 400 MB of 4 KiB pages costs ~100,000 page faults, which measured here as
/// 0.31 s against 0.09 s for `numpy.load`. Advice only: failure (or another OS) changes nothing.
enum HugePages {
    /// Below this the fault cost is negligible and the buffer may share pages with other allocations.
    static let minimumBytes = 4 << 20
    static let pageBytes = 2 << 20

    static func advise(_ buffer: UnsafeMutableRawBufferPointer) {
        #if os(Linux)
            guard buffer.count >= minimumBytes, let base = buffer.baseAddress else { return }
            // Only whole 2 MiB pages inside the buffer, so no advice touches memory we do not own.
            let start = (UInt(bitPattern: base) + UInt(pageBytes - 1)) & ~UInt(pageBytes - 1)
            let end = (UInt(bitPattern: base) + UInt(buffer.count)) & ~UInt(pageBytes - 1)
            guard end > start, let pointer = UnsafeMutableRawPointer(bitPattern: start) else { return }
            _ = madvise(pointer, Int(end - start), MADV_HUGEPAGE)
        #endif
    }
}
