// Neighbors — exact blocked k-nearest-neighbour search, the HNSW approximate index, K-means, and the
// memorisation checks built on them (nearest-training-row distances, the C_T data-copying test).
// Exact search streams BLAS distance tiles, keeps a few more candidates than asked, recomputes those
// distances directly and certifies the result against the GEMM rounding bound, so near-duplicates rank
// exactly. K-means (k-means++ seeding, Lloyd iterations) and HNSW build on the same kernels. Every long
// loop polls a `CancellationToken`; memory stays one tile per worker plus the result.
