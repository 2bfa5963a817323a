// The one hot kernel of graph search that Swift cannot vectorise past SSE on the default x86-64 target
// (docs/performance.md, "Nearest neighbours"): written with clang vector types so each clone uses its own
// register width, and tested against LinearAlgebra.squaredDistance.
#include "CDistanceKernels.h"
#include <string.h>

typedef float Lanes16 __attribute__((vector_size(64)));

#pragma clang fp contract(off)

#ifndef __has_feature
#define __has_feature(feature) 0
#endif

// One definition of the sum, inlined into each clone below, so the batch and the single call return the
// same bits for the same pair.
static inline __attribute__((always_inline)) float squared_l2(const float *x, const float *y, size_t count) {
    Lanes16 lanes = {0};
    size_t index = 0;
    for (; index + 16 <= count; index += 16) {
        Lanes16 a, b;
        memcpy(&a, x + index, sizeof a);
        memcpy(&b, y + index, sizeof b);
        Lanes16 difference = a - b;
        lanes += difference * difference;
    }
    // Pairwise, in a fixed order, so the result does not depend on the clone.
    float total = 0;
    for (int width = 8; width >= 1; width /= 2) {
        for (int lane = 0; lane < width; lane++) lanes[lane] += lanes[lane + width];
    }
    total = lanes[0];
    for (; index < count; index++) {
        float difference = x[index] - y[index];
        total += difference * difference;
    }
    return total;
}

// ThreadSanitizer instruments the ifunc resolver that target_clones emits, and the resolver runs before
// the sanitizer's runtime is up (a crash at load time): sanitized builds use the portable variant.
#if defined(__x86_64__) && !__has_feature(thread_sanitizer)
#define CDK_CLONES __attribute__((target_clones("avx512f", "avx2", "default")))
#else
#define CDK_CLONES
#endif

CDK_CLONES float cdk_squared_l2(const float *x, const float *y, size_t count) { return squared_l2(x, y, count); }

CDK_CLONES void cdk_squared_l2_rows(
    const float *query, const float *base, size_t dimension, const int32_t *rows, size_t count, float *out) {
    for (size_t index = 0; index < count; index++) {
        out[index] = squared_l2(query, base + (size_t)rows[index] * dimension, dimension);
    }
}
