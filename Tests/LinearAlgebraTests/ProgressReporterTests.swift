import Foundation
import LinearAlgebra
import Synchronization
import Testing

/// A fake terminal: records writes, with a clock the test advances.
private final class FakeTerminal: Sendable {
    let writes = Mutex<[String]>([])
    let time = Mutex<Double>(100)

    func environment(isTerminal: Bool) -> ProgressReporter.Environment {
        ProgressReporter.Environment(
            isTerminal: isTerminal,
            write: { text in self.writes.withLock { $0.append(text) } },
            now: { self.time.withLock { $0 } })
    }

    func advanceClock(by seconds: Double) { time.withLock { $0 += seconds } }
    var output: [String] { writes.withLock { $0 } }
}

@Suite struct ProgressReporterTests {
    @Test func drawsThrottledLinesAndClearsAtTheEnd() {
        let terminal = FakeTerminal()
        let progress = ProgressReporter(
            label: "knn", total: 10_000, isEnabled: true, environment: terminal.environment(isTerminal: true))
        progress.advance(by: 4500)
        terminal.advanceClock(by: 0.05)
        progress.advance(by: 500)  // within 0.1 s of the last draw: skipped
        terminal.advanceClock(by: 2.05)
        progress.advance(by: 1000)
        progress.finish()
        progress.advance(by: 1)  // after finish: silent
        #expect(terminal.output == ["\rknn 45% (4500/10000) 0.0s", "\rknn 60% (6000/10000) 2.1s", "\r\u{1B}[K"])
    }

    @Test func silentWhenNotATerminalOrDisabled() {
        for (isTerminal, isEnabled) in [(false, true), (true, false)] {
            let terminal = FakeTerminal()
            let progress = ProgressReporter(
                label: "x", total: 10, isEnabled: isEnabled, environment: terminal.environment(isTerminal: isTerminal))
            progress.advance(by: 5)
            progress.finish()
            #expect(terminal.output.isEmpty)
        }
    }

    @Test func unknownTotalShowsCountAndFinishWithoutDrawingWritesNothing() {
        let terminal = FakeTerminal()
        let progress = ProgressReporter(label: "", total: 0, isEnabled: true, environment: terminal.environment(isTerminal: true))
        progress.advance(by: 7)
        progress.finish()
        #expect(terminal.output == ["\r7 0.0s", "\r\u{1B}[K"])
        let quiet = FakeTerminal()
        ProgressReporter(label: "", total: 3, isEnabled: true, environment: quiet.environment(isTerminal: true)).finish()
        #expect(quiet.output.isEmpty)
    }

    @Test func percentageIsCappedAtOneHundred() {
        let terminal = FakeTerminal()
        let progress = ProgressReporter(label: "p", total: 4, isEnabled: true, environment: terminal.environment(isTerminal: true))
        progress.advance(by: 9)
        #expect(terminal.output == ["\rp 100% (9/4) 0.0s"])
    }
}

@Suite struct ActivityIndicatorTests {
    /// Polls (real time, generous) until `condition` holds; the indicator's thread ticks every 0.1 s.
    private func eventually(_ condition: () -> Bool) -> Bool {
        let deadline = ContinuousClock.now + .seconds(20)
        while ContinuousClock.now < deadline {
            if condition() { return true }
            Thread.sleep(forTimeInterval: 0.02)
        }
        return false
    }

    @Test func staysQuietForTheDelayThenShowsElapsedTimeAndClears() {
        let terminal = FakeTerminal()
        terminal.advanceClock(by: 10_000)  // far from any reporter's fake draw time
        let activity = ActivityIndicator(label: "metrics", isEnabled: true, environment: terminal.environment(isTerminal: true))
        Thread.sleep(forTimeInterval: 0.3)
        #expect(terminal.output.isEmpty, "nothing within the first second (of the fake clock)")
        terminal.advanceClock(by: 2)
        #expect(eventually { terminal.output.contains { $0.contains("metrics … 2.0s (Ctrl-C cancels)") } })
        activity.stop()
        #expect(terminal.output.last == "\r\u{1B}[K")
        let count = terminal.output.count
        Thread.sleep(forTimeInterval: 0.3)
        #expect(terminal.output.count == count, "nothing after stop")
    }

    @Test func drawsNothingOffATerminalOrWhenDisabled() {
        for (isTerminal, isEnabled) in [(false, true), (true, false)] {
            let terminal = FakeTerminal()
            let activity = ActivityIndicator(label: "nn", isEnabled: isEnabled, environment: terminal.environment(isTerminal: isTerminal))
            terminal.advanceClock(by: 5)
            Thread.sleep(forTimeInterval: 0.3)
            activity.stop()
            #expect(terminal.output.isEmpty)
        }
    }

    @Test func stopBeforeTheDelayLeavesNoTrace() {
        let terminal = FakeTerminal()
        let activity = ActivityIndicator(label: "load", isEnabled: true, environment: terminal.environment(isTerminal: true))
        activity.stop()
        activity.stop()
        #expect(terminal.output.isEmpty)
    }
}
