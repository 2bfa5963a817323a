#ifndef C_DISTANCE_KERNELS_H
#define C_DISTANCE_KERNELS_H

#include <stddef.h>

/// ‖x − y‖² over `count` floats, with AVX-512, AVX2 or SSE picked at load time (target_clones).
/// Summation order is fixed and FMA contraction is off, so every variant returns the same bits.
float cdk_squared_l2(const float *x, const float *y, size_t count);

/// Hints the cache to fetch the line holding `address` (hnswlib prefetches the next link's vector).
static inline void cdk_prefetch(const void *address) { __builtin_prefetch(address, 0, 3); }

#endif
