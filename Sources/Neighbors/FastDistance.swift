import CDistanceKernels

/// `‖x − y‖²` through the C kernel that uses AVX-512 or AVX2 when the CPU has them (Sources/CDistanceKernels):
/// about 2× faster than `LinearAlgebra.squaredDistance` inside HNSW's graph search at d = 64. Summation
/// order differs from that Swift path, so results agree to float rounding: relative 1e-5 (tested).
/// `x` and `y` must have equal counts (callers pass rows of the same matrix or a checked query).
@inline(__always) func fastSquaredDistance(_ x: UnsafePointer<Float>, _ y: UnsafePointer<Float>, count: Int) -> Float {
    cdk_squared_l2(x, y, count)
}

/// Asks the cache for the line at `address` ahead of its use; a hint only, never faults.
@inline(__always) func prefetch(_ address: UnsafeRawPointer) {
    cdk_prefetch(address)
}
