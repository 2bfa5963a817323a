import LinearAlgebra
import Testing

@testable import Neighbors

/// The C distance kernel (AVX-512/AVX2/SSE clone, whichever this CPU runs) against the Swift reference path
/// `LinearAlgebra.squaredDistance` and against closed forms, at widths around the 16-lane block and its tail.
@Suite struct FastDistanceTests {
    /// Widths that exercise: empty, tail only, one block, block + tail, HNSW's d = 64, a large d.
    static let widths = [0, 1, 3, 15, 16, 17, 31, 64, 100, 2048]

    @Test(arguments: widths) func matchesTheSwiftPathToFloatRounding(width: Int) {
        var state: UInt64 = 0x9E37_79B9_7F4A_7C15 &+ UInt64(width)
        func next() -> Float {
            state = state &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Float(Int64(bitPattern: state >> 11) % 2001 - 1000) / 100
        }
        let x = (0..<width).map { _ in next() }
        let y = (0..<width).map { _ in next() }
        let fast = x.withUnsafeBufferPointer { x in
            y.withUnsafeBufferPointer { y in
                fastSquaredDistance(x.baseAddress ?? UnsafePointer(bitPattern: 16)!, y.baseAddress ?? UnsafePointer(bitPattern: 16)!, count: width)
            }
        }
        let reference = x.withUnsafeBufferPointer { x in y.withUnsafeBufferPointer { y in squaredDistance(x, y) } }
        // Tolerance: both sum ≤ 2048 non-negative terms in float, in different orders (≈ d·2⁻²⁴ relative).
        #expect(abs(fast - reference) <= 1e-5 * max(1, reference), "d=\(width): \(fast) vs \(reference)")
        if width == 0 { #expect(fast == 0) }
    }

    @Test func exactOnIntegerRows() {
        // x = (0, 1, …, 63), y = 0: Σ i² = 63·64·127/6 = 85344, exact in float at every step.
        let x = (0..<64).map(Float.init)
        let y = [Float](repeating: 0, count: 64)
        let value = x.withUnsafeBufferPointer { x in
            y.withUnsafeBufferPointer { y in fastSquaredDistance(x.baseAddress!, y.baseAddress!, count: 64) }
        }
        #expect(value == 85344)
        // Symmetric, and zero from a row to itself.
        let back = x.withUnsafeBufferPointer { x in
            y.withUnsafeBufferPointer { y in fastSquaredDistance(y.baseAddress!, x.baseAddress!, count: 64) }
        }
        #expect(back == 85344)
        let own = x.withUnsafeBufferPointer { fastSquaredDistance($0.baseAddress!, $0.baseAddress!, count: 64) }
        #expect(own == 0)
    }
}

/// The batched kernel HNSW's search loop calls: the same bits as the single call on every pair, for rows
/// picked in any order (repeats included) and at every width the single kernel is tested at.
@Suite struct FastDistanceBatchTests {
    @Test(arguments: FastDistanceTests.widths) func batchEqualsSingleCallsBitForBit(width: Int) {
        let rowCount = 7
        let base = (0..<(rowCount * width)).map { Float(($0 * 37) % 101) / 7 - 5 }
        let query = (0..<width).map { Float(($0 * 13) % 29) / 3 - 4 }
        let rows: [Int32] = [6, 0, 3, 3, 1, 5]
        var batch = [Float](repeating: -1, count: rows.count)
        let dummy = UnsafePointer<Float>(bitPattern: 16)!
        query.withUnsafeBufferPointer { query in
            base.withUnsafeBufferPointer { base in
                rows.withUnsafeBufferPointer { rows in
                    batch.withUnsafeMutableBufferPointer { out in
                        fastSquaredDistances(
                            from: query.baseAddress ?? dummy, toRows: rows.baseAddress!, count: rows.count,
                            of: base.baseAddress ?? dummy, dimension: width, into: out.baseAddress!)
                    }
                }
            }
        }
        for (slot, row) in rows.enumerated() {
            let single = query.withUnsafeBufferPointer { query in
                base.withUnsafeBufferPointer { base in
                    fastSquaredDistance(
                        query.baseAddress ?? dummy, (base.baseAddress ?? dummy) + Int(row) * width, count: width)
                }
            }
            #expect(batch[slot].bitPattern == single.bitPattern, "d=\(width) row \(row): \(batch[slot]) vs \(single)")
            if width == 0 { #expect(batch[slot] == 0) }
        }
    }
}
