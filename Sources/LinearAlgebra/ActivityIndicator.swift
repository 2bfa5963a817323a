import Foundation
import Synchronization

/// A line on stderr saying that a command is still running and for how long
/// (`\rmetrics … 12.3s (Ctrl-C cancels)`), for work without a `ProgressReporter` of its own.
///
/// Nothing is drawn during the first `delay` (short commands stay silent), when the sink is not a terminal,
/// or while a `ProgressReporter` is drawing (it owns the line then; it marks `ProgressReporter.lastDrawTime`).
/// `stop()` clears the line and must be called (the drawing thread keeps the indicator alive until then,
/// ending at its next tick). The drawing thread wakes every `tick` and only reads a clock and a flag, so it
/// costs nothing measurable beside the work.
public final class ActivityIndicator: Sendable {
    /// One second: the non-negotiable's "more than a second".
    public static let defaultDelay = 1.0
    public static let tick = 0.1

    private struct State {
        var stopped = false
        var drewSomething = false
    }

    // Drawing and clearing happen under this lock, so `stop()` never waits for the drawing thread (which
    // would add up to a tick to every command) and a line can never be drawn after it was cleared.
    private let state = Mutex(State())
    private let isActive: Bool
    private let environment: ProgressReporter.Environment

    public init(
        label: String, isEnabled: Bool, delay: Double = defaultDelay,
        environment: ProgressReporter.Environment = .standardError
    ) {
        self.environment = environment
        isActive = isEnabled && environment.isTerminal
        guard isActive else { return }
        let start = environment.now()
        let thread = Thread { [self] in
            while true {
                Thread.sleep(forTimeInterval: Self.tick)
                let running = state.withLock { state in
                    guard !state.stopped else { return false }
                    let now = environment.now()
                    if now - start >= delay, now - ProgressReporter.lastDrawTime > 0.5 {
                        state.drewSomething = true
                        environment.write("\r\(label) … \(String(format: "%.1fs", now - start)) (Ctrl-C cancels)\u{1B}[K")
                    }
                    return true
                }
                if !running { break }
            }
        }
        thread.start()
    }

    /// Stops drawing and clears the line if anything was drawn; returns at once.
    public func stop() {
        guard isActive else { return }
        state.withLock { state in
            guard !state.stopped else { return }
            state.stopped = true
            if state.drewSomething { environment.write("\r\u{1B}[K") }
        }
    }
}
