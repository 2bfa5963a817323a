import Synchronization

/// Runs work that calls BLAS from several of our own threads at once, with OpenBLAS's pool set to one
/// thread meanwhile (each call then runs in its caller).
///
/// Why: interleaving a multi-threaded `sgemm` per tile with our parallel scans on two cores left
/// OpenBLAS's idle workers spinning in `sched_yield` against the scanners (measured: a third of the
/// time). One tile per worker, GEMM and scan on the same core, avoids both the spin and the hand-off.
/// Only OpenBLAS's own setting changes (never `ComputeThreads.count`, which other code reads); nested or
/// concurrent users share it: the first one in saves OpenBLAS's count, the last one out restores it.
public enum SingleThreadedBLAS {
    private static let state = Mutex<(active: Int, savedBLASThreads: Int32)>((0, 1))

    /// Calls `body` with the thread count our own loops should use (`ComputeThreads.count`).
    public static func run<R>(_ body: (_ threads: Int) throws -> R) throws -> R {
        state.withLock { state in
            if state.active == 0 {
                state.savedBLASThreads = BLAS.threadCount
                BLAS.setThreadCount(1)
            }
            state.active += 1
        }
        defer {
            state.withLock { state in
                state.active -= 1
                if state.active == 0 { BLAS.setThreadCount(state.savedBLASThreads) }
            }
        }
        return try body(ComputeThreads.count)
    }
}
