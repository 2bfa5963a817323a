import Foundation
import Synchronization

/// Draws one updating progress line (`\r<label> 45% (4500/10000) 2.1s`) on stderr while long work runs,
/// and clears it when done.
///
/// It draws only when allowed *and* the sink is a terminal (by default `isatty(2)`), so pipes, logs and
/// golden tests see nothing; redraws are throttled to `minimumRedrawInterval`. Safe to call from the
/// workers of `parallelForBlocks`.
public final class ProgressReporter: Sendable {
    /// At most ten redraws a second: faster is invisible and costs terminal bandwidth over ssh.
    public static let minimumRedrawInterval = 0.1

    /// How the reporter writes and tells time; tests inject their own.
    public struct Environment: Sendable {
        public var isTerminal: Bool
        public var write: @Sendable (String) -> Void
        /// Monotonic seconds.
        public var now: @Sendable () -> Double

        public init(isTerminal: Bool, write: @escaping @Sendable (String) -> Void, now: @escaping @Sendable () -> Double) {
            self.isTerminal = isTerminal
            self.write = write
            self.now = now
        }

        /// Standard error, terminal-detected with `isatty(2)`, timed by the monotonic clock.
        public static var standardError: Environment {
            Environment(
                isTerminal: isatty(2) != 0,
                write: { FileHandle.standardError.write(Data($0.utf8)) },
                now: { Double(DispatchTime.now().uptimeNanoseconds) / 1e9 })
        }
    }

    private struct State {
        var completed = 0
        var lastDraw: Double?
        var drewSomething = false
        var finished = false
    }

    /// When any reporter last drew (monotonic seconds of its environment), so `ActivityIndicator` leaves
    /// the line to it.
    public static var lastDrawTime: Double { lastDraw.load(ordering: .relaxed) }
    private static let lastDraw = Atomic<Double>(-Double.infinity)

    public let label: String
    public let total: Int
    private let environment: Environment
    private let isActive: Bool
    private let start: Double
    private let state = Mutex(State())

    /// - Parameters:
    ///   - total: units of work (rows, iterations); values ≤ 0 show no percentage.
    ///   - isEnabled: the caller's switch (e.g. off in scripts or with `.progress off`).
    public init(label: String, total: Int, isEnabled: Bool, environment: Environment = .standardError) {
        self.label = label
        self.total = total
        self.environment = environment
        self.isActive = isEnabled && environment.isTerminal
        self.start = environment.now()
    }

    /// Adds `units` of completed work and redraws if the throttle allows.
    public func advance(by units: Int = 1) {
        guard isActive else { return }
        let line: String? = state.withLock { state in
            guard !state.finished else { return nil }
            state.completed += units
            let now = environment.now()
            if let last = state.lastDraw, now - last < Self.minimumRedrawInterval { return nil }
            state.lastDraw = now
            state.drewSomething = true
            Self.lastDraw.store(now, ordering: .relaxed)
            return render(completed: state.completed, elapsed: now - start)
        }
        if let line { environment.write(line) }
    }

    /// Clears the line (if anything was drawn); later calls to `advance` draw nothing.
    public func finish() {
        guard isActive else { return }
        let shouldClear = state.withLock { state in
            defer { state.finished = true }
            return state.drewSomething && !state.finished
        }
        // Carriage return then "erase to end of line" (ANSI EL), leaving the cursor at column 0.
        if shouldClear { environment.write("\r\u{1B}[K") }
    }

    private func render(completed: Int, elapsed: Double) -> String {
        let seconds = String(format: "%.1fs", elapsed)
        let prefix = label.isEmpty ? "" : label + " "
        guard total > 0 else { return "\r\(prefix)\(completed) \(seconds)" }
        let percent = min(100, completed * 100 / total)
        return "\r\(prefix)\(percent)% (\(completed)/\(total)) \(seconds)"
    }
}
