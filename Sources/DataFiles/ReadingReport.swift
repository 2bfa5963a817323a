import Foundation

/// What a read noticed without failing (`notes`, e.g. a dropped pandas index column), and values that
/// change when narrowed to float32, counted while a file is read: modescope stores float32,
/// so an `f8` value beyond ±3.4028235e38 would silently become ±Inf (and later be reported as a NaN/Inf
/// *in the file*), and one below half float32's smallest subnormal (|x| < 7.0e-46) becomes 0.
///
/// Overflow refuses the load (`overflowError`); underflow is only noted (`notes`), since 0 is the
/// closest float32 and analysis is unaffected.
final class ReadingReport {
    /// Complete sentences for the user, without the path (`notes(path:)` adds it).
    var notes: [String] = []
    private(set) var overflowCount = 0
    /// Row-major element index of the first overflowing value in the dataset (smallest index).
    private(set) var firstOverflowIndex: Int?
    private(set) var underflowCount = 0

    func addOverflow(at index: Int) {
        overflowCount += 1
        firstOverflowIndex = min(firstOverflowIndex ?? index, index)
    }

    func addUnderflow(_ count: Int = 1) { underflowCount += count }

    /// Scans `count` doubles packed at `source` (byte order as `type`), adding overflows with their
    /// dataset index `destinationIndex(i)`. Cost: one comparison per value, run only for `f8` into float32.
    func scanDoubles(
        _ source: UnsafeRawPointer, count: Int, bigEndian: Bool, destinationIndex: (Int) -> Int
    ) {
        // Fast pass on the magnitude bits (max/min reductions, which vectorise): only a block holding
        // |x| ≥ 2¹²⁷, 0 < |x| < 2⁻¹⁴⁹ or NaN/Inf needs the exact per-value check below; real features never do.
        let large: UInt64 = 0x47E0_0000_0000_0000  // 2¹²⁷ as float64 bits
        let tiny: UInt64 = 0x36A0_0000_0000_0000  // 2⁻¹⁴⁹, float32's smallest subnormal
        var largest: UInt64 = 0
        var smallestNonzero = UInt64.max  // of |x| − 1 in bits, so 0 wraps to the maximum and never counts
        for i in 0..<count {
            let raw = source.loadUnaligned(fromByteOffset: i * 8, as: UInt64.self)
            let magnitude = (bigEndian ? UInt64(bigEndian: raw) : UInt64(littleEndian: raw)) & ~(1 << 63)
            largest = max(largest, magnitude)
            smallestNonzero = min(smallestNonzero, magnitude &- 1)
        }
        let suspicious = largest >= large || smallestNonzero < tiny - 1
        guard suspicious else { return }
        for i in 0..<count {
            let raw = source.loadUnaligned(fromByteOffset: i * 8, as: UInt64.self)
            let value = Double(bitPattern: bigEndian ? UInt64(bigEndian: raw) : UInt64(littleEndian: raw))
            // Exactly the values whose float32 rounding changes their class: finite → ±Inf, nonzero → 0.
            let narrowed = Float(value)
            if narrowed.isInfinite, value.isFinite {
                addOverflow(at: destinationIndex(i))
            } else if narrowed == 0, value != 0 {
                underflowCount += 1
            }
        }
    }

    /// The refusal for overflowing values, naming the count and the first row and column; nil when none.
    func overflowError(path: String, columns: Int) -> DataFileError? {
        guard overflowCount > 0, let first = firstOverflowIndex else { return nil }
        let columns = max(columns, 1)
        return DataFileError(
            path: path,
            message:
                "\(overflowCount) value\(overflowCount == 1 ? "" : "s") beyond float32's range (|x| > 3.4028235e38; first in row \(first / columns), "
                + "column \(first % columns)); modescope stores float32: rescale or clip them before saving")
    }

    /// Notes for the user, each starting with `path`: what the reader noted, and values that became 0.
    func notes(path: String) -> [String] {
        let noted = notes.map { "\(path): \($0)" }
        guard underflowCount > 0 else { return noted }
        return noted + [
            "\(path): \(underflowCount) value\(underflowCount == 1 ? "" : "s") too small for float32 (|x| < 7e-46) became 0; modescope stores float32"
        ]
    }
}
