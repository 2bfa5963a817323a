import Foundation
import Synchronization
import Testing

@testable import LineEditing

private let firstHookCalls = Atomic<Int>(0)
private let secondHookCalls = Atomic<Int>(0)

/// Sends SIGINT to the calling thread and returns once the handler ran. Test runner threads (libdispatch
/// workers) block SIGINT, so it is unblocked around `raise`; a pending signal is delivered on unblocking.
private func interruptThisThread() {
    var interrupt = sigset_t()
    var previous = sigset_t()
    sigemptyset(&interrupt)
    sigaddset(&interrupt, SIGINT)
    pthread_sigmask(SIG_UNBLOCK, &interrupt, &previous)
    raise(SIGINT)
    pthread_sigmask(SIG_SETMASK, &previous, nil)
}

/// Raises real SIGINTs in the test process; serialized so that counts are not shared between tests.
@Suite(.serialized) struct InterruptSignalTests {
    @Test func handlerCountsCallsTheHookAndSetsPending() {
        InterruptSignal.install(onInterrupt: { firstHookCalls.add(1, ordering: .relaxed) })
        #expect(InterruptSignal.isInstalled)
        _ = InterruptSignal.takePending()
        let received = InterruptSignal.receivedCount
        let hookCalls = firstHookCalls.load(ordering: .relaxed)

        interruptThisThread()

        #expect(InterruptSignal.receivedCount == received + 1)
        #expect(firstHookCalls.load(ordering: .relaxed) == hookCalls + 1)
        #expect(InterruptSignal.takePending())
        #expect(!InterruptSignal.takePending())
    }

    @Test func installingAgainReplacesTheHook() {
        InterruptSignal.install(onInterrupt: { firstHookCalls.add(1, ordering: .relaxed) })
        InterruptSignal.install(onInterrupt: { secondHookCalls.add(1, ordering: .relaxed) })
        let first = firstHookCalls.load(ordering: .relaxed)
        let second = secondHookCalls.load(ordering: .relaxed)

        interruptThisThread()

        #expect(firstHookCalls.load(ordering: .relaxed) == first)
        #expect(secondHookCalls.load(ordering: .relaxed) == second + 1)
        _ = InterruptSignal.takePending()
    }

    @Test func installUnblocksAnInheritedBlockedSIGINT() {
        var interrupt = sigset_t()
        var previous = sigset_t()
        var current = sigset_t()
        sigemptyset(&interrupt)
        sigaddset(&interrupt, SIGINT)
        pthread_sigmask(SIG_BLOCK, &interrupt, &previous)
        defer { pthread_sigmask(SIG_SETMASK, &previous, nil) }

        InterruptSignal.install()

        pthread_sigmask(SIG_SETMASK, nil, &current)
        #expect(sigismember(&current, SIGINT) == 0)
    }

    @Test func handlerIsInstalledWithSARestart() {
        InterruptSignal.install()
        var current = sigaction()
        sigaction(SIGINT, nil, &current)
        #expect(current.sa_flags & Int32(SA_RESTART) != 0)
    }

    @Test func editorInstallsTheHandlerItselfAndKeepsAnExistingHook() {
        InterruptSignal.install(onInterrupt: { secondHookCalls.add(1, ordering: .relaxed) })
        let editor = LineEditor(programName: "modescope-test", historyPath: nil) { _ in nil }
        defer { editor.close() }
        let calls = secondHookCalls.load(ordering: .relaxed)
        interruptThisThread()
        #expect(secondHookCalls.load(ordering: .relaxed) == calls + 1)
        _ = InterruptSignal.takePending()
    }
}
