// Neighbors — exact blocked k-nearest-neighbour search, the HNSW approximate index, and K-means.
// Exact search runs BLAS distance blocks (LinearAlgebra's `forEachSquaredDistanceBlock`), keeps a few
// more candidates than asked, recomputes those distances directly and certifies the result against the
// GEMM rounding bound, so near-duplicates rank exactly. K-means (k-means++ seeding, Lloyd iterations) and
// HNSW build on the same kernels. Every long loop polls a `CancellationToken`; memory stays one block.
