import Dispatch
import Foundation
import Synchronization

/// The process-wide number of threads for numeric work: OpenBLAS's pool and our own block loops.
///
/// Defaults to the number of active cores; OpenBLAS keeps its own default (the cores, or
/// `OPENBLAS_NUM_THREADS`) until `set(_:)` is first called, which the shell does at start-up. Results of every parallel algorithm here depend on the seed
/// and on the *block size*, never on the thread count, except for BLAS's own last-bit rounding.
public enum ComputeThreads {
    /// Upper bound for `set(_:)`; far above any machine this runs on, it only rejects typos like 8000.
    public static let maximum = 1024

    private static let current = Atomic<Int>(defaultCount)

    private static var defaultCount: Int { max(1, ProcessInfo.processInfo.activeProcessorCount) }

    /// The thread count in effect.
    public static var count: Int { current.load(ordering: .relaxed) }

    /// Sets the thread count for OpenBLAS and for `parallelForBlocks`.
    ///
    /// - Throws: `LinearAlgebraError.invalidArgument` unless `1 ≤ count ≤ maximum`.
    public static func set(_ count: Int) throws(LinearAlgebraError) {
        guard (1...maximum).contains(count) else {
            throw .invalidArgument(
                operation: "thread count", name: "threads", value: "\(count)", requirement: "in 1...\(maximum)")
        }
        current.store(count, ordering: .relaxed)
        BLAS.setThreadCount(Int32(count))
    }
}

/// Runs `body` once per block of `blockSize` consecutive indices of `0..<count` on up to `threads` threads,
/// collecting one result per block **in block order**.
///
/// Block boundaries depend only on `count` and `blockSize`, so per-block work seeded by block index
/// (`SeededGenerator.stream(for:)`) and reductions over the returned array in order are reproducible for
/// any thread count. The token is checked before every block; after cancellation or the first error no
/// new block starts, and the error (or `CancellationError`) is rethrown.
///
/// - Complexity: the blocks' cost divided across `threads`; one `concurrentPerform` per call.
public func mapBlocks<Result: Sendable>(
    count: Int, blockSize: Int, token: CancellationToken, threads: Int = ComputeThreads.count,
    _ body: @Sendable (Range<Int>) throws -> Result
) throws -> [Result] {
    try mapBlocks(count: count, blockSize: blockSize, token: token, threads: threads, workerState: {}) { _, range in
        try body(range)
    }
}

/// `mapBlocks` where each worker carries its own scratch `State` (made once per worker by `workerState`)
/// across the blocks it runs; results must not depend on which worker ran a block.
///
/// Workers claim the next block from a shared counter rather than a fixed stride, so a worker the OS
/// deschedules on a busy machine holds up only the block it is in (the HNSW build ran up to 2× its CPU
/// time in wall-clock under load with a fixed split). With one worker the blocks run in order on the
/// calling thread.
public func mapBlocks<State, Result: Sendable>(
    count: Int, blockSize: Int, token: CancellationToken, threads: Int = ComputeThreads.count,
    workerState makeState: @Sendable () -> State, _ body: @Sendable (inout State, Range<Int>) throws -> Result
) throws -> [Result] {
    guard blockSize > 0 else {
        throw LinearAlgebraError.invalidArgument(
            operation: "block loop", name: "blockSize", value: "\(blockSize)", requirement: "positive")
    }
    guard count > 0 else { return [] }
    let blockCount = (count + blockSize - 1) / blockSize
    let range: @Sendable (Int) -> Range<Int> = { block in (block * blockSize)..<min(count, (block + 1) * blockSize) }
    let workers = min(max(1, threads), blockCount)
    if workers == 1 {
        var state = makeState()
        var results: [Result] = []
        results.reserveCapacity(blockCount)
        for block in 0..<blockCount {
            try token.checkCancellation()
            results.append(try body(&state, range(block)))
        }
        return results
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

/// Runs `body` once per block of `blockSize` consecutive indices of `0..<count`, in parallel; see `mapBlocks`.
///
/// Blocks may run in any order and concurrently: `body` must write only to its own block's output.
public func parallelForBlocks(
    count: Int, blockSize: Int, token: CancellationToken, threads: Int = ComputeThreads.count,
    _ body: @Sendable (Range<Int>) throws -> Void
) throws {
    _ = try mapBlocks(count: count, blockSize: blockSize, token: token, threads: threads, body)
}
