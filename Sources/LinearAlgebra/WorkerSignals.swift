import Foundation

/// Keeps terminal and job-control signals on the main thread.
///
/// libedit's handler (EL_SIGNAL) dereferences a global that the main thread clears when `el_gets`
/// returns. A terminal hang-up sends SIGHUP and SIGCONT together; Linux hands the second to another thread
/// when the main one already has a signal pending, and the two threads race: 3 crashes in 10 closed
/// terminals before this. Threads that block these signals never run that handler, so every thread we
/// start blocks them; OpenBLAS's pool, started when the library loads, is restarted once with them blocked.
public enum WorkerSignals {
    /// The signals libedit handles while it reads a line, plus SIGINT, which the shell's own handler owns.
    public static let terminalSignals: [Int32] = [SIGHUP, SIGTERM, SIGCONT, SIGWINCH, SIGTSTP, SIGQUIT, SIGINT]

    /// Runs `body` with `terminalSignals` blocked on this thread, so threads it starts inherit the block;
    /// the previous mask is restored afterwards, and a signal that arrived meanwhile is delivered then.
    public static func startingThreads<R, E: Error>(_ body: () throws(E) -> R) throws(E) -> R {
        var previous = sigset_t()
        var blocked = signalSet()
        pthread_sigmask(SIG_BLOCK, &blocked, &previous)
        defer { pthread_sigmask(SIG_SETMASK, &previous, nil) }
        return try body()
    }

    /// Blocks `terminalSignals` on the calling thread for good (a worker thread's first step).
    public static func blockOnCurrentThread() {
        var blocked = signalSet()
        pthread_sigmask(SIG_BLOCK, &blocked, nil)
    }

    /// Stops OpenBLAS's thread pool and starts it again from this thread with `terminalSignals` blocked.
    /// Call it on the main thread at start-up, before any BLAS work. The two entry points are looked up at
    /// run time: a BLAS without them (another build) keeps its pool as it is.
    public static func restartBLASThreads() {
        typealias Entry = @convention(c) () -> Int32
        guard let shutdown = dlsym(nil, "blas_thread_shutdown_"), let start = dlsym(nil, "blas_thread_init") else { return }
        startingThreads {
            _ = unsafeBitCast(shutdown, to: Entry.self)()
            _ = unsafeBitCast(start, to: Entry.self)()
        }
    }

    private static func signalSet() -> sigset_t {
        var set = sigset_t()
        sigemptyset(&set)
        for signal in terminalSignals { sigaddset(&set, signal) }
        return set
    }
}
