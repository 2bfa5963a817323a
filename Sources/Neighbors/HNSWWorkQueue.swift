import Dispatch
import LinearAlgebra
import Synchronization

/// Runs `body` on blocks of `blockSize` consecutive indices of `0..<count`, which up to `threads` workers
/// claim one after another from a shared counter, each worker carrying its own scratch `State` across
/// its blocks; returns one result per block, in block order.
///
/// Unlike `mapBlocks` (a fixed block→worker stride), a worker that the OS deschedules on a busy machine
/// holds up only the block it is in: the HNSW build ran up to ~2× its CPU time in wall-clock under load.
/// With one worker the blocks run in order on the calling thread, so a one-thread HNSW build stays a
/// function of the data and the seed. The token is checked before every block; after cancellation or
/// the first error no new block starts and the error (or `CancellationError`) is rethrown.
func mapClaimedBlocks<State, Result: Sendable>(
    count: Int, blockSize: Int, threads: Int, token: CancellationToken,
    state makeState: @Sendable () -> State, _ body: @Sendable (inout State, Range<Int>) throws -> Result
) throws -> [Result] {
    let blockCount = (count + blockSize - 1) / blockSize
    let range: @Sendable (Int) -> Range<Int> = { block in (block * blockSize)..<min(count, (block + 1) * blockSize) }
    let workers = min(max(1, threads), blockCount)
    if workers <= 1 {
        var state = makeState()
        return try (0..<blockCount).map { block in
            try token.checkCancellation()
            return try body(&state, range(block))
        }
    }
    let slots = UnsafeMutableBufferPointer<Result?>.allocate(capacity: blockCount)
    slots.initialize(repeating: nil)
    defer { slots.deinitialize().deallocate() }
    // Each block index is claimed by exactly one worker, so its slot needs no lock.
    nonisolated(unsafe) let sharedSlots = slots
    let nextBlock = Atomic<Int>(0)
    let firstError = Mutex<(any Error)?>(nil)
    DispatchQueue.concurrentPerform(iterations: workers) { _ in
        var state = makeState()
        while true {
            let block = nextBlock.wrappingAdd(1, ordering: .relaxed).oldValue
            guard block < blockCount, firstError.withLock({ $0 == nil }) else { return }
            do {
                try token.checkCancellation()
                sharedSlots[block] = try body(&state, range(block))
            } catch {
                firstError.withLock { if $0 == nil { $0 = error } }
                return
            }
        }
    }
    if let error = firstError.withLock({ $0 }) { throw error }
    return slots.map { $0! }
}
