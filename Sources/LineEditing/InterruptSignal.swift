import Synchronization

#if canImport(Glibc)
    import Glibc
#elseif canImport(Darwin)
    import Darwin
#endif

/// The process-wide SIGINT handler. It only counts the signal in an atomic and calls the C hook the
/// executable passed (which must itself be async-signal-safe, e.g. an atomic store that trips a
/// cancellation token); nothing else happens inside the handler.
///
/// The handler is installed with `SA_RESTART`: without it, Swift's `readLine()` on a pipe spins at 100 %
/// CPU after a SIGINT (see TOOLCHAIN.md, "Terminal behaviour"). libedit still sees Ctrl-C at the prompt,
/// because while it reads a line it installs its own handler, which forwards the signal here.
public enum InterruptSignal {
    /// Installs the handler (once per process) and sets the hook called on every SIGINT; a later call
    /// replaces the hook. Passing `nil` keeps the counting only. Call it on the thread that will read the
    /// prompt (the main thread): see `installIfNeeded` for why SIGINT gets unblocked there.
    public static func install(onInterrupt: (@convention(c) () -> Void)? = nil) {
        withInterruptBlocked { interruptHook = onInterrupt }
        installIfNeeded()
    }

    /// Installs the counting handler unless it is in place, leaving the hook alone, and unblocks SIGINT on
    /// the calling thread. The signal mask is inherited through fork and exec, so a process started by a
    /// parent that blocks SIGINT (a tmux server launched from a test runner's worker thread, say) would
    /// otherwise never see Ctrl-C. Linux delivers a process-directed signal to the main thread whenever it
    /// does not block it, which is what interrupts libedit's read at the prompt.
    static func installIfNeeded() {
        // Unblock last: a SIGINT already pending would otherwise meet the default action and end the process.
        defer {
            var interrupt = sigset_t()
            sigemptyset(&interrupt)
            sigaddset(&interrupt, SIGINT)
            pthread_sigmask(SIG_UNBLOCK, &interrupt, nil)
        }
        installation.withLock { _ in
            guard !isInstalled else { return }
            // Touch every global the handler reads before it can run: lazy initialisation is not signal-safe.
            _ = interruptHook
            _ = signalCounters.received.load(ordering: .relaxed)
            var action = sigaction()
            #if canImport(Glibc)
                action.__sigaction_handler.sa_handler = handleInterrupt
            #else
                action.__sigaction_u.__sa_handler = handleInterrupt
            #endif
            action.sa_flags = SA_RESTART
            sigemptyset(&action.sa_mask)
            sigaction(SIGINT, &action, nil)
            signalCounters.installed.store(true, ordering: .releasing)
        }
    }

    /// Runs `body` with SIGINT blocked on this thread, so the handler never sees a half-updated hook here.
    private static func withInterruptBlocked(_ body: () -> Void) {
        var blocked = sigset_t()
        var previous = sigset_t()
        sigemptyset(&blocked)
        sigaddset(&blocked, SIGINT)
        pthread_sigmask(SIG_BLOCK, &blocked, &previous)
        defer { pthread_sigmask(SIG_SETMASK, &previous, nil) }
        body()
    }

    public static var isInstalled: Bool { signalCounters.installed.load(ordering: .acquiring) }

    /// SIGINTs received since the process started; only ever grows.
    public static var receivedCount: Int { signalCounters.received.load(ordering: .acquiring) }

    /// Whether a SIGINT arrived since the last call, clearing that state. The shell calls this before each
    /// command so that an idle Ctrl-C does not cancel the next one.
    public static func takePending() -> Bool {
        signalCounters.pending.exchange(false, ordering: .acquiringAndReleasing)
    }
}

private struct SignalCounters: ~Copyable, Sendable {
    let received = Atomic<Int>(0)
    let pending = Atomic<Bool>(false)
    let installed = Atomic<Bool>(false)
}

private let signalCounters = SignalCounters()

/// Serialises installation so that no thread unblocks SIGINT before the handler is in place.
private let installation = Mutex<Void>(())

// Read by the signal handler; written only with SIGINT blocked (see `install`).
nonisolated(unsafe) private var interruptHook: (@convention(c) () -> Void)?

private func handleInterrupt(_ signal: Int32) {
    signalCounters.received.add(1, ordering: .releasing)
    signalCounters.pending.store(true, ordering: .releasing)
    interruptHook?()
}
