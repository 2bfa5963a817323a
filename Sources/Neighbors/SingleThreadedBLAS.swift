import LinearAlgebra
import Synchronization

/// Runs work that calls BLAS from several of our own threads at once, with OpenBLAS's pool set to one
/// thread meanwhile (each call then runs in its caller).
///
/// Why: interleaving a multi-threaded `sgemm` per tile with our parallel scans on two cores left
/// OpenBLAS's idle workers spinning in `sched_yield` against the scanners (measured: a third of the
/// time). One tile per worker, GEMM and scan on the same core, avoids both the spin and the hand-off.
/// Nested or concurrent users share the setting: the first one in saves the count, the last one out
/// restores it.
enum SingleThreadedBLAS {
    private static let state = Mutex<(active: Int, saved: Int)>((0, 0))

    /// Calls `body` with the thread count our own loops should use (the count in effect before).
    static func run<R>(_ body: (_ threads: Int) throws -> R) throws -> R {
        let threads = state.withLock { state -> Int in
            if state.active == 0 { state.saved = ComputeThreads.count }
            state.active += 1
            return state.saved
        }
        if threads > 1 { try? ComputeThreads.set(1) }
        defer {
            let restore: Int? = state.withLock { state in
                state.active -= 1
                return state.active == 0 ? state.saved : nil
            }
            if let restore, restore > 1 { try? ComputeThreads.set(restore) }
        }
        return try body(threads)
    }
}
