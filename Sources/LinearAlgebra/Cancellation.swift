import Synchronization

/// A flag that long-running work polls between blocks so Ctrl-C can stop it.
///
/// Setting it is async-signal-safe (one lock-free atomic store), so a SIGINT handler may call `cancel()`.
/// Work checks it with `try token.checkCancellation()` at least every ~50 ms of computation; the one
/// exception is a single LAPACK call, which cannot be interrupted and is checked around.
public final class CancellationToken: Sendable {
    private let flag = Atomic<Bool>(false)

    public init() {}

    /// The token that the process's SIGINT handler trips; commands run under it by default.
    public static let interrupt = CancellationToken()

    public var isCancelled: Bool { flag.load(ordering: .relaxed) }

    public func cancel() { flag.store(true, ordering: .relaxed) }

    /// Clears the flag; the shell does this before each command so an idle Ctrl-C cancels nothing.
    public func reset() { flag.store(false, ordering: .relaxed) }

    /// Throws `CancellationError` once the token has been tripped.
    public func checkCancellation() throws(CancellationError) {
        if isCancelled { throw CancellationError() }
    }
}

/// Thrown by work that stopped because its `CancellationToken` was tripped.
public struct CancellationError: Error, Sendable, Equatable, CustomStringConvertible {
    public init() {}
    public var description: String { "interrupted" }
}
