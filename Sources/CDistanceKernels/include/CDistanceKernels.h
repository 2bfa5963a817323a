#ifndef C_DISTANCE_KERNELS_H
#define C_DISTANCE_KERNELS_H

#include <sched.h>
#include <stddef.h>
#include <stdint.h>

/// ‖x − y‖² over `count` floats, with AVX-512, AVX2 or SSE picked at load time (target_clones).
/// Summation order is fixed and FMA contraction is off, so every variant returns the same bits.
float cdk_squared_l2(const float *x, const float *y, size_t count);

/// `out[i] = ‖query − base[rows[i]]‖²` for `count` rows of `base` (`dimension` floats each): one call per
/// visited link list instead of one per link (the calls went through the ifunc's PLT slot). Same bits as
/// `cdk_squared_l2` on each pair.
void cdk_squared_l2_rows(
    const float *query, const float *base, size_t dimension, const int32_t *rows, size_t count, float *out);

/// Hints the cache to fetch the line holding `address` (hnswlib prefetches the next link's vector).
static inline void cdk_prefetch(const void *address) { __builtin_prefetch(address, 0, 3); }

/// Spins before yielding the core: a holder keeps a node's lock for a list copy (tens of ns) or one
/// heuristic prune (a few µs), so a waiter usually gets it spinning; on an oversubscribed machine the
/// holder may be descheduled, and then only yielding lets it finish.
#define CDK_SPINS_BEFORE_YIELD 256

/// Takes a one-byte lock (0 free, 1 held): test-and-test-and-set, acquire ordering. Atomics are what
/// ThreadSanitizer tracks, so it still sees the happens-before edges of every list read and write.
static inline void cdk_spin_lock(uint8_t *lock) {
    int spins = 0;
    while (__atomic_exchange_n(lock, 1, __ATOMIC_ACQUIRE)) {
        while (__atomic_load_n(lock, __ATOMIC_RELAXED)) {
            if (++spins < CDK_SPINS_BEFORE_YIELD) {
#if defined(__x86_64__) || defined(__i386__)
                __builtin_ia32_pause();
#endif
            } else {
                sched_yield();
                spins = 0;
            }
        }
    }
}

/// Releases a lock taken by `cdk_spin_lock` (release ordering).
static inline void cdk_spin_unlock(uint8_t *lock) { __atomic_store_n(lock, 0, __ATOMIC_RELEASE); }

#endif
