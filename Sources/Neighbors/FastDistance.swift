import CDistanceKernels

/// `‖x − y‖²` through the C kernel that uses AVX-512 or AVX2 when the CPU has them (Sources/CDistanceKernels):
/// about 2× faster than `LinearAlgebra.squaredDistance` inside HNSW's graph search at d = 64. Summation
/// order differs from that Swift path, so results agree to float rounding: relative 1e-5 (tested).
/// `x` and `y` must have equal counts (callers pass rows of the same matrix or a checked query).
@inline(__always) func fastSquaredDistance(_ x: UnsafePointer<Float>, _ y: UnsafePointer<Float>, count: Int) -> Float {
    cdk_squared_l2(x, y, count)
}

/// `distances[i] = ‖query − row(rows[i])‖²` for `count` rows of the row-major `base` (`dimension` wide), in
/// one C call; each value has the same bits as `fastSquaredDistance` on that pair (tested).
@inline(__always) func fastSquaredDistances(
    from query: UnsafePointer<Float>, toRows rows: UnsafePointer<Int32>, count: Int, of base: UnsafePointer<Float>,
    dimension: Int, into distances: UnsafeMutablePointer<Float>
) {
    cdk_squared_l2_rows(query, base, dimension, rows, count, distances)
}

/// Asks the cache for the line at `address` ahead of its use; a hint only, never faults.
@inline(__always) func prefetch(_ address: UnsafeRawPointer) {
    cdk_prefetch(address)
}
