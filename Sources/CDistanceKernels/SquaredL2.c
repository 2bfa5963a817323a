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

// ThreadSanitizer instruments the ifunc resolver that target_clones emits, and the resolver runs before
// the sanitizer's runtime is up (a crash at load time): sanitized builds use the portable variant.
#if defined(__x86_64__) && !__has_feature(thread_sanitizer)
__attribute__((target_clones("avx512f", "avx2", "default")))
#endif
float cdk_squared_l2(const float *x, const float *y, size_t count) {
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
