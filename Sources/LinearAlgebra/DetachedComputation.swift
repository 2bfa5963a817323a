import Dispatch
import Foundation

/// Runs one call that cannot be interrupted (a single LAPACK routine) on a thread of its own, so the
/// caller can stop waiting for it when Ctrl-C trips the token.
///
/// The caller waits on a semaphore in slices of `pollInterval` and checks the token between them, so a
/// cancellation is noticed within about 10 ms. On cancellation the caller throws `CancellationError` at
/// once and the call is **abandoned, not stopped**: it runs to completion in the background (up to
/// seconds of CPU for a 4,000×4,000 `syevd`) and its result is dropped. This is safe only because `work`
/// owns everything it touches: it must capture values (copied matrices), never buffers or objects that
/// the caller goes on using. The late result is released with the closure.
enum DetachedComputation {
    /// How often the waiting thread looks at the token: well under the shell's 200 ms Ctrl-C bound.
    static let pollInterval = DispatchTimeInterval.milliseconds(10)

    /// LAPACK and OpenBLAS keep work arrays on the stack for some sizes; Foundation's default for
    /// secondary threads (512 KiB) is less than the 8 MiB a main thread gets.
    static let stackSize = 8 << 20

    /// `work()`, computed on a separate thread while this thread polls `token`.
    ///
    /// - Throws: `CancellationError` as soon as the token is (or already was) tripped.
    static func run<Value: Sendable>(
        polling token: CancellationToken, _ work: @escaping @Sendable () -> Value
    ) throws(CancellationError) -> Value {
        try token.checkCancellation()
        let outcome = Outcome<Value>()
        let thread = Thread {
            WorkerSignals.blockOnCurrentThread()
            outcome.value = work()
            outcome.finished.signal()
        }
        thread.stackSize = stackSize
        thread.start()
        while outcome.finished.wait(timeout: .now() + pollInterval) == .timedOut {
            try token.checkCancellation()
        }
        // The semaphore's signal happens-after the write of `value`, and the worker never touches it again.
        guard let value = outcome.value else { preconditionFailure("detached computation signalled without a value") }
        return value
    }

    /// Shared by the worker and the waiting thread; `value` is written once, before `finished` is signalled,
    /// and read only after a successful wait.
    private final class Outcome<Value>: @unchecked Sendable {
        var value: Value?
        let finished = DispatchSemaphore(value: 0)
    }
}
